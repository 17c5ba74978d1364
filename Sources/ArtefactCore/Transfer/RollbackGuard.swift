/// Rollback and freeze protection at a store's door (see `Docs/STORE.md`, "Versions"):
/// a store accepts only versioned models, never a version lower than the highest it has
/// accepted (unless its policy allows a downgrade of that model, which is logged), and
/// never the same version with a different digest.
enum RollbackGuard {
    struct Decision {
        let version: ModelVersion
        /// Set when the policy allowed this version below the highest accepted one.
        let downgradedFrom: ModelVersion?
    }

    /// What to record, or nil when this exact model is already in the store.
    static func check(_ manifest: ModelManifest, destination store: ModelStore, policy: TrustPolicy) throws -> Decision? {
        try check(manifest, index: store.index, state: store.state, policy: policy)
    }

    /// `check` over the store's index and state as the caller read them (read only once
    /// the signed version is known to be valid).
    static func check(_ manifest: ModelManifest, index readIndex: () throws -> StoreIndex, state readState: () throws -> StoreState,
                      policy: TrustPolicy) throws -> Decision? {
        guard let text = manifest.version else {
            throw TransferRejection(check: .version, reason: "\(manifest.name) has no signed version; a store accepts only versioned models (sign with --version)",
                                    manifest: manifest)
        }
        guard let version = ModelVersion(text) else {
            throw TransferRejection(check: .version, reason: "version \"\(text)\" is not dotted numeric with an optional -prerelease (1.2.3, 2.0.0-rc.1)",
                                    manifest: manifest)
        }
        let digest = manifest.modelDigest.prefixed
        let index = try readIndex()
        if let present = index.models.first(where: { $0.name == manifest.name && ModelVersion.same($0.version, text) }) {
            if present.modelDigest == digest { return nil }
            throw TransferRejection(check: .rollback, reason: "\(manifest.name)@\(text) is already in the store with digest \(present.modelDigest); the same version with different content is refused",
                                    manifest: manifest)
        }
        let state = try readState()
        var highest = state.highest[manifest.name].flatMap { ModelVersion($0.version) }
        for model in index.models where model.name == manifest.name {
            if let stored = model.version.flatMap(ModelVersion.init), highest.map({ stored > $0 }) ?? true { highest = stored }
        }
        if let accepted = state.highest[manifest.name], ModelVersion.same(accepted.version, text), accepted.modelDigest != digest {
            throw TransferRejection(check: .rollback, reason: "\(manifest.name)@\(text) was accepted before with digest \(accepted.modelDigest); the same version with different content is refused",
                                    manifest: manifest)
        }
        guard let highest, version < highest else { return Decision(version: version, downgradedFrom: nil) }
        guard policy.allowsDowngrade(of: manifest.name) else {
            throw TransferRejection(check: .rollback, reason: "\(manifest.name)@\(text) is lower than \(highest.text), the highest version this store has accepted",
                                    manifest: manifest)
        }
        return Decision(version: version, downgradedFrom: highest)
    }
}
