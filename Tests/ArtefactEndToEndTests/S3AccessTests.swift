import Foundation
import Testing

/// Reaching a real S3 server (SeaweedFS over TLS 1.3, `SeaweedServer`): the fixture itself
/// works with an independent client (boto3).
@Suite struct S3AccessTests {
    @Test func theFixtureServesItsBucketToBoto3OnlyWithTheClientCertificate() throws {
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
        var anonymous = server.environment
        anonymous["ARTEFACT_TLS_CERT"] = nil
        anonymous["ARTEFACT_TLS_KEY"] = nil
        let refused = try CLI.runTool(S3TestTools.python, [ServerProcess.testingScript("s3_tool.py"), "list", server.bucket, ""],
                                      environment: anonymous.merging(["ARTEFACT_TLS_CERT": "", "ARTEFACT_TLS_KEY": ""]) { _, new in new })
        #expect(refused.status == 3, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("certificate required"), "stderr: \(refused.stderr)")
    }
}
