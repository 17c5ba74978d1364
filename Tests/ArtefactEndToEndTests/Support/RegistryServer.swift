import Foundation

/// A real OCI registry for one test: Debian's `docker-registry` (distribution 2.8) serving
/// a scratch directory on 127.0.0.1 over mutual TLS 1.3 with `pki`'s server certificate,
/// accepting client certificates from `pki`'s CA only.
final class RegistryServer {
    /// How the registry asks for credentials, on top of the client certificate.
    enum Authentication {
        case none
        /// HTTP Basic against an htpasswd file holding one user.
        case basic(user: String, password: String)
        /// The distribution token flow: the registry trusts tokens signed by the key of
        /// `certificate` and sends clients to `realm` for one.
        case token(realm: String, service: String, issuer: String, certificate: String)
    }

    let port: Int
    let pki: RegistryPKI
    /// The registry's storage root; blobs are under docker/registry/v2/blobs/sha256/.
    let dataDirectory: String
    private let process: ServerProcess

    init(pki: RegistryPKI, authentication: Authentication = .none, in scratch: Scratch) throws {
        self.pki = pki
        let name = "registry-\(UUID().uuidString.prefix(8))"
        dataDirectory = scratch.path("\(name)/data")
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        var auth = ""
        switch authentication {
        case .none:
            break
        case let .basic(user, password):
            let htpasswd = scratch.path("\(name)/htpasswd")
            let made = try CLI.runTool("htpasswd", ["-Bbn", user, password])
            guard made.status == 0 else { throw FixtureError("htpasswd failed: \(made.stderr)") }
            try made.stdout.write(toFile: htpasswd, atomically: true, encoding: .utf8)
            auth = "auth: {htpasswd: {realm: basic-realm, path: \(htpasswd)}}"
        case let .token(realm, service, issuer, certificate):
            auth = "auth: {token: {realm: \"\(realm)\", service: \(service), issuer: \(issuer), rootcertbundle: \(certificate)}}"
        }
        // The port is picked before the registry binds it; should another process take it
        // in between, the registry exits and the next port is tried.
        for _ in 0..<5 {
            let port = try ServerProcess.freePort()
            let configuration = scratch.path("\(name)/config-\(port).yml")
            try """
            version: 0.1
            log: {level: warn}
            storage: {filesystem: {rootdirectory: \(dataDirectory)}, delete: {enabled: true}}
            http:
              addr: 127.0.0.1:\(port)
              secret: registry-test-secret
              tls: {certificate: \(pki.server.certificate), key: \(pki.server.key), clientcas: [\(pki.ca)], minimumtls: tls1.3}
            \(auth)
            """.write(toFile: configuration, atomically: true, encoding: .utf8)
            let process = try ServerProcess("docker-registry", ["serve", configuration], scratch: scratch)
            if process.waitUntilListening(on: port) {
                self.port = port
                self.process = process
                return
            }
            process.stop()
            if !process.errorOutput.contains("address already in use") {
                throw FixtureError("docker-registry did not start: \(process.errorOutput)")
            }
        }
        throw FixtureError("docker-registry found no free port")
    }

    deinit { stop() }

    func stop() { process.stop() }

    var address: String { "127.0.0.1:\(port)" }

    /// `oci://127.0.0.1:PORT/REPOSITORY[:TAG]`.
    func reference(_ repository: String, tag: String? = nil) -> String {
        "oci://\(address)/\(repository)\(tag.map { ":" + $0 } ?? "")"
    }

    /// Where the registry keeps the bytes of blob `hex`.
    func blobDataPath(_ hex: String) -> String {
        "\(dataDirectory)/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data"
    }

    /// The hex digests of every blob the registry holds, in any repository.
    var storedBlobs: [String] {
        let root = "\(dataDirectory)/docker/registry/v2/blobs/sha256"
        let prefixes = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return prefixes.flatMap { prefix in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(prefix)")) ?? [])
                .filter { FileManager.default.fileExists(atPath: "\(root)/\(prefix)/\($0)/data") }
        }.sorted()
    }

    /// One call of the registry API with `curl`, over mutual TLS with the PKI's client
    /// certificate: the HTTP status and the response headers (names lowercased).
    func api(_ method: String, _ path: String, headers: [String] = []) throws -> (status: Int, headers: [String: String]) {
        var arguments = ["--silent", "--show-error", "--cacert", pki.ca, "--cert", pki.client.certificate, "--key", pki.client.key,
                         "--output", "/dev/null", "--dump-header", "-", "--request", method]
        if method == "HEAD" { arguments = arguments.filter { $0 != "--request" && $0 != "HEAD" } + ["--head"] }
        for header in headers { arguments += ["--header", header] }
        let result = try CLI.runTool("curl", arguments + ["https://\(address)\(path)"])
        guard result.status == 0 else { throw FixtureError("curl \(method) \(path) failed: \(result.stderr)") }
        var status = 0
        var fields: [String: String] = [:]
        for line in result.stdout.split(separator: "\r\n") {
            if line.hasPrefix("HTTP/") {
                status = Int(line.split(separator: " ")[1]) ?? 0
            } else if let colon = line.firstIndex(of: ":") {
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return (status, fields)
    }

    /// The manifest tagged `tag`, parsed.
    func manifest(_ repository: String, tag: String) throws -> [String: Any] {
        let result = try CLI.runTool("curl", ["--silent", "--show-error", "--fail", "--cacert", pki.ca, "--cert", pki.client.certificate,
                                              "--key", pki.client.key, "--header", "Accept: application/vnd.oci.image.manifest.v1+json",
                                              "https://\(address)/v2/\(repository)/manifests/\(tag)"])
        guard result.status == 0 else { throw FixtureError("curl GET manifest \(tag) failed: \(result.stderr)") }
        guard let manifest = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw FixtureError("manifest \(tag) is not a JSON object: \(result.stdout)")
        }
        return manifest
    }

    /// The hex digests of a manifest's layers, by their title annotation (a model file's path).
    func layerDigests(_ repository: String, tag: String) throws -> [String: String] {
        var digests: [String: String] = [:]
        for layer in try manifest(repository, tag: tag)["layers"] as? [[String: Any]] ?? [] {
            let title = (layer["annotations"] as? [String: Any])?["org.opencontainers.image.title"] as? String ?? ""
            digests[title] = (layer["digest"] as? String)?.replacingOccurrences(of: "sha256:", with: "")
        }
        return digests
    }

    /// The digest the registry gives for the manifest tagged `tag`, or nil if there is none.
    func manifestDigest(_ repository: String, tag: String) throws -> String? {
        let answer = try api("HEAD", "/v2/\(repository)/manifests/\(tag)",
                             headers: ["Accept: application/vnd.oci.image.manifest.v1+json"])
        return answer.status == 200 ? answer.headers["docker-content-digest"] : nil
    }
}
