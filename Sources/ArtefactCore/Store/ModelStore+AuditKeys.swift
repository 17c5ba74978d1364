/// Which keys sign and check a store's crossing log. The key that checks checkpoints is
/// always read from outside the store (see `AnchoredAuditKey`).
extension ModelStore {
    /// The crossing log, for a writer. With an audit key configured, the key must be
    /// readable (with `passphrase` if it is encrypted), because every append signs a
    /// checkpoint; when the policy anchors an audit key (`audit_key`), the store's key must
    /// be that key. Checkpoints are checked with the policy's key, or else with the public
    /// half of the signing key; never with anything read from inside the store.
    public func auditLog(passphrase: SecretBytes?) throws -> AuditLog {
        guard let keyPath = configuration.auditKeyPath else {
            try Self.requireAnchoredKey(of: try policy(), matches: nil)
            return AuditLog(layout: layout, checkpointKey: nil, anchor: nil)
        }
        // Every verb that writes the log takes the passphrase from the environment only, so
        // say that rather than the generic "--passphrase-file" these verbs do not accept.
        if passphrase == nil, PrivateKeyFile.isEncrypted(try FileSystem.readFile(keyPath, limit: 1 << 20)) {
            throw ArtefactError.badInput("the audit key \(keyPath) of store \(layout.root) is encrypted: give its passphrase in "
                                         + "ARTEFACT_AUDIT_PASSPHRASE (or ARTEFACT_PASSPHRASE)")
        }
        return try auditLog(signingWith: try PrivateKeyFile.read(path: keyPath, passphrase: passphrase), keyPath: keyPath)
    }

    /// The crossing log signed with `key` from `keyPath`, which must be the key the policy
    /// anchors when it anchors one; nothing is recorded (see `recordAuditKey`).
    public func auditLog(signingWith key: SigningKey, keyPath: String) throws -> AuditLog {
        let policy = try policy()
        try Self.requireAnchoredKey(of: policy, matches: (path: keyPath, key: key))
        return AuditLog(layout: layout, checkpointKey: key,
                        anchor: policy.auditKey ?? AnchoredAuditKey(key: key.publicKey, origin: .signingKey(keyFile: keyPath)))
    }

    /// The crossing log, for a reader that checks it (`audit verify`): the anchor is
    /// `explicitKey` when given (`--audit-key`), else the policy's `audit_key`. A store
    /// with signed checkpoints and no anchor fails (bad input), rather than being checked
    /// with a key the store itself provides, or not at all.
    public func auditLogForChecking(explicitKey: String?) throws -> AuditLog {
        if let explicitKey {
            try layout.requireOutside(explicitKey, "the audit key given")
            guard FileSystem.exists(explicitKey) else { throw ArtefactError.badInput("audit key \(explicitKey) does not exist") }
            let anchor = AnchoredAuditKey(key: try PublicKey.read(path: explicitKey), origin: .commandLine(keyFile: explicitKey))
            return AuditLog(layout: layout, checkpointKey: nil, anchor: anchor)
        }
        let anchored = try policy().auditKey
        if try anchored == nil && (configuration.auditKeyPath != nil || AuditLog(layout: layout, checkpointKey: nil).hasCheckpointFile()) {
            throw ArtefactError.badInput("store \(layout.root) has signed audit checkpoints, but no audit key is anchored to check them: "
                                         + "name its public key in policy \(configuration.policyPath) (\"audit_key\") or pass --audit-key PUBLIC_KEY")
        }
        return AuditLog(layout: layout, checkpointKey: nil, anchor: anchored)
    }

    /// A policy that anchors an audit key needs a store that signs with that key.
    static func requireAnchoredKey(of policy: TrustPolicy, matches signing: (path: String, key: SigningKey)?) throws {
        guard let anchored = policy.auditKey else { return }
        let anchor = "audit key \(anchored.key.keyID.prefix(16)) (audit_key \(anchored.keyFile))"
        guard let signing else {
            throw ArtefactError.badInput("policy \(policy.sourcePath ?? "") anchors \(anchor), but the store has no audit key to sign "
                                         + "checkpoints with; give its private half with --audit-key")
        }
        guard signing.key.publicKey == anchored.key else {
            throw ArtefactError.badInput("the audit key \(signing.path) is not the key policy \(policy.sourcePath ?? "") anchors, \(anchor); "
                                         + "use the private half of the policy's audit_key")
        }
    }

    /// Points the store at a new private audit key (`audit recover --audit-key`): the key
    /// must be the one the policy anchors, if it anchors one, and live outside the store.
    /// Rewrites `store.json` and the informational `audit.pub`. The caller holds the lock
    /// and has established that the log needs a new segment.
    public func recordAuditKey(path: String, key: SigningKey) throws {
        try Self.requireAnchoredKey(of: try policy(), matches: (path: path, key: key))
        guard let absolute = FileSystem.canonicalPath(path) else { throw ArtefactError.badInput("cannot resolve \(path)") }
        let updated = StoreConfiguration(environment: configuration.environment, policyPath: configuration.policyPath,
                                         auditKeyPath: absolute, tls: configuration.tls)
        try updated.requireOutside(storeRoot: layout.root)
        try layout.write(StoreLayout.Relative.auditPublicKey, key.publicKey.pem)
        try layout.write(StoreLayout.Relative.configuration, JSONWriter.pretty(updated.json))
    }
}
