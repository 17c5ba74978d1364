import Foundation
import Testing

/// `verify --json`: every check with its result, the failing one with its detail, and
/// the ones after it skipped.
@Suite struct VerifyJSONReportTests {
    /// The checks every verification runs, in this relative order. Other checks (policy)
    /// may sit between them.
    static let coreOrder = ["bundle", "signature", "payload", "expiry", "integrity", "model-digest"]

    static func checks(_ report: [String: Any]) throws -> [[String: Any]] {
        try #require(report["checks"] as? [[String: Any]])
    }

    static func check(_ name: String, in checks: [[String: Any]]) throws -> [String: Any] {
        try #require(checks.first { $0["check"] as? String == name }, "no \(name) check")
    }

    /// Expects the core checks in order, `failing` (or none) as the one failure, every
    /// check before it passed and every check after it skipped.
    static func expectOutcomes(_ checks: [[String: Any]], failing: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        let names = checks.compactMap { $0["check"] as? String }
        #expect(names.filter(coreOrder.contains) == coreOrder, "checks: \(names)", sourceLocation: sourceLocation)
        let failureIndex = failing.flatMap { names.firstIndex(of: $0) } ?? names.count
        for (index, check) in checks.enumerated() {
            let expected = index < failureIndex ? "pass" : index == failureIndex ? "fail" : "skipped"
            #expect(check["result"] as? String == expected, "\(names[index])", sourceLocation: sourceLocation)
            #expect(check["reason"] is String, "\(names[index]) has no reason", sourceLocation: sourceLocation)
        }
    }

    @Test func acceptedReportHasEveryCheckPassing() throws {
        let fixture = try SignedFixture.make()
        let result = try fixture.verify(["--json"])
        expectAccepted(result)
        let report = try jsonObject(result.stdout)
        #expect(report["verified"] as? Bool == true)
        Self.expectOutcomes(try Self.checks(report), failing: nil)
        #expect((report["signers"] as? [String])?.count == 1)
    }

    @Test func integrityFailureNamesMismatchedMissingAndExtraFiles() throws {
        let fixture = try SignedFixture.make()
        try fixture.write("config.json", #"{"architecture":"tiny","layers":3}"#)
        try fixture.remove("tokenizer/merges.txt")
        try fixture.write("tokenizer/added.txt", "new")
        try fixture.remove("latest.json")
        try fixture.link("latest.json", to: "empty.txt")
        let result = try fixture.verify(["--json"])
        expectRejected(result, check: "integrity")
        let report = try jsonObject(result.stdout)
        #expect(report["verified"] as? Bool == false)
        let checks = try Self.checks(report)
        Self.expectOutcomes(checks, failing: "integrity")
        let integrity = try Self.check("integrity", in: checks)
        #expect(integrity["mismatched"] as? [String] == ["config.json", "latest.json"])
        #expect(integrity["missing"] as? [String] == ["tokenizer/merges.txt"])
        #expect(integrity["extra"] as? [String] == ["tokenizer/added.txt"])
    }

    @Test func signatureFailureSkipsEveryLaterCheck() throws {
        let fixture = try SignedFixture.make()
        let other = try KeyPair.generate(in: fixture.scratch, name: "other")
        let result = try CLI.run(["verify", fixture.model, "--key", other.publicKey, "--json"])
        expectRejected(result, check: "signature")
        let report = try jsonObject(result.stdout)
        #expect(report["verified"] as? Bool == false)
        Self.expectOutcomes(try Self.checks(report), failing: "signature")
        // Nothing from an unverified payload is reported as the model.
        #expect(report["model"] is NSNull)
    }

    @Test func missingBundleIsAFailedBundleCheck() throws {
        let fixture = try SignedFixture.make()
        try fixture.remove("model.sig")
        let result = try fixture.verify(["--json"])
        expectRejected(result, check: "bundle")
        let report = try jsonObject(result.stdout)
        #expect(report["verified"] as? Bool == false)
        Self.expectOutcomes(try Self.checks(report), failing: "bundle")
    }

    @Test func expiryFailureSkipsIntegrity() throws {
        let fixture = try SignedFixture.make(signArguments: ["--expires", "1h"])
        let result = try fixture.verify(["--json", "--at", rfc3339(Date().addingTimeInterval(7200))])
        expectRejected(result, check: "expiry")
        Self.expectOutcomes(try Self.checks(try jsonObject(result.stdout)), failing: "expiry")
    }
}
