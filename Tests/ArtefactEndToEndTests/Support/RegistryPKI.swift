import Foundation

/// A throwaway PKI for mutual TLS, made with the `openssl` command: an ECDSA P-256 CA, a
/// server certificate for 127.0.0.1 and localhost (serverAuth), and client certificates
/// (clientAuth). Two instances are two unrelated CAs.
final class RegistryPKI {
    let directory: URL
    let name: String
    /// The CA certificate, as `--tls-ca` and the registry's `clientcas` name it.
    let ca: String
    let server: TestPKI.Certificate
    let client: TestPKI.Certificate
    private let caKey: String
    private var serial = 3

    /// Makes "`name` CA" under `scratch`, a server certificate with subject
    /// `CN=registry.test` for `serverNames` (subjectAltName syntax) and a client
    /// certificate `CN=ci-runner`.
    init(in scratch: Scratch, name: String = "Registry", serverNames: String = "IP:127.0.0.1,DNS:localhost") throws {
        self.name = name
        directory = scratch.url.appendingPathComponent("tls-\(name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ca = directory.appendingPathComponent("ca.pem").path
        caKey = directory.appendingPathComponent("ca.key").path
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", caKey], in: directory)
        try Self.openssl(["req", "-x509", "-new", "-key", caKey, "-subj", "/O=Example/CN=\(name) CA", "-days", "30", "-sha256",
                          "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                          "-out", ca], in: directory)
        let issuer = TestPKI.Certificate(certificate: ca, key: caKey)
        server = try Self.issue("server", subject: "/O=Example/CN=registry.test", serial: 2, by: issuer, in: directory, extensions: """
            extendedKeyUsage=serverAuth
            subjectAltName=\(serverNames)
            """)
        client = try Self.issue("client", subject: "/O=Example/CN=ci-runner", serial: 3, by: issuer, in: directory,
                                extensions: "extendedKeyUsage=clientAuth")
    }

    /// Another certificate from this CA, such as the key a token service signs with.
    func issue(_ file: String, commonName: String, extendedKeyUsage: String = "clientAuth") throws -> TestPKI.Certificate {
        serial += 1
        return try Self.issue(file, subject: "/O=Example/CN=\(commonName)", serial: serial, by: TestPKI.Certificate(certificate: ca, key: caKey),
                              in: directory, extensions: "extendedKeyUsage=\(extendedKeyUsage)")
    }

    private static func issue(_ file: String, subject: String, serial: Int, by issuer: TestPKI.Certificate, in directory: URL,
                              extensions: String) throws -> TestPKI.Certificate {
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let issued = TestPKI.Certificate(certificate: path("\(file).pem"), key: path("\(file).key"))
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", issued.key], in: directory)
        try Self.openssl(["req", "-new", "-key", issued.key, "-subj", subject, "-out", path("\(file).csr")], in: directory)
        try "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n\(extensions)\n"
            .write(toFile: path("\(file).ext"), atomically: true, encoding: .utf8)
        try Self.openssl(["x509", "-req", "-in", path("\(file).csr"), "-CA", issuer.certificate, "-CAkey", issuer.key,
                          "-set_serial", String(serial), "-days", "30", "-sha256", "-extfile", path("\(file).ext"),
                          "-out", issued.certificate], in: directory)
        return issued
    }

    private static func openssl(_ arguments: [String], in directory: URL) throws {
        try TestPKI.openssl(arguments, in: directory)
    }
}
