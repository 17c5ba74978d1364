/// The signed lists as a tree of nodes, each path walked once and each lookup one
/// component long, so the shape checks take time in proportion to the manifest however
/// deep or hostile its paths and link chains are. Link resolution is remembered per link.
struct ManifestTree {
    enum Kind: Equatable {
        case directory
        case file
        case symlink(String)
        /// A name the lists do not hold, met while resolving a link: taken as a directory.
        case absent
    }

    /// Why a resolution failed, and whether that is a property of the link itself (and
    /// so may be remembered) or only of the chain that led to it.
    struct Failure: Error {
        let reason: String
        let intrinsic: Bool
    }

    static let root = 0

    private(set) var kinds: [Kind] = [.directory]
    private(set) var parents: [Int] = [0]
    /// For each node: the entry path that made it, for messages.
    private(set) var paths: [String] = [""]
    private var children: [Key: Int] = [:]
    private var resolved: [Int: Result<(node: Int, hops: Int), Failure>] = [:]
    private var inProgress = Set<Int>()

    private struct Key: Hashable {
        let parent: Int
        let name: Substring
    }

    func child(of parent: Int, named name: Substring) -> Int? { children[Key(parent: parent, name: name)] }

    mutating func add(_ name: Substring, under parent: Int, kind: Kind, path: String) -> Int {
        let node = kinds.count
        kinds.append(kind)
        parents.append(parent)
        paths.append(path)
        children[Key(parent: parent, name: name)] = node
        return node
    }

    /// Resolves the symlink `node` as the kernel would in a tree holding exactly these
    /// nodes: where it leads and how many links that took (itself included).
    mutating func resolve(link node: Int, depth: Int = 0) -> Result<(node: Int, hops: Int), Failure> {
        if let known = resolved[node] { return known }
        // Each level of nesting is at least one more link: deeper than the limit is a loop.
        guard depth <= ManifestShape.maximumLinkHops, !inProgress.contains(node) else {
            return .failure(Failure(reason: "passes through more than \(ManifestShape.maximumLinkHops) symlinks (a loop)",
                                    intrinsic: inProgress.contains(node)))
        }
        guard case .symlink(let target) = kinds[node] else { return .success((node, 0)) }
        inProgress.insert(node)
        let outcome = walk(target, from: parents[node], depth: depth).map { (node: $0.node, hops: $0.hops + 1) }
        inProgress.remove(node)
        let checked = outcome.flatMap { result -> Result<(node: Int, hops: Int), Failure> in
            result.hops > ManifestShape.maximumLinkHops
                ? .failure(Failure(reason: "passes through more than \(ManifestShape.maximumLinkHops) symlinks (a loop)", intrinsic: true))
                : .success(result)
        }
        if case .failure(let failure) = checked, !failure.intrinsic { return checked }
        resolved[node] = checked
        return checked
    }

    /// Follows `target` from the directory `start`: `.` stays, `..` goes up (above the root
    /// is outside), a symlink is replaced by where it leads, a file must come last.
    private mutating func walk(_ target: String, from start: Int, depth: Int) -> Result<(node: Int, hops: Int), Failure> {
        if target.hasPrefix("/") { return .failure(Failure(reason: "is an absolute path, outside the model", intrinsic: true)) }
        let components = target.split(separator: "/")
        var current = start
        var hops = 0
        for (index, component) in components.enumerated() {
            let isLast = index == components.count - 1
            switch component {
            case ".":
                continue
            case "..":
                guard current != Self.root else {
                    return .failure(Failure(reason: "leads outside the model once the links on its way are followed", intrinsic: true))
                }
                current = parents[current]
            default:
                guard var next = child(of: current, named: component) else {
                    current = add(component, under: current, kind: .absent, path: "")
                    continue
                }
                if case .symlink = kinds[next] {
                    switch resolve(link: next, depth: depth + 1) {
                    case .failure(let failure): return .failure(failure)
                    case .success(let result):
                        hops += result.hops
                        next = result.node
                    }
                    if hops > ManifestShape.maximumLinkHops {
                        return .failure(Failure(reason: "passes through more than \(ManifestShape.maximumLinkHops) symlinks (a loop)",
                                                intrinsic: true))
                    }
                }
                if kinds[next] == .file && !isLast {
                    return .failure(Failure(reason: "goes on through \(paths[next]), which is a file", intrinsic: true))
                }
                current = next
            }
        }
        return .success((current, hops))
    }
}
