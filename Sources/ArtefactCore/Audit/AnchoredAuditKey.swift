/// The public key that a store's audit checkpoints must verify with, and where it was
/// found. It always comes from outside the store: the policy's `audit_key`, an explicit
/// `audit verify --audit-key`, or (for a writer whose policy names none) the public half of
/// the private audit key it is about to sign with. `artefact/audit.pub` inside the store is
/// never an anchor, because whoever writes the store could replace it.
public struct AnchoredAuditKey: Sendable {
    public enum Origin: Sendable, Equatable {
        /// `audit_key` in the policy file `policy`, naming `keyFile`.
        case policy(policy: String, keyFile: String)
        /// `audit verify --audit-key FILE`.
        case commandLine(keyFile: String)
        /// The public half of the private audit key a writer signs checkpoints with.
        case signingKey(keyFile: String)
    }

    public let key: PublicKey
    public let origin: Origin

    public init(key: PublicKey, origin: Origin) {
        self.key = key
        self.origin = origin
    }

    /// The file the key was read from.
    public var keyFile: String {
        switch origin {
        case .policy(_, let keyFile), .commandLine(let keyFile), .signingKey(let keyFile): return keyFile
        }
    }

    /// Where the anchor came from, in words: `policy P (audit_key F)`.
    public var originDescription: String {
        switch origin {
        case let .policy(policy, keyFile): return "policy \(policy) (audit_key \(keyFile))"
        case .commandLine(let keyFile): return "--audit-key \(keyFile)"
        case .signingKey(let keyFile): return "the audit signing key \(keyFile)"
        }
    }

    /// `{"keyid", "keyId", "source", "file"}`, for `--json` reports (`keyid` kept for schemaVersion 1).
    public var json: JSONValue {
        let source: String
        switch origin {
        case .policy: source = "policy"
        case .commandLine: source = "command-line"
        case .signingKey: source = "signing-key"
        }
        var members: [(String, JSONValue?)] = [("keyid", .string(key.keyID)), ("keyId", .string(key.keyID)), ("source", .string(source)), ("file", .string(keyFile))]
        if case .policy(let policy, _) = origin { members.append(("policy", .string(policy))) }
        return jsonObject(members)
    }
}
