/// The two-line layout minisign and signify share: `untrusted comment: ...`, then one line
/// of base64. Their public keys are the same blob too: "Ed", an 8-byte key number, and
/// the 32-byte Ed25519 public key.
enum CommentedKeyFile {
    static let algorithm = Array("Ed".utf8)
    static let keyNumberByteCount = 8

    /// The base64 line, after checking the comment line and that nothing else follows.
    static func keyLine(_ lines: KeyFileLines, description: String) throws -> ArraySlice<UInt8> {
        guard let comment = lines.first(after: 0), comment.line.starts(with: ForeignKeyKind.untrustedComment.utf8),
              let key = lines.first(after: comment.index + 1)
        else { throw ArtefactError.badInput("\(description) is damaged: it needs an 'untrusted comment:' line, then the key") }
        guard lines.onlyBlank(from: key.index + 1) else {
            throw ArtefactError.badInput("\(description) is damaged: unexpected lines after the key")
        }
        return key.line
    }

    /// The public key of a minisign or signify public key file.
    static func readPublic(_ lines: KeyFileLines, source: String, tool: ForeignKeyTool) throws -> PublicKey {
        let description = "\(source) (\(ForeignKeyKind(tool: tool, isSecret: false).name))"
        let line = try keyLine(lines, description: description)
        guard let blob = Base64.decode(String(decoding: line, as: UTF8.self)) else {
            throw ArtefactError.badInput("\(description) is damaged: the key is not valid base64")
        }
        return try blob.withUnsafeBytes { bytes in
            var reader = KeyBlobReader(bytes, description: description)
            try expectEd25519(&reader)
            _ = try reader.take(keyNumberByteCount, "the key number")
            let key = try PublicKey(rawBytes: Array(try reader.take(Ed25519.publicKeyByteCount, "the public key")))
            try reader.expectEnd("the public key")
            return key
        }
    }

    /// Reads the two-byte signature algorithm, which must be "Ed".
    static func expectEd25519(_ reader: inout KeyBlobReader) throws {
        let name = try reader.take(2, "the signature algorithm")
        guard name.elementsEqual(algorithm) else {
            throw ArtefactError.badInput("\(reader.description) is not an Ed25519 key (its algorithm is "
                + "\(String(decoding: name, as: UTF8.self).debugDescription)); artefact imports Ed25519 keys only")
        }
    }
}
