/// Whether a path leads into a store. The files a store trusts (its policy, the keys and
/// roots the policy names, the audit keys, its TLS files) must live outside it: whoever
/// can write the store could otherwise replace what decides what the store trusts.
extension StoreLayout {
    /// Fails (bad input) when `path`, or any directory entry on the way to it, lies inside
    /// this store. Each component is located by resolving the directory that holds it, so
    /// a symlink inside the store that points outside still counts as inside, and a symlink
    /// outside that points in counts as inside too.
    public func requireOutside(_ path: String, _ role: String) throws {
        try Self.requireOutside(path, role, storeRoot: root)
    }

    /// `requireOutside` for a store directory that need not exist yet (`store init`).
    public static func requireOutside(_ path: String, _ role: String, storeRoot: String) throws {
        guard let root = FileSystem.canonicalPath(storeRoot) else { return }  // no store directory yet: nothing is inside it
        let absolute = path.hasPrefix("/") ? path : "\(FileSystem.canonicalPath(".") ?? ".")/\(path)"
        var prefix = ""
        var locations: [String] = FileSystem.canonicalPath(absolute).map { [$0] } ?? []
        for component in absolute.split(separator: "/") {
            let parent = prefix.isEmpty ? "/" : prefix
            prefix += "/\(component)"
            if component == "." || component == ".." { continue }
            let holder = FileSystem.canonicalPath(parent) ?? parent
            locations.append(holder == "/" ? "/\(component)" : "\(holder)/\(component)")
        }
        if locations.contains(where: { $0.hasPrefix(root + "/") }) {
            throw ArtefactError.badInput("store \(storeRoot): \(path), \(role), is inside the store; a store's policy and keys must live "
                                         + "outside it, where the store's writers cannot replace them")
        }
    }
}
