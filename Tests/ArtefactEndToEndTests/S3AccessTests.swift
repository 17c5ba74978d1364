import Foundation
import Testing

/// Reaching object storage through the real CLI against a real S3 server (SeaweedFS over
/// mutual TLS 1.3, `SeaweedServer`): what a push leaves is the plain model layout that an
/// independent client (boto3) reads back byte for byte, and every way of failing to reach
/// the bucket ends with the right exit code, a message naming the cause, and nothing written.
@Suite struct S3AccessTests {
    // MARK: The layout, seen by another client

    @Test func whatAPushLeavesIsReadBackByBoto3AsTheSignedBytes() throws {
        let fixture = try S3Fixture()
        // Weights above the (lowered) multipart threshold, so one object is assembled from
        // three parts (5 MiB, 5 MiB and the rest: SeaweedFS, like S3, refuses smaller parts).
        let (model, source) = try fixture.storedModel(weightBytes: 11 << 20)
        try fixture.pushAccepted(source, "resnet@1.0.0", environment: [
            "ARTEFACT_S3_MULTIPART_THRESHOLD": String(6 << 20), "ARTEFACT_S3_PART_SIZE": String(5 << 20),
        ])
        #expect(try fixture.server.head("resnet/1.0.0/weights/model.safetensors")?.etag.hasSuffix("-3\"") == true,
                "not a 3-part upload")

        // Every regular file and the bundle, under their own names; no object for the symlink.
        let expected = try fixture.expectedObjects(of: model)
        #expect(expected["resnet/1.0.0/model.sig"] != nil)
        #expect(try fixture.server.objects(under: "resnet/1.0.0/") == expected)
        for key in expected.keys.sorted() {
            let relative = String(key.dropFirst("resnet/1.0.0/".count))
            #expect(try fixture.server.object(key, scratch: fixture.world.scratch)
                        == Data(contentsOf: URL(fileURLWithPath: "\(model)/\(relative)")), "\(key) differs")
        }
        expectAccepted(try fixture.verify(["--quiet"]))
    }

    @Test func aModelUploadedByAnotherToolInTheLayoutVerifiesInPlace() throws {
        let fixture = try S3Fixture()
        let model = try fixture.world.signedModel("model", name: "resnet", version: "1.0.0")
        try fixture.uploadWithBoto3(model)
        #expect(try fixture.server.objects(under: "resnet/1.0.0/") == fixture.expectedObjects(of: model))
        expectAccepted(try fixture.verify(["--quiet"]))
    }

    // MARK: TLS

    @Test func withoutAClientCertificateTheServerEndsTheHandshake() throws {
        let fixture = try S3Fixture()
        let (model, source) = try fixture.storedModel()
        let anonymous: [String: String?] = ["ARTEFACT_TLS_CERT": nil, "ARTEFACT_TLS_KEY": nil]

        expectOperationalFailure(try fixture.push(source, "resnet@1.0.0", changing: anonymous),
                                 mentioning: ["client certificate required"])
        #expect(try fixture.server.objects(under: "").isEmpty)

        try fixture.uploadWithBoto3(model)
        expectOperationalFailure(try fixture.verify(changing: anonymous), mentioning: ["client certificate required"])
        expectAccepted(try fixture.verify(["--quiet"]))
    }

    @Test func aClientCertificateFromAnotherCAIsRefused() throws {
        let fixture = try S3Fixture()
        let foreign = try RegistryPKI(in: fixture.world.scratch, name: "Foreign")
        let (_, source) = try fixture.storedModel()
        let impostor: [String: String?] = ["ARTEFACT_TLS_CERT": foreign.client.certificate, "ARTEFACT_TLS_KEY": foreign.client.key]

        expectOperationalFailure(try fixture.push(source, "resnet@1.0.0", changing: impostor),
                                 mentioning: ["rejected the client certificate"])
        expectOperationalFailure(try fixture.verify(changing: impostor), mentioning: ["rejected the client certificate"])
        #expect(try fixture.server.objects(under: "").isEmpty)
    }

    @Test func aServerCertificateFromACAThatWasNotGivenIsNotTrusted() throws {
        let fixture = try S3Fixture()
        let foreign = try RegistryPKI(in: fixture.world.scratch, name: "Foreign")
        let (_, source) = try fixture.storedModel()

        expectOperationalFailure(try fixture.push(source, "resnet@1.0.0", changing: ["ARTEFACT_TLS_CA": foreign.ca]),
                                 mentioning: ["server certificate is not trusted"])
        expectOperationalFailure(try fixture.verify(changing: ["ARTEFACT_TLS_CA": foreign.ca]),
                                 mentioning: ["server certificate is not trusted"])
        #expect(try fixture.server.objects(under: "").isEmpty)
    }

    // MARK: Credentials and the bucket

    @Test func aWrongSecretIsASignatureMismatchAndTheSecretIsNeverPrinted() throws {
        let fixture = try S3Fixture()
        let (model, source) = try fixture.storedModel()
        let wrong = "wrong-\(fixture.server.secretKey)"

        let pushed = try fixture.push(source, "resnet@1.0.0", changing: ["AWS_SECRET_ACCESS_KEY": wrong])
        expectOperationalFailure(pushed, mentioning: [])
        #expect(pushed.errorLine.lowercased().contains("signature"), "stderr: \(pushed.stderr)")
        #expect(!pushed.stderr.contains(wrong) && !pushed.stderr.contains(fixture.server.secretKey), "stderr: \(pushed.stderr)")
        #expect(try fixture.server.objects(under: "").isEmpty)

        try fixture.uploadWithBoto3(model)
        let verified = try fixture.verify(changing: ["AWS_SECRET_ACCESS_KEY": wrong])
        expectOperationalFailure(verified, mentioning: [])
        #expect(verified.errorLine.lowercased().contains("signature"), "stderr: \(verified.stderr)")
        #expect(!verified.stderr.contains(wrong), "stderr: \(verified.stderr)")
    }

    @Test func aMissingBucketIsNamed() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        let missing = "no-such-bucket-\(UUID().uuidString.prefix(8).lowercased())"

        let pushed = try fixture.world.transfer(source, "s3://\(missing)/resnet/1.0.0", ["--model", "resnet@1.0.0"],
                                                environment: fixture.server.environment)
        expectOperationalFailure(pushed, mentioning: [missing])
        let verified = try fixture.world.run(["verify", "s3://\(missing)/resnet/1.0.0", "--key", fixture.world.signer.publicKey],
                                             environment: fixture.server.environment)
        expectOperationalFailure(verified, mentioning: [missing])
    }

    @Test func withoutCredentialsNothingIsSentAndTheVariablesAreNamed() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        let none: [String: String?] = ["AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil]

        expectBadInput(try fixture.push(source, "resnet@1.0.0", changing: none),
                       mentioning: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
        expectBadInput(try fixture.verify(changing: none), mentioning: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
        #expect(try fixture.server.objects(under: "").isEmpty)
    }

    @Test func aPlainHTTPEndpointIsRefusedBeforeAnyConnection() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        // The server listens there; artefact must not even try.
        let plain = "http://127.0.0.1:\(fixture.server.port)"

        expectBadInput(try fixture.push(source, "resnet@1.0.0", changing: ["AWS_ENDPOINT_URL": plain]), mentioning: [plain, "HTTPS"])
        expectBadInput(try fixture.verify(["--s3-endpoint", plain], changing: [:]), mentioning: [plain, "HTTPS"])
        #expect(try fixture.server.objects(under: "").isEmpty)
    }
}
