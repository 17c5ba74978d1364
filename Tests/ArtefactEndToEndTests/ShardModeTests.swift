import Foundation
import Testing

/// `sign --shard-size` hashes large files as fixed-size shards; the shard size is signed,
/// and verify re-applies it without being told.
@Suite struct ShardModeTests {
    static let mebibyte = 1 << 20

    /// A model with a 3 MiB file, signed with 1 MiB shards.
    static func shardedFixture() throws -> SignedFixture {
        try SignedFixture.make(signArguments: ["--shard-size", "1M"]) { scratch, model in
            var generator = SplitMix64(seed: 7)
            var bytes = Data(count: 3 * mebibyte)
            bytes.withUnsafeMutableBytes { raw in
                for index in 0..<raw.count { raw[index] = UInt8(truncatingIfNeeded: generator.next()) }
            }
            try scratch.write("\(model)/weights/big.bin", bytes)
        }
    }

    @Test func verifyReappliesTheSignedShardSize() throws {
        let fixture = try Self.shardedFixture()
        expectAccepted(try fixture.verify())
        let claims = try jsonObject(try CLI.run(["inspect", fixture.bundlePath, "--json"]).stdout)
        let hashing = try #require(claims["hashing"] as? [String: Any])
        #expect(hashing["mode"] as? String == "shards")
        #expect(hashing["shardSize"] as? Int == Self.mebibyte)
        let files = try #require(claims["files"] as? [[String: Any]])
        let big = try #require(files.first { $0["path"] as? String == "weights/big.bin" })
        #expect((big["shards"] as? [String])?.count == 3)
        #expect(big["sha256"] == nil)
        // Small files stay whole.
        let config = try #require(files.first { $0["path"] as? String == "config.json" })
        #expect(config["sha256"] is String)
    }

    @Test func changedByteInTheMiddleShardIsRejected() throws {
        let fixture = try Self.shardedFixture()
        var bytes = try fixture.read("weights/big.bin")
        bytes[Self.mebibyte + Self.mebibyte / 2] ^= 0x01
        try fixture.write("weights/big.bin", bytes)
        let result = try fixture.verify(["--json"])
        expectRejected(result, check: "integrity", mentioning: ["changed: weights/big.bin"])
        let report = try jsonObject(result.stdout)
        let checks = try #require(report["checks"] as? [[String: Any]])
        let integrity = try #require(checks.first { $0["check"] as? String == "integrity" })
        #expect(integrity["mismatched"] as? [String] == ["weights/big.bin"])
    }

    @Test(arguments: [0, 3 * 1_048_576 - 1])
    func changedByteInAnEdgeShardIsRejected(offset: Int) throws {
        let fixture = try Self.shardedFixture()
        var bytes = try fixture.read("weights/big.bin")
        bytes[offset] ^= 0x80
        try fixture.write("weights/big.bin", bytes)
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: weights/big.bin"])
    }

    @Test func shardedAndWholeFileDigestsDiffer() throws {
        let fixture = try Self.shardedFixture()
        let sharded = try jsonObject(try CLI.run(["hash", fixture.model, "--json", "--shard-size", "1M"]).stdout)
        let whole = try jsonObject(try CLI.run(["hash", fixture.model, "--json"]).stdout)
        let signed = try jsonObject(try CLI.run(["inspect", fixture.bundlePath, "--json"]).stdout)
        let signedDigest = (signed["model"] as? [String: Any])?["modelDigest"] as? String
        #expect(sharded["modelDigest"] as? String == signedDigest)
        #expect(whole["modelDigest"] as? String != signedDigest)
    }
}
