import Foundation
import Glibc
import Testing

/// A model holds regular files, directories and symlinks only. A FIFO is bad input to
/// sign and a rejection at verify; neither may block trying to read it.
@Suite struct SpecialFileTests {
    @Test func fifoAddedAfterSigningIsRejected() throws {
        let fixture = try SignedFixture.make()
        #expect(mkfifo(fixture.file("tokenizer/pipe"), 0o644) == 0)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["tokenizer/pipe is a FIFO"])
    }

    @Test func fifoInTheModelIsRefusedAtSignTime() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        #expect(mkfifo("\(model)/pipe", 0o644) == 0)
        let before = listing(model)
        let result = try CLI.run(["sign", model, "--key", keys.privateKey], environment: KeyPair.environment)
        expectBadInput(result, mentioning: ["pipe is a FIFO"])
        #expect(listing(model) == before)
    }

    @Test func ignoredFifoIsNeitherSignedNorRejected() throws {
        let fixture = try SignedFixture.make(signArguments: ["--ignore", "*.pipe"])
        #expect(mkfifo(fixture.file("progress.pipe"), 0o644) == 0)
        expectAccepted(try fixture.verify())
    }
}
