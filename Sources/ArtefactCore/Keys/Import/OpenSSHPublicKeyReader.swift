/// OpenSSH public key lines, as `ssh-keygen -t ed25519` writes them to `id_ed25519.pub`:
/// `ssh-ed25519 BASE64 comment`, where BASE64 holds the wire-format key blob
/// (string "ssh-ed25519", string key), per RFC 8709.
enum OpenSSHPublicKeyReader {
    static let ed25519 = "ssh-ed25519"
    /// Key type prefixes OpenSSH writes, so that an RSA or ECDSA key is named as such.
    private static let typePrefixes = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"]

    static func looksLikeOne(_ firstLine: String) -> Bool {
        typePrefixes.contains { firstLine.hasPrefix($0) } && firstLine.contains(" ")
    }

    /// The key on the one key line in `lines`.
    static func read(_ lines: KeyFileLines, source: String) throws -> PublicKey {
        let description = "\(source) (an OpenSSH public key)"
        guard let found = lines.first(after: 0) else { throw ArtefactError.badInput("\(source) is empty") }
        guard lines.onlyBlank(from: found.index + 1) else {
            throw ArtefactError.badInput("\(description) holds more than one line; give a file with exactly one key")
        }
        let fields = found.line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: true)
        let type = String(decoding: fields[0], as: UTF8.self)
        guard type == ed25519 else {
            throw ArtefactError.badInput("\(source) is an OpenSSH \(type.prefix(40)) key; artefact imports Ed25519 keys only "
                + "(ssh-keygen -t ed25519)")
        }
        guard fields.count >= 2, fields[1].count <= 256, let blob = Base64.decode(String(decoding: fields[1], as: UTF8.self)) else {
            throw ArtefactError.badInput("\(description) is damaged: the key is not valid base64")
        }
        return try blob.withUnsafeBytes { bytes in
            var reader = KeyBlobReader(bytes, description: description)
            let key = try readBlob(&reader, what: "the public key")
            try reader.expectEnd("the public key")
            return key
        }
    }

    /// Reads a wire-format Ed25519 public key blob (string type, string key) from `reader`.
    static func readBlob(_ reader: inout KeyBlobReader, what: String) throws -> PublicKey {
        let type = try reader.name("the key type of \(what)")
        guard type == ed25519 else {
            throw ArtefactError.badInput("\(reader.description) holds an \(type.prefix(40)) key; artefact imports Ed25519 keys only")
        }
        let raw = try reader.string(what)
        guard raw.count == Ed25519.publicKeyByteCount else {
            throw ArtefactError.badInput("\(reader.description) is damaged: \(what) is \(raw.count) bytes, not 32")
        }
        return try PublicKey(rawBytes: Array(raw))
    }
}
