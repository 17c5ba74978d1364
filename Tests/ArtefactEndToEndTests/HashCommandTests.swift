import Foundation
import Testing

/// `artefact hash`: sha256sum-compatible lines, and the same model digest sign signs.
@Suite struct HashCommandTests {
    static let regularFiles = ["config.json", "empty.txt", "tokenizer/merges.txt", "tokenizer/vocab.json",
                               "weights/model.safetensors"]

    /// The `# model digest: sha256:HEX` line's value.
    static func modelDigest(_ hashOutput: String) throws -> String {
        let line = try #require(hashOutput.split(separator: "\n").first { $0.hasPrefix("# model digest: ") })
        return String(line.dropFirst("# model digest: ".count))
    }

    @Test func outputPassesSha256sumCheck() throws {
        let scratch = try Scratch()
        let model = try scratch.makeModel()
        let result = try CLI.run(["hash", model])
        #expect(result.status == 0, "\(result.stderr)")
        try scratch.write("sums.txt", result.stdout)
        let check = try CLI.runTool("sha256sum", ["-c", "--strict", scratch.path("sums.txt")], directory: URL(fileURLWithPath: model))
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.split(separator: "\n").sorted() == Self.regularFiles.map { "\($0): OK" })

        // And sha256sum notices when a file changes.
        try scratch.write("model/tokenizer/merges.txt", "b a\n")
        let recheck = try CLI.runTool("sha256sum", ["-c", scratch.path("sums.txt")], directory: URL(fileURLWithPath: model))
        #expect(recheck.status != 0)
        #expect(recheck.stdout.contains("tokenizer/merges.txt: FAILED"))
    }

    @Test func modelDigestMatchesSignAndInspect() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        let before = try Self.modelDigest(try CLI.run(["hash", model]).stdout)

        let signed = try CLI.run(["sign", model, "--key", keys.privateKey], environment: KeyPair.environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("model digest \(before)\n"))

        let claims = try jsonObject(try CLI.run(["inspect", "\(model)/model.sig", "--json"]).stdout)
        #expect((claims["model"] as? [String: Any])?["modelDigest"] as? String == before)

        // The bundle now inside the model is left out, so the digest does not move.
        #expect(try Self.modelDigest(try CLI.run(["hash", model]).stdout) == before)
        // But any content change does.
        try scratch.write("model/empty.txt", "no longer empty")
        #expect(try Self.modelDigest(try CLI.run(["hash", model]).stdout) != before)
    }

    @Test func symlinkTargetIsPartOfTheModelDigest() throws {
        let scratch = try Scratch()
        let model = try scratch.makeModel()
        let before = try Self.modelDigest(try CLI.run(["hash", model]).stdout)
        try FileManager.default.removeItem(atPath: "\(model)/latest.json")
        try FileManager.default.createSymbolicLink(atPath: "\(model)/latest.json", withDestinationPath: "empty.txt")
        #expect(try Self.modelDigest(try CLI.run(["hash", model]).stdout) != before)
    }

    @Test func jsonListsEveryFileWithSizeAndDigest() throws {
        let scratch = try Scratch()
        let model = try scratch.makeModel()
        let result = try CLI.run(["hash", model, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try jsonObject(result.stdout)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.compactMap { $0["path"] as? String } == Self.regularFiles)

        let sums = try CLI.runTool("sha256sum", Self.regularFiles, directory: URL(fileURLWithPath: model))
        var expected: [String: String] = [:]
        for line in sums.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            expected[String(parts[1].drop { $0 == " " || $0 == "*" })] = String(parts[0])
        }
        for file in files {
            let path = try #require(file["path"] as? String)
            let size = try FileManager.default.attributesOfItem(atPath: "\(model)/\(path)")[.size] as? NSNumber
            #expect((file["size"] as? NSNumber)?.int64Value == size?.int64Value, "\(path) size")
            #expect(file["sha256"] as? String == expected[path], "\(path) digest")
        }
        let symlinks = try #require(document["symlinks"] as? [[String: Any]])
        #expect(symlinks.count == 1)
        #expect(symlinks.first?["path"] as? String == "latest.json")
        #expect(symlinks.first?["target"] as? String == "config.json")

        let text = try CLI.run(["hash", model]).stdout
        #expect(document["modelDigest"] as? String == (try Self.modelDigest(text)))
    }
}
