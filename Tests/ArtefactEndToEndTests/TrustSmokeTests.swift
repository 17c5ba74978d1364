import Foundation
import Testing

@Suite struct TrustSmokeTests {
    @Test func goodChainUnderPolicyAccepts() throws {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let crl = try pki.writeCRL("intermediate.crl")
        let model = try scratch.makeModel()
        let signed = try CLI.run(["sign", model, "--key", leaf.key, "--cert", leaf.certificate, "--chain", pki.intermediate.certificate])
        #expect(signed.status == 0, "\(signed.stderr)")
        try scratch.write("policy.json", """
        {"environment": "onprem", "clearance": "confidential",
         "signers": {"corp": {"ca": "\(pki.root.certificate)", "crl": "\(crl)", "identity": "CN=ml-signer-*"}},
         "rules": [{"models": "*", "signers": ["corp"], "threshold": 1}]}
        """)
        let result = try CLI.run(["verify", model, "--policy", scratch.path("policy.json")])
        #expect(result.status == 0, "\(result.stderr)")
        try pki.revoke(leaf)
        try pki.writeCRL("intermediate.crl")
        let revoked = try CLI.run(["verify", model, "--policy", scratch.path("policy.json")])
        #expect(revoked.status == 1)
        #expect(revoked.errorLine.contains("revocation"), "\(revoked.stderr)")
    }
}
