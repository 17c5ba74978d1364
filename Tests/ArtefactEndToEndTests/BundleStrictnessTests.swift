import Foundation
import Testing

/// A bundle carries nothing artefact does not verify (see `Docs/FORMAT.md`, "Bundle"):
/// unknown members at any level, transparency-log entries, timestamps, and verification
/// material that is not the first signer's are rejected at `bundle`, naming the member.
@Suite struct BundleStrictnessTests {
    /// An edit to a key-signed bundle's JSON and a fragment the rejection must name.
    struct Edit: Sendable, CustomStringConvertible {
        let description: String
        let naming: String
        let apply: @Sendable (inout [String: Any]) -> Void
    }

    static let keyBundleEdits = [
        Edit(description: "an unknown top-level member", naming: "bundle has an unknown field \"comment\"") { $0["comment"] = "trust me" },
        Edit(description: "an unknown verificationMaterial member", naming: "\"x509CertificateChain\"") {
            $0["verificationMaterial"] = ["publicKey": [:] as [String: Any], "x509CertificateChain": ["certificates": [Any]()]]
        },
        Edit(description: "an unknown publicKey member", naming: "publicKey has an unknown field \"rawBytes\"") { bundle in
            var material = bundle["verificationMaterial"] as? [String: Any] ?? [:]
            var key = material["publicKey"] as? [String: Any] ?? [:]
            key["rawBytes"] = "AAAA"
            material["publicKey"] = key
            bundle["verificationMaterial"] = material
        },
        Edit(description: "a transparency-log entry", naming: "verificationMaterial.tlogEntries") { bundle in
            var material = bundle["verificationMaterial"] as? [String: Any] ?? [:]
            material["tlogEntries"] = [["logIndex": "1", "kindVersion": ["kind": "dsse", "version": "0.0.1"]]]
            bundle["verificationMaterial"] = material
        },
        Edit(description: "timestamp data", naming: "verificationMaterial.timestampVerificationData") { bundle in
            var material = bundle["verificationMaterial"] as? [String: Any] ?? [:]
            material["timestampVerificationData"] = ["rfc3161Timestamps": [["signedTimestamp": "AAAA"]]]
            bundle["verificationMaterial"] = material
        },
        Edit(description: "a hint naming another key", naming: "verificationMaterial.publicKey.hint") { bundle in
            bundle["verificationMaterial"] = ["publicKey": ["hint": String(repeating: "0", count: 64)]]
        },
        Edit(description: "a certificate no signer presents", naming: "verificationMaterial.certificate") { bundle in
            bundle["verificationMaterial"] = ["certificate": ["rawBytes": "MIIB"]]
        },
        Edit(description: "both a key and a certificate", naming: "both publicKey and certificate") { bundle in
            bundle["verificationMaterial"] = ["publicKey": [:] as [String: Any], "certificate": ["rawBytes": "MIIB"]]
        },
        Edit(description: "certificates for a key that did not sign", naming: "artefactSigners[0]") { bundle in
            bundle["artefactSigners"] = [["keyid": "not-a-signer", "certificateChain": ["MIIB"]]]
        },
    ]

    @Test(arguments: keyBundleEdits) func keyBundleEditsAreRejectedNamingTheMember(_ edit: Edit) throws {
        let fixture = try SignedFixture.make()
        var bundle = try EditableBundle(path: fixture.bundlePath)
        edit.apply(&bundle.document)
        try bundle.write()
        expectRejected(try fixture.verify(), check: "bundle", mentioning: [edit.naming])
    }

    /// Sigstore tools write an empty `tlogEntries` for a bundle with no log entry.
    @Test func anEmptyTransparencyLogListIsAccepted() throws {
        let fixture = try SignedFixture.make()
        var bundle = try EditableBundle(path: fixture.bundlePath)
        var material = try #require(bundle.document["verificationMaterial"] as? [String: Any])
        material["tlogEntries"] = [Any]()
        bundle.document["verificationMaterial"] = material
        try bundle.write()
        expectAccepted(try fixture.verify())
    }

    @Test func theCertificateMustBeTheFirstSignersLeaf() throws {
        let signed = try CertificateSignedModel.make()
        let other = try signed.pki.issueLeaf("other", commonName: "ml-signer-2", serial: 101)
        let policy = try PolicyFile.certificateSigner(ca: signed.pki.root.certificate, in: signed.scratch)
        let bundlePath = "\(signed.model)/model.sig"
        let original = try Data(contentsOf: URL(fileURLWithPath: bundlePath))
        expectAccepted(try TrustCLI.verify(signed.model, policy: policy))

        let edits: [(String, @Sendable (inout [String: Any]) throws -> Void)] = [
            ("verificationMaterial.certificate is not the leaf", { bundle in
                bundle["verificationMaterial"] = ["certificate": ["rawBytes": try TestPKI.derBase64(of: other)]]
            }),
            ("verificationMaterial.publicKey is given", { bundle in
                let signers = bundle["artefactSigners"] as? [[String: Any]] ?? []
                bundle["verificationMaterial"] = ["publicKey": ["hint": signers.first?["keyid"] ?? ""]]
            }),
            ("verificationMaterial.certificate is missing", { bundle in bundle["verificationMaterial"] = [String: Any]() }),
            ("certificate has an unknown field \"chain\"", { bundle in
                var material = bundle["verificationMaterial"] as? [String: Any] ?? [:]
                var certificate = material["certificate"] as? [String: Any] ?? [:]
                certificate["chain"] = [Any]()
                material["certificate"] = certificate
                bundle["verificationMaterial"] = material
            }),
            ("repeats keyid", { bundle in
                let signers = bundle["artefactSigners"] as? [[String: Any]] ?? []
                bundle["artefactSigners"] = signers + signers
            }),
            ("artefactSigners[0] has an unknown field \"note\"", { bundle in
                var signers = bundle["artefactSigners"] as? [[String: Any]] ?? []
                signers[0]["note"] = "x"
                bundle["artefactSigners"] = signers
            }),
        ]
        for (naming, edit) in edits {
            try original.write(to: URL(fileURLWithPath: bundlePath))
            var bundle = try EditableBundle(path: bundlePath)
            try edit(&bundle.document)
            try bundle.write()
            expectRejected(try TrustCLI.verify(signed.model, policy: policy), check: "bundle", mentioning: [naming])
        }
    }

    /// A transfer refuses the same bundles, logged as rejected, before a byte is copied.
    @Test func aTransferRejectsAnUnknownMember() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        var bundle = try EditableBundle(path: "\(model)/model.sig")
        var material = try #require(bundle.document["verificationMaterial"] as? [String: Any])
        material["x509CertificateChain"] = ["certificates": [Any]()]
        bundle.document["verificationMaterial"] = material
        try bundle.write()
        expectRejected(try world.transfer(model, store), check: "bundle", mentioning: ["has an unknown field \"x509CertificateChain\""])
        #expect(world.blobNames(store).isEmpty)
        #expect(try world.auditEntries(store).last?["result"] as? String == "rejected")
    }
}
