import Foundation
import Glibc
import Testing

/// Files artefact reads whole are opened without blocking and read only when they are
/// regular files: a FIFO (nobody ever writes to it) in place of a bundle, a key or a
/// policy ends the command at once with one clear line, instead of hanging it (and, for a
/// transfer, the store lock with it). Each run has a deadline so that a hang fails the
/// test rather than blocking the suite.
@Suite struct FIFOInputTests {
    private static let deadline = 60.0

    /// Runs `artefact ARGUMENTS`, killing it if it is still running after the deadline.
    private static func runWithDeadline(_ world: StoreFixture, _ arguments: [String],
                                        sourceLocation: SourceLocation = #_sourceLocation) throws -> BackgroundRun.Ending {
        let run = try world.start(arguments)
        let finished = poll(upTo: deadline) { !run.isRunning }
        if !finished { run.kill() }
        #expect(finished, "artefact \(arguments.joined(separator: " ")) blocked on a FIFO", sourceLocation: sourceLocation)
        return run.wait()
    }

    private static func makeFIFO(_ path: String) throws {
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try #require(mkfifo(path, 0o644) == 0, "mkfifo \(path)")
    }

    @Test func verifyRejectsAFIFOBundle() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try Self.makeFIFO("\(model)/model.sig")
        let ending = try Self.runWithDeadline(world, ["verify", model, "--key", world.signer.publicKey])
        #expect(ending.status == 1, "stderr: \(ending.stderr)")
        #expect(ending.stderr.contains("is a FIFO, not a regular file"), "stderr: \(ending.stderr)")
    }

    @Test func inspectRejectsAFIFOBundle() throws {
        let world = try StoreFixture()
        try Self.makeFIFO(world.path("bundle.sig"))
        let ending = try Self.runWithDeadline(world, ["inspect", world.path("bundle.sig")])
        #expect(ending.status == 1, "stderr: \(ending.stderr)")
        #expect(ending.stderr.contains("is a FIFO, not a regular file"), "stderr: \(ending.stderr)")
    }

    @Test func aTransferOfAModelWithAFIFOBundleIsRejectedAndFreesTheStore() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try Self.makeFIFO("\(model)/model.sig")
        let ending = try Self.runWithDeadline(world, ["transfer", model, store])
        #expect(ending.status == 1, "stderr: \(ending.stderr)")
        #expect(ending.stderr.contains("is a FIFO, not a regular file"), "stderr: \(ending.stderr)")
        // The rejection is logged, and the store takes the next transfer.
        #expect(try world.auditEntries(store).last?["result"] as? String == "rejected")
        try world.transferAccepted(try world.signedModel("good", name: "resnet", version: "1.0.0"), store)
    }

    @Test(arguments: ["--key", "--policy"])
    func aFIFOKeyOrPolicyIsBadInput(flag: String) throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try Self.makeFIFO(world.path("input"))
        let ending = try Self.runWithDeadline(world, ["verify", model, flag, world.path("input")])
        #expect(ending.status == 2, "stderr: \(ending.stderr)")
        #expect(ending.stderr.contains("\(world.path("input")) is a FIFO, not a regular file"), "stderr: \(ending.stderr)")
    }

    @Test func aFIFOSigningKeyIsBadInput() throws {
        let world = try StoreFixture()
        let model = try world.scratch.makeModel("model")
        try Self.makeFIFO(world.path("key.pem"))
        let ending = try Self.runWithDeadline(world, ["sign", model, "--key", world.path("key.pem"), "--name", "resnet"])
        #expect(ending.status == 2, "stderr: \(ending.stderr)")
        #expect(ending.stderr.contains("is a FIFO, not a regular file"), "stderr: \(ending.stderr)")
    }
}
