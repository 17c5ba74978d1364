import Foundation
import Testing

/// Changes to the bytes, names and set of a signed model's files: each must be rejected by
/// the integrity check, naming the files involved.
@Suite struct ContentTamperingTests {
    @Test func changedFileIsRejected() throws {
        let fixture = try SignedFixture.make()
        var bytes = try fixture.read("weights/model.safetensors")
        bytes[bytes.count / 2] ^= 0x01
        try fixture.write("weights/model.safetensors", bytes)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: weights/model.safetensors"])
    }

    @Test func truncatedFileIsRejected() throws {
        let fixture = try SignedFixture.make()
        let bytes = try fixture.read("weights/model.safetensors")
        try fixture.write("weights/model.safetensors", bytes.prefix(bytes.count - 1))
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: weights/model.safetensors"])
    }

    @Test func appendedFileIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.write("config.json", try fixture.read("config.json") + Data("\n".utf8))
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: config.json"])
    }

    @Test func addedFileIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.write("tokenizer/special_tokens.json", "{}")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["unexpected: tokenizer/special_tokens.json"])
    }

    @Test func addedEmptyFileIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.write("README", Data())
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["unexpected: README"])
    }

    @Test func removedFileIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.remove("empty.txt")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["missing: empty.txt"])
    }

    @Test func renamedFileIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.move("tokenizer/merges.txt", to: "tokenizer/merges.old")
        expectRejected(try fixture.verify(), check: "integrity",
                       mentioning: ["missing: tokenizer/merges.txt", "unexpected: tokenizer/merges.old"])
    }

    @Test func fileMovedToAnotherDirectoryIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.move("weights/model.safetensors", to: "model.safetensors")
        expectRejected(try fixture.verify(), check: "integrity",
                       mentioning: ["missing: weights/model.safetensors", "unexpected: model.safetensors"])
    }

    /// Two files of the same size trade contents: every name, size and the set of digests
    /// is unchanged, so only a per-path comparison catches it.
    @Test func swappedContentsAreRejected() throws {
        let fixture = try SignedFixture.make { scratch, model in
            try scratch.write("\(model)/shards/part-a.bin", "AAAAAAAA")
            try scratch.write("\(model)/shards/part-b.bin", "BBBBBBBB")
        }
        expectAccepted(try fixture.verify())
        let first = try fixture.read("shards/part-a.bin")
        try fixture.write("shards/part-a.bin", try fixture.read("shards/part-b.bin"))
        try fixture.write("shards/part-b.bin", first)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: shards/part-a.bin, shards/part-b.bin"])
    }

    @Test func restoringTheOriginalBytesIsAcceptedAgain() throws {
        let fixture = try SignedFixture.make()
        let original = try fixture.read("config.json")
        try fixture.write("config.json", #"{"architecture":"huge","layers":2}"#)
        #expect(try fixture.verify().status == 1)
        try fixture.write("config.json", original)
        expectAccepted(try fixture.verify())
    }
}
