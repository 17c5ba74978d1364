import Foundation
import Testing

/// Names, paths and reasons reach the terminal escaped: an ESC sequence or a bidi override
/// in a file name, a model path or a store path is shown as `\x1B` or `\u{202E}`, never
/// sent raw, in human output and error lines alike; JSON output escapes them as `\u`.
@Suite struct TerminalEscapingTests {
    /// A title-setting OSC sequence, a cursor-up CSI sequence, a C1 control and a bidi override.
    static let hostile = "a\u{1B}]0;owned\u{07}b\u{1B}[1Ac\u{9B}d\u{202E}e"
    static let escaped = #"a\x1B]0;owned\x07b\x1B[1Ac\x9Bd\u{202E}e"#

    func expectNoRawControls(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value) || [0x202E, 0x2066, 0x200F].contains(scalar.value)
        }
        #expect(raw.isEmpty, "raw controls \(raw.map { String($0.value, radix: 16) }) in: \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func inspectShowsAFileNameWithABidiOverrideEscaped() throws {
        let fixture = try SignedFixture.make()
        try fixture.scratch.write("model/exe.\u{202E}gnp.txt", "x")
        let signed = try CLI.run(["sign", fixture.model, "--key", fixture.keys.privateKey, "--quiet"], environment: KeyPair.environment)
        try #require(signed.status == 0, "\(signed.stderr)")
        let result = try CLI.run(["inspect", "\(fixture.model)/model.sig"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#"exe.\u{202E}gnp.txt"#))
        expectNoRawControls(result.stdout)
        let json = try CLI.run(["inspect", "\(fixture.model)/model.sig", "--json"])
        #expect(json.stdout.contains(#"exe.\u202egnp.txt"#))
        expectNoRawControls(json.stdout)
        // Still the same JSON to a parser.
        let files = try #require(try jsonObject(json.stdout)["files"] as? [[String: Any]])
        #expect(files.contains { $0["path"] as? String == "exe.\u{202E}gnp.txt" })
    }

    @Test func aRejectionNamingAFileShowsItEscaped() throws {
        let fixture = try SignedFixture.make()
        try fixture.scratch.write("model/\u{202E}weights.bin", "original")
        let signed = try CLI.run(["sign", fixture.model, "--key", fixture.keys.privateKey, "--quiet"], environment: KeyPair.environment)
        try #require(signed.status == 0, "\(signed.stderr)")
        try fixture.scratch.write("model/\u{202E}weights.bin", "tampered")
        let result = try fixture.verify()
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"\u{202E}weights.bin"#), "\(result.stderr)")
        expectNoRawControls(result.stderr)
    }

    @Test(arguments: [["verify"], ["inspect"], ["store", "list"], ["audit", "show"]])
    func anErrorLineNamingAHostilePathShowsItEscaped(command: [String]) throws {
        let scratch = try Scratch()
        let path = scratch.path(Self.hostile)
        let arguments = command == ["verify"] ? ["verify", path, "--key", path] : command + [path]
        let result = try CLI.run(arguments)
        #expect(result.status == 2 || result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(Self.escaped), "\(result.stderr.debugDescription)")
        expectNoRawControls(result.stderr)
    }

    @Test func storeListAndAuditShowEscapeHostileStoreAndSourcePaths() throws {
        let world = try StoreFixture()
        let model = try world.signedModel(Self.hostile, name: "resnet", version: "1.0.0")
        let store = try world.makeStore("store-\u{202E}-\u{1B}[2J")
        try world.transferAccepted(model, store)

        let list = try world.run(["store", "list", store])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains(#"store-\u{202E}-\x1B[2J"#), "\(list.stdout.debugDescription)")
        expectNoRawControls(list.stdout)

        let audit = try world.run(["audit", "show", store])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains(Self.escaped), "\(audit.stdout.debugDescription)")
        expectNoRawControls(audit.stdout)

        let json = try world.run(["audit", "show", store, "--json"])
        expectNoRawControls(json.stdout)
        #expect(json.stdout.contains(#"\u001b]0;owned\u0007b"#), "\(json.stdout.debugDescription)")
    }
}
