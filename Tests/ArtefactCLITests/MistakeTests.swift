import Foundation
import Testing

/// Everyday mistakes a new user makes: each is bad input (exit 2, never 1 "rejected" or
/// 3 "operational"), one line that says what to run instead, and nothing written.
@Suite struct MistakeTests {
    @Test func verifyingTheBundleInsteadOfTheModelNamesTheModel() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        expectBadInput(artefact(["verify", signed.bundle, "--key", signed.publicKey]),
                       mentioning: ["\(signed.bundle) is a signature bundle, not a model", "'artefact verify \(signed.model) ...'",
                                    "--signature \(signed.bundle)"])
    }

    @Test func aFileModelEndingInSigThatIsNotABundleIsStillVerified() throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        try workspace.write("weights.sig", "not a bundle")
        let model = workspace.path("weights.sig")
        expectSuccess(artefact(["sign", model, "--key", keys.privateKey, "--quiet"], environment: Workspace.environment))
        expectSuccess(artefact(["verify", model, "--key", keys.publicKey, "--quiet"]))
    }

    @Test func verifyingAStorePointsAtStoreVerifyAndTransfer() throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        try workspace.write("store/oci-layout", #"{"imageLayoutVersion":"1.0.0"}"#)
        try workspace.write("store/artefact/store.json", "{}")
        let store = workspace.path("store")
        expectBadInput(artefact(["verify", store + "/", "--key", keys.publicKey]),
                       mentioning: ["is a model store, not a model", "'artefact store verify \(store)/'", "--model NAME@VERSION"])
    }

    @Test func inspectingADirectoryNamesItsBundle() throws {
        let workspace = try Workspace()
        let signed = try workspace.makeSignedModel()
        expectBadInput(artefact(["inspect", signed.model]),
                       mentioning: ["\(signed.model) is a directory, not a signature bundle", "'artefact inspect \(signed.bundle)'"])
        let unsigned = try workspace.makeModel("unsigned")
        expectBadInput(artefact(["inspect", unsigned]), mentioning: ["is a directory, not a signature bundle", "(a .sig file)"])
    }

    @Test(arguments: [["verify", "https://models.example.com/resnet", "--key", "k.pub"],
                      ["inspect", "https://models.example.com/resnet/model.sig"]])
    func aWebURLNamesTheSchemesMeant(_ arguments: [String]) {
        expectBadInput(artefact(arguments), mentioning: ["is a web URL", "oci://HOST[:PORT]/REPOSITORY", "s3://BUCKET/PREFIX"])
    }

    @Test func writingIntoAMissingDirectoryNamesTheTargetNotATemporaryFile() throws {
        let workspace = try Workspace()
        let missing = workspace.path("no-such-dir")
        let keygen = artefact(["keygen", "--out", missing + "/key", "--unencrypted"])
        expectBadInput(keygen, mentioning: ["cannot write \(missing)/key.key", "the directory \(missing) does not exist",
                                            "mkdir -p \(missing)"])
        #expect(!keygen.stderr.contains(".tmp"))
        let signed = try workspace.makeSignedModel()
        let sign = artefact(["sign", signed.model, "--key", workspace.path("signer.key"), "--signature", missing + "/x.sig"],
                            environment: Workspace.environment)
        expectBadInput(sign, mentioning: ["cannot write \(missing)/x.sig", "mkdir -p \(missing)"])
        #expect(!sign.stderr.contains(".tmp"))
        #expect(!workspace.exists("no-such-dir"))
    }

    @Test func storeWithAPathButNoSubcommandListsTheSubcommands() throws {
        let workspace = try Workspace()
        let store = workspace.path("store")
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        expectBadInput(artefact(["store", store]),
                       mentioning: ["needs a subcommand before the store: init, list, verify or gc", "'artefact store verify \(store)'"])
        expectBadInput(artefact(["store"]), mentioning: ["init, list, verify or gc"])
    }

    @Test(arguments: [
        (["veriffy", "x"], "unknown command 'veriffy' (did you mean 'verify'?)"),
        (["isnpect", "x"], "unknown command 'isnpect' (did you mean 'inspect'?)"),
        (["store", "vrify", "x"], "unknown store subcommand 'vrify' (did you mean 'verify'?)"),
        (["verify", "x", "--kye", "k.pub"], "unknown flag --kye for 'verify' (did you mean '--key'?)"),
        (["sign", "x", "--signatur", "x.sig"], "unknown flag --signatur for 'sign' (did you mean '--signature'?)"),
    ])
    func aMistypedNameSuggestsTheNearest(_ arguments: [String], _ expected: String) {
        expectBadInput(artefact(arguments), mentioning: [expected])
    }

    @Test func aNameFarFromEveryKnownOneSuggestsNothing() {
        let result = artefact(["frobnicate"])
        expectBadInput(result, mentioning: ["unknown command 'frobnicate'", "artefact help"])
        #expect(!result.stderr.contains("did you mean"))
        #expect(!artefact(["verify", "x", "--zz"]).stderr.contains("did you mean"))
    }
}

/// `audit show --since` names its own flag when the time is malformed.
@Suite struct AuditSinceTests {
    @Test func aMalformedSinceTimeNamesSince() throws {
        let workspace = try Workspace()
        let keys = try workspace.makeKeys()
        let policy: [String: Any] = ["environment": "prod", "clearance": "internal", "signers": ["s": ["key": keys.publicKey]],
                                     "rules": [["models": "*", "signers": ["s"]]]]
        try workspace.write("policy.json", String(decoding: try JSONSerialization.data(withJSONObject: policy), as: UTF8.self))
        let store = workspace.path("store")
        let created = artefact(["store", "init", store, "--environment", "prod", "--policy", workspace.path("policy.json")])
        #expect(created.status == 0, "\(created.stderr)")
        expectBadInput(artefact(["audit", "show", store, "--since", "yesterday"]),
                       mentioning: ["--since takes a UTC time such as 2026-01-01T00:00:00Z, not \"yesterday\""])
        expectBadInput(artefact(["audit", "shwo", store]), mentioning: ["(did you mean 'show'?)"])
    }
}
