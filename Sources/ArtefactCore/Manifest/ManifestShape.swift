/// The one check that a signed file list describes a tree that can exist on disk and
/// stays inside its root (see `Docs/FORMAT.md`, "Tree shape"). Every manifest passes it
/// when it is made or decoded, so verify, transfer, pull and export all refuse the same
/// payloads, and a store never takes in what `verify` would reject.
enum ManifestShape {
    /// How many symlinks one resolution may follow, as Linux allows (`ELOOP` beyond).
    static let maximumLinkHops = 40

    /// Why `contents` cannot be a model tree under the signed `ignore` rules, or nil.
    static func problem(with contents: ModelContents, ignore: IgnoreRules) -> String? {
        var tree = ManifestTree()
        let anchoredDepths = ignore.anchoredComponentCounts
        let entries = contents.files.map { ($0.path, ManifestTree.Kind.file) } + contents.symlinks.map { ($0.path, .symlink($0.target)) }
        var links: [(node: Int, link: ModelSymlink)] = []
        for (path, kind) in entries {
            if let problem = ModelPath.problem(with: path) { return "the path \"\(ModelPath.printable(path))\" has \(problem)" }
            if ignore.ignores(path, isDirectory: false) { return "\(path) is signed but the signed ignore patterns leave it out" }
            let components = path.split(separator: "/")
            var node = ManifestTree.root
            for (depth, component) in components.enumerated() {
                let isLast = depth == components.count - 1
                if let existing = tree.child(of: node, named: component) {
                    switch (tree.kinds[existing], isLast) {
                    case (.directory, false): node = existing
                    case (.directory, true): return "\(tree.paths[existing]) lies under \(path), which is \(describe(kind))"
                    case (let other, _): return "\(path) lies under \(tree.paths[existing]), which is \(describe(other))"
                    }
                    continue
                }
                if isLast {
                    node = tree.add(component, under: node, kind: kind, path: path)
                    if case .symlink(let target) = kind { links.append((node, ModelSymlink(path: path, target: target))) }
                    continue
                }
                // A directory met for the first time: one check against the patterns. An
                // anchored pattern is matched against the whole path only at the depths
                // where it can match at all, so deep paths cost no more than their length.
                let prefix = String(path[..<component.endIndex])
                node = tree.add(component, under: node, kind: .directory, path: path)
                let anchoredApplies = anchoredDepths.map { $0.contains(depth + 1) } ?? true
                if ignore.ignoresByName(String(component), isDirectory: true)
                    || (anchoredApplies && ignore.ignoresAnchored(prefix, isDirectory: true)) {
                    return "the directory \(prefix) holds signed entries but the signed ignore patterns leave it out"
                }
            }
        }
        for (node, link) in links {
            if let problem = targetProblem(link.target) {
                return "symlink \(link.path) has a target \"\(ModelPath.printable(link.target))\" with \(problem)"
            }
            if case .failure(let failure) = tree.resolve(link: node) { return "symlink \(link.path) -> \(link.target) \(failure.reason)" }
        }
        return nil
    }

    private static func describe(_ kind: ManifestTree.Kind) -> String {
        if case .symlink = kind { return "a symlink" }
        return "a file"
    }

    /// Why `target` cannot be a link target, or nil: empty, longer than Linux allows
    /// (`PATH_MAX`), or holding NUL or another control character (C0, DEL or C1), which no
    /// terminal or file system should meet.
    static func targetProblem(_ target: String) -> String? {
        if target.isEmpty { return "nothing in it" }
        if target.utf8.count > ModelPath.maximumPathBytes { return "more than \(ModelPath.maximumPathBytes) bytes in it" }
        for scalar in target.unicodeScalars where ModelPath.isControl(scalar) {
            return scalar.value == 0 ? "a NUL byte" : "a control character"
        }
        return nil
    }
}
