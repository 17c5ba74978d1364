import Foundation

/// A model signed by OpenSSF Model Signing 1.1.1 (`model_signing`, from the test venv) with
/// an EC key made by openssl: the model of `Scratch.makeModel` (nested folders, an empty
/// file, an in-model symlink), its bundle at `model/model.sig`.
struct OMSFixture {
    let scratch: Scratch
    let model: String
    let privateKey: String
    let publicKey: String

    var bundle: String { "\(model)/model.sig" }

    /// An EC key pair on `curve` (an OpenSSL name: P-256, P-384, P-521) under `scratch`.
    static func ecKeys(in scratch: Scratch, name: String, curve: String = "P-256") throws -> (privateKey: String, publicKey: String) {
        let privateKey = scratch.path("\(name).pem")
        let publicKey = scratch.path("\(name).pub")
        let made = try CLI.runTool("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(curve)", "-out", privateKey])
        guard made.status == 0 else { throw FixtureError("openssl genpkey failed: \(made.stderr)") }
        let exported = try CLI.runTool("openssl", ["pkey", "-in", privateKey, "-pubout", "-out", publicKey])
        guard exported.status == 0 else { throw FixtureError("openssl pkey failed: \(exported.stderr)") }
        return (privateKey, publicKey)
    }

    /// Signs with `model_signing sign key --allow_symlinks` (files serialization), or with
    /// its Python API in shards serialization when `shardSize` is given (its command line
    /// has no shard option).
    static func make(curve: String = "P-256", shardSize: Int? = nil, weightBytes: Int = 256 * 1024,
                     prepare: (Scratch, String) throws -> Void = { _, _ in }) throws -> OMSFixture {
        let scratch = try Scratch()
        let keys = try ecKeys(in: scratch, name: "oms", curve: curve)
        let model = try scratch.makeModel(weightBytes: weightBytes)
        try prepare(scratch, model)
        let fixture = OMSFixture(scratch: scratch, model: model, privateKey: keys.privateKey, publicKey: keys.publicKey)
        let result: CLIResult
        if let shardSize {
            result = try OMSTools.runPython(["-c", Self.shardSigningScript, keys.privateKey, model, fixture.bundle, String(shardSize)])
        } else {
            result = try OMSTools.runModelSigning(["sign", "key", model, "--allow_symlinks", "--private_key", keys.privateKey,
                                                   "--signature", fixture.bundle])
        }
        guard result.status == 0 else { throw FixtureError("model_signing failed: \(result.stdout)\(result.stderr)") }
        return fixture
    }

    /// model_signing's API signing in shards serialization: KEY MODEL SIGNATURE SHARD_SIZE.
    static let shardSigningScript = """
    import sys, model_signing as ms
    key, model, signature, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    hashing = ms.hashing.Config().use_shard_serialization(shard_size=size).set_allow_symlinks(True).set_ignored_paths(paths=["model.sig"])
    ms.signing.Config().use_elliptic_key_signer(private_key=key).set_hashing_config(hashing).sign(model, signature)
    """

    /// model_signing's API verifying a shards bundle; its command line always hashes files,
    /// and its guess from the bundle fails on the float shard size, so the size is given:
    /// PUBLIC_KEY MODEL SIGNATURE SHARD_SIZE.
    static let shardVerifyingScript = """
    import sys, model_signing as ms
    key, model, signature, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    hashing = ms.hashing.Config().use_shard_serialization(shard_size=size).set_allow_symlinks(True).set_ignored_paths(paths=["model.sig"])
    ms.verifying.Config().use_elliptic_key_verifier(public_key=key).set_hashing_config(hashing).verify(model, signature)
    """

    /// Rewrites the signed statement with `edit` (a Python statement over `statement`, a
    /// dict) and signs it again with the fixture's key, recomputing the subject digest, so
    /// that only the edited part is hostile.
    func resign(editing edit: String) throws {
        let script = """
        import base64, hashlib, json, sys
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        key = serialization.load_pem_private_key(open(sys.argv[1], "rb").read(), None)
        bundle = json.load(open(sys.argv[2]))
        statement = json.loads(base64.b64decode(bundle["dsseEnvelope"]["payload"]))
        \(edit)
        root = hashlib.sha256(b"".join(bytes.fromhex(r["digest"]) for r in statement["predicate"]["resources"])).hexdigest()
        statement["subject"][0]["digest"]["sha256"] = root
        payload = json.dumps(statement).encode()
        kind = b"application/vnd.in-toto+json"
        pae = b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)
        bundle["dsseEnvelope"]["payload"] = base64.b64encode(payload).decode()
        bundle["dsseEnvelope"]["signatures"][0]["sig"] = base64.b64encode(key.sign(pae, ec.ECDSA(hashes.SHA256()))).decode()
        json.dump(bundle, open(sys.argv[2], "w"))
        """
        let result = try OMSTools.runPython(["-c", script, privateKey, bundle])
        guard result.status == 0 else { throw FixtureError("re-signing failed: \(result.stderr)") }
    }

    /// `artefact verify MODEL --key PUB` plus `extra`.
    func verify(_ extra: [String] = [], key: String? = nil) throws -> CLIResult {
        try CLI.run(["verify", model, "--key", key ?? publicKey] + extra)
    }

    func write(_ relative: String, _ text: String) throws { try scratch.write("model/\(relative)", text) }

    func bundleText() throws -> String { String(decoding: try Data(contentsOf: URL(fileURLWithPath: bundle)), as: UTF8.self) }

    func writeBundle(_ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: bundle)) }
}
