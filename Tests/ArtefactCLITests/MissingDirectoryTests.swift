import Foundation
import Testing

/// Every verb that writes where the user says (a key, a bundle, a store, an export) answers
/// a missing folder the same way, before any work: one line naming the path, the missing
/// directory and the command that makes it; exit 2; nothing created, no temporary name.
@Suite struct MissingDirectoryTests {
    static func expectMissing(_ result: RunResult, writing path: String, action: String, directory: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        expectBadInput(result, mentioning: ["cannot \(action) \(path): the directory \(directory) does not exist",
                                            "create it first (mkdir -p \(directory))"], sourceLocation: sourceLocation)
        #expect(!result.stderr.contains(".tmp") && !result.stderr.contains(".partial"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("mkdir:"), "a raw mkdir error: \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func storeInitUnderAMissingParent() throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        try workspace.write("policy.json", """
        {"environment": "prod", "clearance": "internal", "signers": {"ci": {"key": "\(keys.publicKey)"}},
         "rules": [{"models": "*", "signers": ["ci"]}]}
        """)
        let store = workspace.path("a/b")
        let result = artefact(["store", "init", store, "--environment", "prod", "--policy", workspace.path("policy.json")])
        Self.expectMissing(result, writing: store, action: "create the store", directory: workspace.path("a"))
        #expect(!workspace.exists("a"))
        // A trailing slash names the same store.
        Self.expectMissing(artefact(["store", "init", store + "/", "--environment", "prod", "--policy", workspace.path("policy.json")]),
                           writing: store + "/", action: "create the store", directory: workspace.path("a"))
    }

    @Test func exportingUnderAMissingParentFailsBeforeReadingTheModel() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        let target = workspace.path("exports/today/model")
        Self.expectMissing(artefact(["transfer", signed.model, target]), writing: target, action: "export to",
                           directory: workspace.path("exports/today"))
        #expect(!workspace.exists("exports"))
    }

    @Test func keygenAndSignNameTheMissingDirectoryBeforeAskingForAnything() throws {
        let workspace = try Workspace()
        let missing = workspace.path("keys")
        // No passphrase anywhere: the missing directory is reported, not the missing passphrase.
        Self.expectMissing(artefact(["keygen", "--out", missing + "/ci"]), writing: missing + "/ci.key", action: "write", directory: missing)
        let model = try workspace.makeModel()
        // No key file either: the bundle's directory is checked first.
        Self.expectMissing(artefact(["sign", model, "--key", workspace.path("absent.key"), "--signature", missing + "/m.sig"]),
                           writing: missing + "/m.sig", action: "write", directory: missing)
        #expect(!workspace.exists("keys"))
    }

    @Test func aParentThatIsAFileIsNamedAsSuch() throws {
        let workspace = try Workspace()
        try workspace.write("file", "x")
        let result = artefact(["keygen", "--out", workspace.path("file/k"), "--unencrypted"])
        expectBadInput(result, mentioning: ["cannot write \(workspace.path("file/k.key")): \(workspace.path("file")) is not a directory"])
    }
}
