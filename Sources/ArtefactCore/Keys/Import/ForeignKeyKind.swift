/// The tools whose Ed25519 key files `artefact key import` reads.
public enum ForeignKeyTool: String, Sendable {
    case openssh, minisign, signify

    var displayName: String {
        switch self {
        case .openssh: "OpenSSH"
        case .minisign: "minisign"
        case .signify: "signify"
        }
    }
}

/// What another tool's key file is, told from its shape alone (armour lines, the length
/// of the base64 line), without decoding or decrypting anything: enough to dispatch an
/// import, and to say what a `--key` argument was when it is not a PEM key.
public struct ForeignKeyKind: Equatable, Sendable {
    public let tool: ForeignKeyTool
    public let isSecret: Bool

    /// "an OpenSSH private key", "a minisign secret key", "a signify public key".
    public var name: String {
        let half = isSecret ? (tool == .openssh ? "private" : "secret") : "public"
        return "\(tool == .openssh ? "an" : "a") \(tool.displayName) \(half) key"
    }

    /// The lengths of the base64 line in minisign's and signify's files: a public key is
    /// "Ed", an 8-byte key number and 32 bytes of key (42 bytes); a minisign secret key 158
    /// bytes; a signify secret key 104.
    static let publicLineLength = 56
    static let minisignSecretLineLength = 212
    static let signifySecretLineLength = 140

    static let opensshPrivateBegin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    static let untrustedComment = "untrusted comment: "

    /// The kind of key in `bytes`, or nil when it looks like none of them.
    public static func detect(_ bytes: [UInt8]) -> ForeignKeyKind? {
        let lines = KeyFileLines(bytes)
        if lines.contains(opensshPrivateBegin) { return ForeignKeyKind(tool: .openssh, isSecret: true) }
        guard let first = lines.first(after: 0) else { return nil }
        let firstText = String(decoding: first.line.prefix(64), as: UTF8.self)
        if OpenSSHPublicKeyReader.looksLikeOne(firstText) { return ForeignKeyKind(tool: .openssh, isSecret: false) }
        guard firstText.hasPrefix(untrustedComment), let second = lines.first(after: first.index + 1) else { return nil }
        let comment = String(decoding: first.line, as: UTF8.self)
        switch second.line.count {
        case publicLineLength: return ForeignKeyKind(tool: comment.contains("signify") ? .signify : .minisign, isSecret: false)
        case minisignSecretLineLength: return ForeignKeyKind(tool: .minisign, isSecret: true)
        case signifySecretLineLength: return ForeignKeyKind(tool: .signify, isSecret: true)
        default: return nil
        }
    }

    /// The message for a `--key` that reads another tool's key where a PEM key was
    /// expected: what it is, and how to convert it.
    public func notPEMMessage(source: String, expectingPrivate: Bool) -> String {
        let file = source.contains(" ") ? "FILE" : source
        let wrongHalf = isSecret != expectingPrivate
            ? " (and a \(isSecret ? "private" : "public") key where a \(expectingPrivate ? "private" : "public") key is needed)" : ""
        return "\(source) is \(name)\(wrongHalf), not a PEM key artefact reads; convert it with "
            + "'artefact key import \(file) --out PREFIX' and pass PREFIX.\(expectingPrivate ? "key" : "pub")"
    }
}
