import Foundation
import Testing

/// The S3 test server itself (`SeaweedServer`): it serves its bucket over mutual TLS to an
/// independent client (boto3) with the fixture's keys and refuses one without the client
/// certificate, so the S3 tests' failures are artefact's, not the fixture's.
@Suite struct SeaweedFixtureTests {
    @Test func theServerServesItsBucketToBoto3OnlyWithTheClientCertificate() throws {
        let scratch = try Scratch()
        let pki = try RegistryPKI(in: scratch)
        let server = try SeaweedServer(pki: pki, in: scratch)
        #expect(server.endpoint.hasPrefix("https://127.0.0.1:"))
        #expect(server.location("resnet/1.0.0") == "s3://\(server.bucket)/resnet/1.0.0")

        let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try server.putObject("resnet/1.0.0/weights.bin", bytes, scratch: scratch)
        #expect(try server.objects(under: "resnet/") == ["resnet/1.0.0/weights.bin": bytes.count])
        #expect(try server.head("resnet/1.0.0/weights.bin")?.size == bytes.count)
        #expect(try server.object("resnet/1.0.0/weights.bin", scratch: scratch) == bytes)
        try server.deleteObject("resnet/1.0.0/weights.bin")
        #expect(try server.head("resnet/1.0.0/weights.bin") == nil)

        // Without the client certificate the server ends the handshake.
        let anonymous = server.environment.merging(["ARTEFACT_TLS_CERT": "", "ARTEFACT_TLS_KEY": ""]) { _, new in new }
        let refused = try CLI.runTool(S3TestTools.python, [ServerProcess.testingScript("s3_tool.py"), "list", server.bucket, ""],
                                      environment: anonymous)
        #expect(refused.status == 3, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("certificate required"), "stderr: \(refused.stderr)")
    }

    @Test func anUploadToAMissingBucketDoesNotCreateIt() throws {
        let scratch = try Scratch()
        let server = try SeaweedServer(pki: try RegistryPKI(in: scratch), mutualTLS: false, in: scratch)
        try scratch.write("one", "1")
        let missing = "no-such-bucket-\(UUID().uuidString.prefix(8).lowercased())"
        let refused = try server.s3Tool(["put", missing, "key", scratch.path("one")], allowing: [3])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("NoSuchBucket"), "stderr: \(refused.stderr)")
    }
}
