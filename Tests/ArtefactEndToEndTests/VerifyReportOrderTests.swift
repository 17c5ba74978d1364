import Foundation
import Testing

/// `verify --json` lists checks in the order they ran: passes, then the one failed check,
/// then the skipped ones; never a pass after a skip or a failure. Pass reasons speak of
/// the certificate in question.
@Suite struct VerifyReportOrderTests {
    enum Scenario: String, CaseIterable, Sendable {
        case accepted, wrongKey, revokedCertificate, identityMismatch, expiredSignature, tamperedFile, expiredCertificate, untrustedRoot
    }

    /// Runs `verify --json` for a scenario; the result and the check the rejection names.
    private func run(_ scenario: Scenario) throws -> (result: CLIResult, failing: String?, subject: String?) {
        switch scenario {
        case .accepted, .wrongKey, .expiredSignature, .tamperedFile:
            let fixture = try SignedFixture.make(signArguments: ["--expires", "1h"])
            switch scenario {
            case .wrongKey:
                let other = try KeyPair.generate(in: fixture.scratch, name: "other")
                return (try CLI.run(["verify", fixture.model, "--key", other.publicKey, "--json"]), "signature", nil)
            case .expiredSignature:
                return (try fixture.verify(["--json", "--at", rfc3339(Date().addingTimeInterval(7200))]), "expiry", nil)
            case .tamperedFile:
                try fixture.write("config.json", "{}")
                return (try fixture.verify(["--json"]), "integrity", nil)
            default:
                return (try fixture.verify(["--json"]), nil, nil)
            }
        case .revokedCertificate, .identityMismatch, .untrustedRoot:
            let signed = try CertificateSignedModel.make()
            let policy: String
            switch scenario {
            case .revokedCertificate:
                try signed.pki.revoke(signed.leaf)
                try signed.pki.writeCRL("intermediate.crl")
                policy = try PolicyFile.certificateSigner(ca: signed.pki.root.certificate, crl: signed.crl, in: signed.scratch)
                return (try TrustCLI.verify(signed.model, policy: policy, ["--json"]), "revocation", "CN=ml-signer-1")
            case .identityMismatch:
                policy = try PolicyFile.certificateSigner(ca: signed.pki.root.certificate, crl: signed.crl, identity: "CN=release-*",
                                                          in: signed.scratch)
                return (try TrustCLI.verify(signed.model, policy: policy, ["--json"]), "identity", "CN=ml-signer-1")
            default:
                let other = try TestPKI(in: signed.scratch, name: "Other")
                policy = try PolicyFile.certificateSigner(ca: other.root.certificate, in: signed.scratch)
                return (try TrustCLI.verify(signed.model, policy: policy, ["--json"]), "signature", nil)
            }
        case .expiredCertificate:
            let signed = try CertificateSignedModel.make()
            let policy = try PolicyFile.certificateSigner(ca: signed.pki.root.certificate, in: signed.scratch)
            let later = rfc3339(Date().addingTimeInterval(60 * 86_400))
            return (try TrustCLI.verify(signed.model, policy: policy, ["--json", "--at", later]), "chain", nil)
        }
    }

    @Test(arguments: Scenario.allCases) func checksArePassesThenOneFailureThenSkips(_ scenario: Scenario) throws {
        let (result, failing, subject) = try run(scenario)
        if let failing {
            expectRejected(result, check: failing)
        } else {
            expectAccepted(result)
        }
        let checks = try #require(try jsonObject(result.stdout)["checks"] as? [[String: Any]])
        let outcomes = checks.map { $0["result"] as? String ?? "?" }
        let names = checks.map { $0["check"] as? String ?? "?" }
        // The shape pass* fail? skipped*, with the failure where the error line says.
        let passes = outcomes.prefix { $0 == "pass" }.count
        let rest = outcomes.dropFirst(passes)
        if let failing {
            #expect(rest.first == "fail", "\(names) \(outcomes)")
            #expect(names[passes] == failing, "\(names) \(outcomes)")
            #expect(rest.dropFirst().allSatisfy { $0 == "skipped" }, "\(names) \(outcomes)")
        } else {
            #expect(rest.isEmpty, "\(names) \(outcomes)")
        }
        #expect(Set(names).count == names.count, "a check is listed twice: \(names)")
        // Passing certificate checks name the certificate they judged.
        if let subject {
            for check in checks where ["chain", "revocation"].contains(check["check"] as? String) && check["result"] as? String == "pass" {
                #expect((check["reason"] as? String)?.contains(subject) == true, "\(check)")
            }
        }
    }
}
