/// The difference between the files a manifest lists and the files on disk.
public struct IntegrityComparison: Sendable {
    /// Paths present on both sides whose content, size, link target or kind differs.
    public private(set) var mismatched: [String] = []
    /// Paths the manifest lists that are not on disk.
    public private(set) var missing: [String] = []
    /// Paths on disk that the manifest does not list (and no ignore pattern covers).
    public private(set) var extra: [String] = []

    public var isClean: Bool { mismatched.isEmpty && missing.isEmpty && extra.isEmpty }

    /// Compares by path. Kinds count: a symlink replaced by a regular file is a mismatch.
    public init(expected: ModelContents, actual: ModelContents) {
        let expectedFiles = Dictionary(expected.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedLinks = Dictionary(expected.symlinks.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let actualFiles = Dictionary(actual.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let actualLinks = Dictionary(actual.symlinks.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedPaths = Set(expectedFiles.keys).union(expectedLinks.keys)
        let actualPaths = Set(actualFiles.keys).union(actualLinks.keys)
        for path in expectedPaths {
            if !actualPaths.contains(path) {
                missing.append(path)
            } else if expectedFiles[path] != actualFiles[path] || expectedLinks[path] != actualLinks[path] {
                mismatched.append(path)
            }
        }
        extra = actualPaths.subtracting(expectedPaths).map { $0 }
        mismatched.sort(by: ModelPath.precedes)
        missing.sort(by: ModelPath.precedes)
        extra.sort(by: ModelPath.precedes)
    }

    public var summary: String { Self.describe(mismatched: mismatched, missing: missing, extra: extra) }

    /// One line naming at most three paths of each kind of difference.
    static func describe(mismatched: [String], missing: [String], extra: [String]) -> String {
        var parts: [String] = []
        func add(_ label: String, _ paths: [String]) {
            guard !paths.isEmpty else { return }
            let shown = paths.prefix(3).joined(separator: ", ")
            parts.append("\(label): \(shown)\(paths.count > 3 ? " and \(paths.count - 3) more" : "")")
        }
        add("changed", mismatched)
        add("missing", missing)
        add("unexpected", extra)
        return parts.joined(separator: "; ")
    }
}
