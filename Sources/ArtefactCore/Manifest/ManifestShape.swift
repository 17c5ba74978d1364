/// The one check that a signed file list describes a tree that can exist on disk and
/// stays inside its root (see `Docs/FORMAT.md`, "Tree shape"). Every manifest passes it
/// when it is made or decoded, so verify, transfer, pull and export all refuse the same
/// payloads, and a store never takes in what `verify` would reject.
enum ManifestShape {
    /// How many symlinks one resolution may follow, as Linux allows (`ELOOP` beyond).
    static let maximumLinkHops = 40

    /// Why `contents` cannot be a model tree under the signed `ignore` rules, or nil.
    static func problem(with contents: ModelContents, ignore: IgnoreRules) -> String? {
        var kinds: [String: EntryKind] = [:]
        for file in contents.files { kinds[file.path] = .file }
        for link in contents.symlinks { kinds[link.path] = .symlink(link.target) }
        var directories = Set<String>()
        for path in contents.files.map(\.path) + contents.symlinks.map(\.path) {
            if let problem = ModelPath.problem(with: path) { return "the path \"\(ModelPath.printable(path))\" has \(problem)" }
            if ignore.ignores(path, isDirectory: false) { return "\(path) is signed but the signed ignore patterns leave it out" }
            var prefix = ""
            for component in path.split(separator: "/").dropLast() {
                prefix += prefix.isEmpty ? String(component) : "/\(component)"
                switch kinds[prefix] {
                case .symlink?: return "\(path) lies under the symlink \(prefix)"
                case .file?: return "\(path) lies under \(prefix), which is a file"
                case nil: directories.insert(prefix)
                }
            }
        }
        for directory in directories.sorted(by: ModelPath.precedes) where ignore.ignores(directory, isDirectory: true) {
            return "the directory \(directory) holds signed entries but the signed ignore patterns leave it out"
        }
        for link in contents.symlinks {
            if let problem = targetProblem(link.target) {
                return "symlink \(link.path) has a target \"\(ModelPath.printable(link.target))\" with \(problem)"
            }
            if let problem = resolutionProblem(of: link, in: kinds) { return "symlink \(link.path) -> \(link.target) \(problem)" }
        }
        return nil
    }

    /// Why `target` cannot be a link target, or nil: empty, or holding NUL or another
    /// control character (C0, DEL or C1), which no terminal or file system should meet.
    static func targetProblem(_ target: String) -> String? {
        if target.isEmpty { return "nothing in it" }
        for scalar in target.unicodeScalars where ModelPath.isControl(scalar) {
            return scalar.value == 0 ? "a NUL byte" : "a control character"
        }
        return nil
    }

    enum EntryKind: Equatable {
        case file
        case symlink(String)
    }

    /// Resolves `link` the way the kernel would in a tree holding exactly `kinds`: `.` is
    /// skipped, `..` goes up (above the root is outside), a component naming a symlink is
    /// replaced by its target read from the symlink's directory, and a file must be the
    /// last component. A name the list does not hold is taken as a directory, which is
    /// what any `..` after it would undo on disk as well.
    private static func resolutionProblem(of link: ModelSymlink, in kinds: [String: EntryKind]) -> String? {
        if link.target.hasPrefix("/") { return "is an absolute path, outside the model" }
        var directory = link.path.split(separator: "/").dropLast().map(String.init)
        var pending = components(of: link.target)
        // The link itself is the first hop, as when the kernel opens a path through it.
        var hops = 1
        while let component = pending.popLast() {
            switch component {
            case ".":
                continue
            case "..":
                if directory.isEmpty { return "leads outside the model once the links on its way are followed" }
                directory.removeLast()
            default:
                let path = (directory + [component]).joined(separator: "/")
                switch kinds[path] {
                case .symlink(let target)?:
                    hops += 1
                    if hops > maximumLinkHops { return "passes through more than \(maximumLinkHops) symlinks (a loop)" }
                    if target.hasPrefix("/") { return "leads through \(path) to an absolute path, outside the model" }
                    pending += components(of: target)
                case .file?:
                    if !pending.isEmpty { return "goes on through \(path), which is a file" }
                    directory.append(component)
                case nil:
                    directory.append(component)
                }
            }
        }
        return nil
    }

    /// The non-empty components of a target, last first, so the next one is `popLast()`.
    private static func components(of target: String) -> [String] {
        target.split(separator: "/").reversed().map(String.init)
    }
}
