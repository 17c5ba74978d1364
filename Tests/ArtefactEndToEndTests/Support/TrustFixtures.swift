import Foundation
import Testing

/// What the trust tests add to the throwaway PKI: public keys and DER of leaves, and CRLs
/// that a forger or a careless operator would publish.
extension TestPKI {
    /// The SubjectPublicKeyInfo PEM of `leaf`'s key, as a policy `key` signer names it.
    func publicKey(of leaf: Certificate) throws -> String {
        let output = URL(fileURLWithPath: leaf.key).deletingPathExtension().appendingPathExtension("pub").path
        try Self.openssl(["pkey", "-in", leaf.key, "-pubout", "-out", output], in: directory)
        return output
    }

    /// The base64 DER of a PEM certificate: its PEM body, as a bundle's `certificateChain` holds it.
    static func derBase64(of certificate: Certificate) throws -> String {
        let pem = try String(contentsOfFile: certificate.certificate, encoding: .utf8)
        return pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
    }

    /// An Ed25519 code-signing leaf from the intermediate whose validity starts `startsInDays`
    /// from now, issued with `openssl ca` (which, unlike `openssl x509 -req`, takes a start
    /// date) into the intermediate's database.
    @discardableResult
    func issueFutureLeaf(_ file: String, commonName: String, startsInDays: Int, days: Int = 30, serial: Int) throws -> Certificate {
        let leaf = Certificate(certificate: path("\(file).pem"), key: path("\(file).key"))
        try Self.openssl(["genpkey", "-algorithm", "ed25519", "-out", leaf.key], in: directory)
        try Self.openssl(["req", "-new", "-key", leaf.key, "-subj", "/O=Example/CN=\(commonName)", "-out", path("\(file).csr")],
                         in: directory)
        try "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n"
            .write(toFile: path("\(file).ext"), atomically: true, encoding: .utf8)
        try String(serial, radix: 16).write(toFile: path("\(file).serial"), atomically: true, encoding: .utf8)
        try """
        [ ca ]
        default_ca = issuing_ca
        [ issuing_ca ]
        database = \(path("index.txt"))
        serial = \(path("\(file).serial"))
        new_certs_dir = \(directory.path)
        certificate = \(intermediate.certificate)
        private_key = \(intermediate.key)
        default_md = sha256
        policy = any_name
        unique_subject = no
        [ any_name ]
        organizationName = optional
        commonName = supplied
        """.write(toFile: path("\(file).cnf"), atomically: true, encoding: .utf8)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        let start = Date().addingTimeInterval(TimeInterval(startsInDays * 86_400))
        try Self.openssl(["ca", "-config", path("\(file).cnf"), "-batch", "-notext", "-in", path("\(file).csr"),
                          "-out", leaf.certificate, "-extfile", path("\(file).ext"),
                          "-startdate", formatter.string(from: start),
                          "-enddate", formatter.string(from: start.addingTimeInterval(TimeInterval(days * 86_400)))], in: directory)
        return leaf
    }

    /// A CRL that names this PKI's intermediate as its issuer but is signed by another key,
    /// as a forger would make it (with its own database, so it lists nothing).
    /// - Parameter keyIdentifier: give the CRL an authority key identifier (the forger's own).
    ///   Without one, only the issuer name and the signature tell the CRLs apart.
    @discardableResult
    func writeForgedCRL(_ file: String, hours: Int = 24 * 30, keyIdentifier: Bool = true) throws -> String {
        let forger = Certificate(certificate: path("forger.pem"), key: path("forger.key"))
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", forger.key], in: directory)
        try Self.openssl(["req", "-x509", "-new", "-key", forger.key, "-subj", "/O=Example/CN=\(name) Intermediate", "-days", "3650",
                          "-sha256", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                          "-out", forger.certificate], in: directory)
        try "".write(toFile: path("forger-index.txt"), atomically: true, encoding: .utf8)
        try "01\n".write(toFile: path("forger-crlnumber"), atomically: true, encoding: .utf8)
        try """
        [ ca ]
        default_ca = forger_ca
        [ forger_ca ]
        database = \(path("forger-index.txt"))
        crlnumber = \(path("forger-crlnumber"))
        certificate = \(forger.certificate)
        private_key = \(forger.key)
        default_md = sha256
        \(keyIdentifier ? "crl_extensions = crl_ext" : "")
        [ crl_ext ]
        authorityKeyIdentifier = keyid:always
        """.write(toFile: path("forger.cnf"), atomically: true, encoding: .utf8)
        try Self.openssl(["ca", "-config", path("forger.cnf"), "-gencrl", "-crlhours", String(hours), "-out", path(file)],
                         in: directory)
        return path(file)
    }
}

/// A policy file written from a dictionary, so each test states the policy it means.
enum PolicyFile {
    /// Writes `policy` as JSON to `name` under `scratch` and returns its path.
    @discardableResult
    static func write(_ policy: [String: Any], to name: String = "policy.json", in scratch: Scratch) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: policy, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try scratch.write(name, data)
        return scratch.path(name)
    }

    /// A policy of one certificate signer named "corp" and one rule `models` → corp.
    @discardableResult
    static func certificateSigner(ca: Any, crl: Any? = nil, identity: String? = nil, models: String = "*",
                                  clearance: String = "confidential", to name: String = "policy.json",
                                  in scratch: Scratch) throws -> String {
        var signer: [String: Any] = ["ca": ca]
        if let crl { signer["crl"] = crl }
        if let identity { signer["identity"] = identity }
        return try write([
            "environment": "onprem", "clearance": clearance,
            "signers": ["corp": signer],
            "rules": [["models": models, "signers": ["corp"]]],
        ], to: name, in: scratch)
    }
}

/// `artefact sign` and `verify` as the trust tests run them.
enum TrustCLI {
    /// Signs `model` with `leaf`'s key, carrying `leaf` and `pki`'s intermediate in the bundle.
    static func sign(_ model: String, with leaf: TestPKI.Certificate, of pki: TestPKI, _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["sign", model, "--key", leaf.key, "--cert", leaf.certificate, "--chain", pki.intermediate.certificate] + extra)
    }

    /// Signs `model` with an `artefact keygen` key pair.
    static func sign(_ model: String, with keys: KeyPair, _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["sign", model, "--key", keys.privateKey] + extra, environment: KeyPair.environment)
    }

    /// `artefact verify MODEL --policy POLICY` plus `extra`.
    static func verify(_ model: String, policy: String, _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["verify", model, "--policy", policy] + extra)
    }
}

/// Expects a command that should have worked (sign, co-sign) to have exited 0.
func expectSuccess(_ result: CLIResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try #require(result.status == 0, "\(what) failed with exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
}

/// Where most certificate tests start: a PKI, a code-signing leaf "ml-signer-1" (serial
/// 100), the intermediate's CRL, and a small model signed with the leaf and its chain.
struct CertificateSignedModel {
    let scratch: Scratch
    let pki: TestPKI
    let leaf: TestPKI.Certificate
    let crl: String
    let model: String

    static func make() throws -> CertificateSignedModel {
        let scratch = try Scratch()
        let pki = try TestPKI(in: scratch)
        let leaf = try pki.issueLeaf("signer", commonName: "ml-signer-1", serial: 100)
        let crl = try pki.writeCRL("intermediate.crl")
        let model = try scratch.makeModel(weightBytes: 1024)
        try expectSuccess(try TrustCLI.sign(model, with: leaf, of: pki), "sign")
        return CertificateSignedModel(scratch: scratch, pki: pki, leaf: leaf, crl: crl, model: model)
    }
}
