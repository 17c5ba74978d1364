/// Moves a signed model across a trust boundary (see `Docs/STORE.md`, "Transfer"). The
/// steps are written once, here, over `ModelSource` and `ModelDestination`:
///
/// 1. `Crossing.init`: refuse a clock moved back; check the source store's crossing log
///    (under its lock, released at once); take the destination store's lock and check its
///    log;
/// 2. `Crossing.perform`: read the bundle and verify it under the destination's policy (the
///    source store's for an export or a push) before a byte is written; bind the signed
///    model to what was asked for (`--model`, the source's own claims);
/// 3. the destination admits it (a store's rollback guard, a registry's tag);
/// 4. the destination receives every file once, hashed as it streams and compared with the
///    signed digest, and publishes the model last, atomically;
/// 5. `Crossing.log`: log the crossing in both stores, rejections included, under one
///    transfer id.
public enum ModelTransfer {
    public static func run(_ request: TransferRequest) throws -> TransferOutcome {
        try TransferClock.requireNotBack(request.now)
        let transferID = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
        var transfer = try Crossing(request: request, transferID: transferID)
        do {
            let outcome = try transfer.perform()
            try transfer.log(result: .accepted, reason: outcome.reason)
            return outcome
        } catch let rejection as TransferRejection {
            let reason = "\(rejection.check): \(rejection.reason)"
            try transfer.log(result: .rejected, reason: reason, manifest: rejection.manifest)
            return transfer.rejected(reason, manifest: rejection.manifest, report: rejection.report)
        } catch let error as ArtefactError where error.kind == .rejected {
            // Rejections raised while reading the source's bytes: the files are not what was signed.
            let reason = "integrity: \(error.message)"
            try transfer.log(result: .rejected, reason: reason)
            return transfer.rejected(reason, manifest: transfer.manifest, report: nil)
        } catch let interrupted as Interrupted {
            // Nothing was published (the publish is the last step and checks for no signal);
            // what was staged or uploaded stays for the rerun to resume from.
            try? transfer.log(result: .interrupted, reason: "interrupted by \(interrupted.signalName)")
            throw Interrupted(signal: interrupted.signal, rerun: transfer.destination.rerunAfterInterruption)
        } catch {
            try? transfer.log(result: .failed, reason: "\(error)")
            throw error
        }
    }
}
