import Foundation
import Testing

/// `scripts/verify_bundle.py` is a verifier written from `Docs/FORMAT.md` alone. If it
/// agrees with artefact on fresh signatures, in both hashing modes, on tampering, and on
/// the document's worked example, then the document says enough to verify a signature.
@Suite struct ThirdPartyVerifierTests {
    /// The repository root: this file is `Tests/ArtefactEndToEndTests/<this file>`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func repositoryPath(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent(relative).path
    }

    /// `python3 scripts/verify_bundle.py MODEL BUNDLE PUBLIC_KEY`.
    static func thirdPartyVerify(model: String, bundle: String, key: String) throws -> CLIResult {
        try CLI.runTool("python3", [repositoryPath("scripts/verify_bundle.py"), model, bundle, key])
    }

    /// Signs `model` and returns the model digest that `sign` printed.
    static func sign(_ model: String, keys: KeyPair, _ extra: [String] = []) throws -> String {
        let result = try CLI.run(["sign", model, "--key", keys.privateKey, "--quiet"] + extra, environment: KeyPair.environment)
        try #require(result.status == 0, "sign failed: \(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("model digest sha256:") })
        return String(line.dropFirst("model digest sha256:".count))
    }

    /// Adds a 3 MiB file, so that 1 MiB shard mode splits it into three shards.
    static func addLargeFile(to scratch: Scratch) throws {
        var generator = SplitMix64(seed: 3)
        var bytes = Data(count: 3 << 20)
        bytes.withUnsafeMutableBytes { raw in
            for index in 0..<raw.count { raw[index] = UInt8(truncatingIfNeeded: generator.next()) }
        }
        try scratch.write("model/weights/large.bin", bytes)
    }

    /// The signed payload of a bundle, decoded, for checking what was signed.
    static func payload(ofBundle path: String) throws -> String {
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let envelope = try #require(bundle["dsseEnvelope"] as? [String: Any])
        let encoded = try #require(envelope["payload"] as? String)
        let payload = try #require(Data(base64Encoded: encoded))
        return String(decoding: payload, as: UTF8.self)
    }

    @Test func acceptsWhatSignWrites() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        let digest = try Self.sign(model, keys: keys)

        let result = try Self.thirdPartyVerify(model: model, bundle: "\(model)/model.sig", key: keys.publicKey)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "OK model \(digest)\n")
    }

    @Test func acceptsShardMode() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        try Self.addLargeFile(to: scratch)
        let digest = try Self.sign(model, keys: keys, ["--shard-size", "1M"])
        #expect(try Self.payload(ofBundle: "\(model)/model.sig").contains(#""shardSize":1048576"#))
        #expect(try Self.payload(ofBundle: "\(model)/model.sig").contains(#""path":"weights/large.bin","size":3145728,"shards":["#))

        let result = try Self.thirdPartyVerify(model: model, bundle: "\(model)/model.sig", key: keys.publicKey)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "OK model \(digest)\n")
    }

    @Test(arguments: [
        ("weights/model.safetensors", [String]()),
        ("weights/large.bin", ["--shard-size", "1M"]),
    ])
    func rejectsOneChangedByte(file: String, signArguments: [String]) throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        try Self.addLargeFile(to: scratch)
        _ = try Self.sign(model, keys: keys, signArguments)
        var bytes = try scratch.read("model/\(file)")
        bytes[bytes.count / 2] ^= 0x01
        try scratch.write("model/\(file)", bytes)

        let result = try Self.thirdPartyVerify(model: model, bundle: "\(model)/model.sig", key: keys.publicKey)
        #expect(result.status == 1, "stdout: \(result.stdout)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("changed: \(file)"), "stderr: \(result.stderr)")
    }

    @Test func rejectsAKeyThatDidNotSign() throws {
        let scratch = try Scratch()
        let signer = try KeyPair.generate(in: scratch, name: "signer")
        let stranger = try KeyPair.generate(in: scratch, name: "stranger")
        let model = try scratch.makeModel()
        _ = try Self.sign(model, keys: signer)

        let result = try Self.thirdPartyVerify(model: model, bundle: "\(model)/model.sig", key: stranger.publicKey)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no signature"), "stderr: \(result.stderr)")
    }

    /// Co-signatures share one envelope; either signer's key alone verifies it.
    @Test func acceptsEitherKeyOfACoSignedBundle() throws {
        let scratch = try Scratch()
        let first = try KeyPair.generate(in: scratch, name: "first")
        let second = try KeyPair.generate(in: scratch, name: "second")
        let model = try scratch.makeModel()
        let digest = try Self.sign(model, keys: first)
        let appended = try CLI.run(["sign", model, "--key", second.privateKey, "--append", "--quiet"], environment: KeyPair.environment)
        try #require(appended.status == 0, "sign --append failed: \(appended.stderr)")

        for keys in [first, second] {
            let result = try Self.thirdPartyVerify(model: model, bundle: "\(model)/model.sig", key: keys.publicKey)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout == "OK model \(digest)\n")
        }
    }

    /// The worked example in FORMAT.md is real: both verifiers accept it.
    @Test func acceptsTheWorkedExample() throws {
        let model = Self.repositoryPath("Docs/example/tiny-model")
        let key = Self.repositoryPath("Docs/example/example.pub")
        let result = try Self.thirdPartyVerify(model: model, bundle: "\(model)/model.sig", key: key)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "OK tiny-model f4d3ebbad76f5d734da226617b38c4a5adac26715a3805fe9957c87c21d4c505\n")

        let artefact = try CLI.run(["verify", model, "--key", key, "--quiet"])
        #expect(artefact.status == 0, "stderr: \(artefact.stderr)")
    }

    /// FORMAT.md shows the example's bundle and public key byte for byte.
    @Test func documentQuotesTheWorkedExampleVerbatim() throws {
        let document = try String(contentsOfFile: Self.repositoryPath("Docs/FORMAT.md"), encoding: .utf8)
        let bundle = try String(contentsOfFile: Self.repositoryPath("Docs/example/tiny-model/model.sig"), encoding: .utf8)
        let key = try String(contentsOfFile: Self.repositoryPath("Docs/example/example.pub"), encoding: .utf8)
        #expect(document.contains(bundle), "Docs/FORMAT.md does not show Docs/example/tiny-model/model.sig as it is")
        #expect(document.contains(key), "Docs/FORMAT.md does not show Docs/example/example.pub as it is")
    }
}
