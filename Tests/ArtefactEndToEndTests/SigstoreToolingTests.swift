import Foundation
import Testing

/// artefact's bundles read with the Sigstore python tooling (`sigstore` 4 with its
/// `sigstore-models` bundle model, and `sigstore-protobuf-specs`), through
/// scripts/testing/sigstore_bundle_check.py in the OMS test environment: what each accepts,
/// and that what FORMAT.md says sigstore's verifier cannot do is still so.
@Suite struct SigstoreToolingTests {
    struct Report: Decodable {
        let modelsError: String?
        let modelsRoundTripEqual: Bool?
        let modelsErrorWithoutExtension: String?
        let specsRoundTripEqual: Bool
        let specsDropped: [String]
        let sigstoreError: String?
    }

    static func check(_ bundle: String, roundTripTo output: String) throws -> Report {
        let result = try OMSTools.runPython([ServerProcess.testingScript("sigstore_bundle_check.py"), bundle, output])
        try #require(result.status == 0, "sigstore_bundle_check.py failed: \(result.stderr)")
        return try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
    }

    @Test func keySignedBundleParsesAndRoundTrips() throws {
        let fixture = try SignedFixture.make()
        let cosigner = try KeyPair.generate(in: fixture.scratch, name: "cosigner")
        try expectSuccess(try TrustCLI.sign(fixture.model, with: cosigner, ["--append"]), "co-sign")
        let roundTrip = fixture.scratch.path("round-trip.sig")
        let report = try Self.check(fixture.model + "/model.sig", roundTripTo: roundTrip)

        #expect(report.modelsError == nil, "\(report.modelsError ?? "")")
        #expect(report.modelsRoundTripEqual == true)
        #expect(report.specsRoundTripEqual)
        #expect(report.specsDropped == ["verificationMaterial.tlogEntries"], "proto3 JSON leaves out an empty list")
        // sigstore's verifier wants a Fulcio-style certificate and a Rekor entry (FORMAT.md).
        #expect(report.sigstoreError == "expected certificate in bundle")
        // What protobuf wrote back is still a bundle artefact verifies, with both signatures.
        expectAccepted(try CLI.run(["verify", fixture.model, "--key", fixture.keys.publicKey, "--signature", roundTrip]))
        expectAccepted(try CLI.run(["verify", fixture.model, "--key", cosigner.publicKey, "--signature", roundTrip]))
    }

    @Test func certificateSignedBundleParsesButForItsChainExtension() throws {
        let signed = try CertificateSignedModel.make()
        let roundTrip = signed.scratch.path("round-trip.sig")
        let report = try Self.check(signed.model + "/model.sig", roundTripTo: roundTrip)

        // sigstore-models forbids members it does not know; without artefactSigners it parses.
        #expect(report.modelsError?.contains("artefactSigners") == true, "\(report.modelsError ?? "parsed")")
        #expect(report.modelsError?.contains("Extra inputs are not permitted") == true)
        #expect(report.modelsErrorWithoutExtension == nil, "\(report.modelsErrorWithoutExtension ?? "")")
        #expect(report.specsRoundTripEqual)
        #expect(report.specsDropped == ["artefactSigners", "verificationMaterial.tlogEntries"])
        #expect(report.sigstoreError == "expected exactly one log entry in bundle")
        // Without the chains the bundle no longer says who signed; artefact refuses it.
        let inspected = try CLI.run(["inspect", roundTrip])
        #expect(inspected.status == 1)
        #expect(inspected.errorLine.contains("verificationMaterial.certificate is not the leaf certificate that artefactSigners gives"),
                "\(inspected.stderr)")
    }

    /// The member Sigstore's models require is written by artefact, and artefact still
    /// reads a bundle without it (bundles written before it was added).
    @Test func tlogEntriesIsWrittenEmptyAndStillOptionalOnRead() throws {
        let fixture = try SignedFixture.make()
        let bundlePath = fixture.model + "/model.sig"
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundlePath))) as? [String: Any])
        var material = try #require(document["verificationMaterial"] as? [String: Any])
        #expect((material["tlogEntries"] as? [Any])?.isEmpty == true)
        material.removeValue(forKey: "tlogEntries")
        var older = document
        older["verificationMaterial"] = material
        let olderPath = fixture.scratch.path("older.sig")
        try JSONSerialization.data(withJSONObject: older).write(to: URL(fileURLWithPath: olderPath))
        expectAccepted(try CLI.run(["verify", fixture.model, "--key", fixture.keys.publicKey, "--signature", olderPath]))
    }
}
