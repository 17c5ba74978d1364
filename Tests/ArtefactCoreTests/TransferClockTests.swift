@testable import ArtefactCore
import Foundation
import Testing

/// A crossing may be judged later than now, never earlier: the rule lives in the transfer
/// layer, so a library caller of `ModelTransfer.run` cannot move the clock back either.
@Suite struct TransferClockTests {
    private let now = Timestamp(secondsSinceEpoch: 1_800_000_000)
    private let message = "--at cannot move a crossing's clock back; expired models must be re-signed"

    @Test func laterMomentsAndTheSkewToleranceAreAccepted() throws {
        try TransferClock.requireNotBack(Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + 86_400), now: now)
        try TransferClock.requireNotBack(now, now: now)
        try TransferClock.requireNotBack(Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - 60), now: now)
    }

    @Test func anEarlierMomentIsBadInput() {
        let error = #expect(throws: ArtefactError.self) {
            try TransferClock.requireNotBack(Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - 61), now: now)
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message == message)
    }

    @Test func aTransferJudgedInThePastIsRefusedBeforeAnyWork() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        let store = try scratch.makeStore("store")
        try scratch.write("model/weights.bin")
        let request = TransferRequest(source: .directory(try ModelLocation(modelPath: scratch.path("model"), signaturePath: nil)),
                                      destination: .store(store),
                                      now: Timestamp(secondsSinceEpoch: Timestamp.now.secondsSinceEpoch - 3600))
        let error = #expect(throws: ArtefactError.self) { _ = try ModelTransfer.run(request) }
        #expect(error?.kind == .badInput)
        #expect(error?.message == message)
        // Refused before the crossing began: nothing logged.
        #expect(try store.auditLog(passphrase: nil).entries().count == 1)
    }
}
