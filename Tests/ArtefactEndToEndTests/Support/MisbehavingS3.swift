@testable import ArtefactCore
import Foundation

/// `scripts/testing/misbehaving_s3.py`: an HTTPS S3 server on 127.0.0.1 that is busy for
/// its first `busy` requests (503 SlowDown) or misbehaves in one way (`mode`), and an
/// `S3Client` of it for the bucket `models`.
final class MisbehavingS3 {
    let client: S3Client
    private let process: ServerProcess

    init(busy: Int = 0, mode: String = "well", requestTimeout: Int64 = 60, in scratch: Scratch) throws {
        let pki = try RegistryPKI(in: scratch)
        let portFile = scratch.path("misbehaving-s3-\(UUID().uuidString.prefix(8)).port")
        process = try ServerProcess("python3", [ServerProcess.testingScript("misbehaving_s3.py"), "--cert", pki.server.certificate,
                                                "--key", pki.server.key, "--port-file", portFile, "--busy", String(busy), "--mode", mode],
                                    scratch: scratch)
        let port = try process.waitForPort(in: portFile)
        let secret = try Array("secret".utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        let access = S3Access(location: try S3Location(parsing: "s3://models/resnet"), endpoint: S3Endpoint(host: "127.0.0.1", port: port, isCustom: true),
                              region: "us-east-1", addressing: .path,
                              credentials: S3Credentials(accessKeyID: "AK", secretAccessKey: secret, sessionToken: nil),
                              tls: TLSSettings(caFile: pki.ca, certificateFile: nil, keyFile: nil, requestTimeout: requestTimeout), keyPassphrase: nil)
        client = try S3Client(access)
    }

    deinit { process.stop() }

    /// The requests it received: "STATUS REQUEST-LINE" each.
    var requests: [String] { process.output.split(separator: "\n").map(String.init) }
}
