@testable import ArtefactCore
import Foundation
import Testing

/// The S3 client against a server that is busy (HTTP 503 SlowDown, `busy_s3.py`): an
/// idempotent request is sent again after a pause and succeeds; a POST that starts a
/// multipart upload is never resent; and retries stop at the request's deadline.
@Suite struct S3RetryTests {
    /// A busy server answering the first `busy` requests with 503, and a client of it.
    static func server(busy: Int, requestTimeout: Int64 = 60, in scratch: Scratch) throws -> (ServerProcess, S3Client) {
        let pki = try RegistryPKI(in: scratch)
        let portFile = scratch.path("busy-s3.port")
        let process = try ServerProcess("python3", [ServerProcess.testingScript("busy_s3.py"), "--cert", pki.server.certificate,
                                                    "--key", pki.server.key, "--port-file", portFile, "--busy", String(busy)], scratch: scratch)
        let port = try process.waitForPort(in: portFile)
        let secret = try Array("secret".utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        let access = S3Access(location: try S3Location(parsing: "s3://models/resnet"), endpoint: S3Endpoint(host: "127.0.0.1", port: port, isCustom: true),
                              region: "us-east-1", addressing: .path,
                              credentials: S3Credentials(accessKeyID: "AK", secretAccessKey: secret, sessionToken: nil),
                              tls: TLSSettings(caFile: pki.ca, certificateFile: nil, keyFile: nil, requestTimeout: requestTimeout), keyPassphrase: nil)
        return (process, try S3Client(access))
    }

    static func requests(_ process: ServerProcess) -> [String] { process.output.split(separator: "\n").map(String.init) }

    @Test func aListingIsRetriedUntilTheServerAnswers() throws {
        let scratch = try Scratch()
        let (process, client) = try Self.server(busy: 2, in: scratch)
        #expect(try client.listObjects(prefix: "resnet/", limit: 10).isEmpty)
        let seen = Self.requests(process)
        #expect(seen.count == 3)
        #expect(seen.map { $0.prefix(4) } == ["503 ", "503 ", "200 "])
        #expect(seen.allSatisfy { $0.contains("GET /models?list-type=2&prefix=resnet%2F HTTP/1.1") })
    }

    @Test func startingAMultipartUploadIsNeverResent() throws {
        let scratch = try Scratch()
        let (process, client) = try Self.server(busy: 1, in: scratch)
        #expect {
            try client.createMultipartUpload("resnet/weights.bin")
        } throws: { error in
            let error = error as? ArtefactError
            return error?.kind == .operational && error!.message.contains("SlowDown") && error!.message.contains("starting a multipart upload")
        }
        #expect(Self.requests(process).count == 1)
        // The next request finds the server well again.
        #expect(try client.createMultipartUpload("resnet/weights.bin") == "u1")
    }

    @Test func retriesStopAtTheRequestDeadline() throws {
        let scratch = try Scratch()
        let (process, client) = try Self.server(busy: 1000, requestTimeout: 2, in: scratch)
        #expect {
            try client.checkBucket()
        } throws: { error in
            let error = error as? ArtefactError
            return error?.kind == .operational && error!.message.contains("SlowDown") && error!.message.contains("within the request deadline")
        }
        let seen = Self.requests(process).count
        #expect(seen >= 2 && seen <= 1 + S3RetryPolicy().maximumRetries)
    }
}
