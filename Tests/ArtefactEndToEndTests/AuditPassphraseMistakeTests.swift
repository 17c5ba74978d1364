import Foundation
import Testing

/// A transfer into a store whose audit key is encrypted, with no passphrase given: the
/// request is checked first, then the missing passphrase is bad input naming the ways
/// `transfer` takes it (the environment; it has no --passphrase-file and never prompts).
@Suite struct AuditPassphraseMistakeTests {
    @Test func aMissingAuditPassphraseNamesTheVariablesTransferReads() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let result = try CLI.run(["transfer", model, store])
        expectBadInput(result, mentioning: ["the audit key \(world.auditKey.privateKey) of store \(store) is encrypted",
                                            "ARTEFACT_AUDIT_PASSPHRASE", "ARTEFACT_PASSPHRASE"])
        #expect(!result.stderr.contains("--passphrase-file"))
        #expect(try world.auditEntries(store).count == 1)
    }

    @Test func anInvalidRequestIsReportedBeforeTheMissingPassphrase() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let missing = world.path("no-such-model")
        let result = try CLI.run(["transfer", missing, store])
        expectBadInput(result, mentioning: ["\(missing) does not exist"])
        #expect(!result.stderr.contains("PASSPHRASE"))
    }
}
