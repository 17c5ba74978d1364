import Foundation

/// A throwaway PKI made with the `openssl` command: an ECDSA P-256 root and intermediate,
/// Ed25519 code-signing leaves, and CRLs from the intermediate through `openssl ca`.
final class TestPKI {
    let directory: URL
    let name: String
    let root: Certificate
    let intermediate: Certificate

    /// A certificate with its private key, as files.
    struct Certificate {
        let certificate: String
        let key: String
    }

    /// Makes a root named "`name` Root" and an intermediate "`name` Intermediate" under `scratch`.
    init(in scratch: Scratch, name: String = "Test") throws {
        self.name = name
        directory = scratch.url.appendingPathComponent("pki-\(name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        root = try Self.makeCA(in: directory, file: "root", subject: "/O=Example/CN=\(name) Root", issuer: nil)
        intermediate = try Self.makeCA(in: directory, file: "intermediate", subject: "/O=Example/CN=\(name) Intermediate", issuer: nil,
                                       signedBy: nil)
        // Re-issue the intermediate under the root (makeCA self-signs when no issuer is given).
        try Self.openssl(["req", "-new", "-key", intermediate.key, "-subj", "/O=Example/CN=\(name) Intermediate",
                          "-out", path("intermediate.csr")], in: directory)
        try Self.writeExtensions(in: directory, file: "ca.ext", """
            basicConstraints=critical,CA:TRUE
            keyUsage=critical,keyCertSign,cRLSign
            subjectKeyIdentifier=hash
            authorityKeyIdentifier=keyid
            """)
        try Self.openssl(["x509", "-req", "-in", path("intermediate.csr"), "-CA", root.certificate, "-CAkey", root.key,
                          "-set_serial", "2", "-days", "3650", "-extfile", path("ca.ext"), "-out", intermediate.certificate],
                         in: directory)
        try "".write(toFile: path("index.txt"), atomically: true, encoding: .utf8)
        try "01\n".write(toFile: path("crlnumber"), atomically: true, encoding: .utf8)
        try """
        [ ca ]
        default_ca = intermediate_ca
        [ intermediate_ca ]
        database = \(path("index.txt"))
        crlnumber = \(path("crlnumber"))
        certificate = \(intermediate.certificate)
        private_key = \(intermediate.key)
        default_md = sha256
        default_crl_days = 30
        crl_extensions = crl_ext
        [ crl_ext ]
        authorityKeyIdentifier = keyid:always
        """.write(toFile: path("ca.cnf"), atomically: true, encoding: .utf8)
    }

    func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    /// An Ed25519 leaf issued by the intermediate.
    /// - Parameters:
    ///   - codeSigning: include the code-signing extended key usage.
    ///   - days: validity from now.
    @discardableResult
    func issueLeaf(_ file: String, commonName: String, codeSigning: Bool = true, days: Int = 30,
                   uri: String? = nil, serial: Int) throws -> Certificate {
        let leaf = Certificate(certificate: path("\(file).pem"), key: path("\(file).key"))
        try Self.openssl(["genpkey", "-algorithm", "ed25519", "-out", leaf.key], in: directory)
        try Self.openssl(["req", "-new", "-key", leaf.key, "-subj", "/O=Example/CN=\(commonName)", "-out", path("\(file).csr")],
                         in: directory)
        var extensions = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        extensions += codeSigning ? "extendedKeyUsage=codeSigning\n" : "extendedKeyUsage=serverAuth\n"
        if let uri { extensions += "subjectAltName=URI:\(uri)\n" }
        try Self.writeExtensions(in: directory, file: "\(file).ext", extensions)
        try Self.openssl(["x509", "-req", "-in", path("\(file).csr"), "-CA", intermediate.certificate, "-CAkey", intermediate.key,
                          "-set_serial", String(serial), "-days", String(days), "-extfile", path("\(file).ext"),
                          "-out", leaf.certificate], in: directory)
        return leaf
    }

    /// Revokes `leaf` in the intermediate's database.
    func revoke(_ leaf: Certificate) throws {
        try Self.openssl(["ca", "-config", path("ca.cnf"), "-revoke", leaf.certificate], in: directory)
    }

    /// Writes the intermediate's CRL (PEM) to `file`, valid for `hours`.
    @discardableResult
    func writeCRL(_ file: String, hours: Int = 24 * 30) throws -> String {
        try Self.openssl(["ca", "-config", path("ca.cnf"), "-gencrl", "-crlhours", String(hours), "-out", path(file)], in: directory)
        return path(file)
    }

    private static func makeCA(in directory: URL, file: String, subject: String, issuer: Certificate?,
                               signedBy: Certificate? = nil) throws -> Certificate {
        let ca = Certificate(certificate: directory.appendingPathComponent("\(file).pem").path,
                             key: directory.appendingPathComponent("\(file).key").path)
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ca.key], in: directory)
        try openssl(["req", "-x509", "-new", "-key", ca.key, "-subj", subject, "-days", "3650", "-sha256",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                     "-out", ca.certificate], in: directory)
        return ca
    }

    private static func writeExtensions(in directory: URL, file: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    @discardableResult
    static func openssl(_ arguments: [String], in directory: URL) throws -> CLIResult {
        let result = try CLI.runTool("openssl", arguments, directory: directory)
        guard result.status == 0 else { throw FixtureError("openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result
    }
}

/// An RFC 3339 UTC time `seconds` from now, for `verify --at`.
func timeFromNow(seconds: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date().addingTimeInterval(TimeInterval(seconds)))
}
