import ArtefactCore
import Foundation

/// A signed payload that `artefact sign` would never write: files and symlinks listed as
/// a hostile signer chooses, encoded with the library's own writers (so only the chosen
/// shape is odd) and signed with a key made by `artefact keygen`.
struct HostileManifest {
    var name = "hostile"
    var version = "1.0.0"
    var ignore = [".git/", "/model.sig"]
    var files: [(path: String, content: String)] = [("config.json", "{}")]
    var symlinks: [(path: String, target: String)] = []

    /// The statement's payload bytes, with a subject digest that matches its lists.
    var payload: [UInt8] {
        let fileEntries = files.map { file in
            ModelFile(path: file.path, size: Int64(file.content.utf8.count), digest: .whole(SHA256Hasher.digest(Array(file.content.utf8))))
        }
        let contents = ModelContents(files: fileEntries, symlinks: symlinks.map { ModelSymlink(path: $0.path, target: $0.target) })
        let digest = ModelDigest.compute(contents, parameters: .files)
        let predicate = jsonObject([
            ("name", .string(name)), ("version", .string(version)), ("classification", .string("internal")),
            ("createdAt", .string(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) - 60).description)),
            ("hashing", jsonObject([("algorithm", .string("sha256"))])),
            ("ignore", .array(ignore.map(JSONValue.string))),
            ("files", .array(contents.files.map(\.json))),
            ("symlinks", .array(contents.symlinks.map(\.json))),
        ])
        return JSONWriter.compact(jsonObject([
            ("_type", .string("https://in-toto.io/Statement/v1")),
            ("subject", .array([jsonObject([("name", .string(name)), ("digest", jsonObject([("sha256", .string(digest.hex))]))])])),
            ("predicateType", .string(ModelManifest.predicateType)),
            ("predicate", predicate),
        ]))
    }

    /// A bundle holding `payload` signed by `key`.
    func bundle(signedWith key: KeyPair) throws -> [UInt8] {
        try Self.bundle(payload: payload, signedWith: key)
    }

    /// A bundle holding any `payload`, validly signed by `key`.
    static func bundle(payload: [UInt8], signedWith key: KeyPair) throws -> [UInt8] {
        let signingKey = try signingKey(key)
        let envelope = DSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: payload, signatures: [])
        let signature = DSSESignature(keyID: signingKey.publicKey.keyID, signature: try signingKey.sign(envelope.signedBytes))
        return SignatureBundle(envelope: envelope.appending(signature), publicKeyHint: signingKey.publicKey.keyID).fileBytes
    }

    static func signingKey(_ key: KeyPair) throws -> SigningKey {
        let passphrase = try Array(KeyPair.passphrase.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        return try PrivateKeyFile.read(path: key.privateKey, passphrase: passphrase)
    }

    /// Writes the regular files (not the symlinks, which may not be makeable) under
    /// `directory`, where they can be, and the bundle as `directory/model.sig` or `bundlePath`.
    func writeModel(_ directory: String, signedWith key: KeyPair, bundleAt bundlePath: String? = nil) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files {
            let url = URL(fileURLWithPath: "\(directory)/\(file.path)")
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(file.content.utf8).write(to: url)
        }
        try Data(bundle(signedWith: key)).write(to: URL(fileURLWithPath: bundlePath ?? "\(directory)/model.sig"))
    }
}
