/// `audit export`: a store's whole crossing log as one JSON document, with a freshly
/// signed checkpoint (when the store has an audit key), for another environment or a SIEM.
public enum AuditExport {
    /// Checks the log under the store lock (a damaged log is not exported: rejected), signs
    /// a checkpoint over it, and returns the document.
    public static func document(of store: ModelStore, auditPassphrase: SecretBytes?) throws -> JSONValue {
        let log = try store.auditLog(passphrase: auditPassphrase)
        return try store.whileLocked {
            let verification = try AuditVerifier.verify(log)
            guard verification.isIntact else {
                throw ArtefactError.rejected("not exporting a damaged log: \(verification.problems[0])")
            }
            let checkpoint = try log.checkpointNow()
            return jsonObject([
                ("store", .string(store.layout.root)), ("environment", .string(store.configuration.environment)),
                ("exportedAt", .string(Timestamp.now.description)),
                ("auditKey", log.anchor.map { .string($0.key.keyID) } ?? .null),
                ("checkpoint", checkpoint?.json ?? .null),
                ("entries", .array(try log.entries().map(\.json))),
            ])
        }
    }
}
