/// A store's transactions: each runs under the store lock, on a crossing log that
/// verifies against its last signed checkpoint, and logs its own audit entry. The CLI
/// only parses and prints; store init, gc, audit export and recover, and every crossing
/// (`Crossing`), come through here.
extension ModelStore {
    /// Runs `work` as one transaction: takes the lock (waiting for another writer), checks
    /// that `log` is intact (exit 3 and nothing done when it is not), runs `work`, appends
    /// the entry it returns, and releases the lock. When `work` throws, nothing is logged.
    public func withLock<Result>(logging log: AuditLog, _ work: () throws -> (result: Result, entry: AuditDraft)) throws -> Result {
        try whileLocked {
            try log.requireIntact()
            let (result, entry) = try work()
            try log.append(entry)
            return result
        }
    }

    /// Runs `body` holding the store lock, for work that checks or begins the log itself.
    @discardableResult
    func whileLocked<Result>(_ body: () throws -> Result) throws -> Result {
        let lock = try StoreLock(layout: layout)
        return try withExtendedLifetime(lock) { try body() }
    }

    /// Creates a store (see `initialize`) and begins its crossing log with a `store-init`
    /// entry. Returns the store and its log (whose anchor says how checkpoints are signed).
    public static func create(at path: String, environment: String, policyPath: String, auditKey: (path: String, key: SigningKey)?,
                              tls: StoredTLSFiles?, auditPassphrase: SecretBytes?) throws -> (store: ModelStore, log: AuditLog) {
        let store = try initialize(at: path, environment: environment, policyPath: policyPath, auditKey: auditKey, tls: tls)
        let log = try store.auditLog(passphrase: auditPassphrase)
        try store.whileLocked {
            _ = try log.begin(AuditDraft(action: .storeInit, destination: store.endpoint, result: .ok,
                                         reason: "store created under policy \(store.configuration.policyPath)"))
        }
        return (store, log)
    }

    /// Removes unreferenced blobs and partial uploads (`StoreGarbageCollector`), logged as `gc`.
    public func collectGarbage(auditPassphrase: SecretBytes?) throws -> StoreGarbageCollector.Result {
        let log = try auditLog(passphrase: auditPassphrase)
        return try withLock(logging: log) {
            let result = try StoreGarbageCollector.collect(self)
            return (result, AuditDraft(action: .gc, destination: endpoint, result: .ok,
                                       reason: "removed \(result.removedBlobs) blob(s) and \(result.removedPartials) partial upload(s)"))
        }
    }
}
