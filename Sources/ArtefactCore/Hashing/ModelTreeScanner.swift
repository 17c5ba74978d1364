/// Walks a model directory (or takes a single file) without following symlinks.
public struct ModelTreeScanner {
    public let ignore: IgnoreRules

    public init(ignore: IgnoreRules) { self.ignore = ignore }

    /// Scans `modelPath`, a directory or a single regular file.
    public func scan(_ modelPath: String) throws -> ScannedTree {
        let info: FileStatus
        do { info = try FileSystem.linkStatus(modelPath) } catch { throw error.asArtefactError }
        switch true {
        case info.isRegularFile:
            let name = FileSystem.baseName(modelPath)
            try checkName(name)
            let root = FileSystem.directoryName(modelPath)
            return ScannedTree(root: root, directory: try Self.openRoot(root),
                               files: [ScannedFile(path: name, size: info.byteCount)], symlinks: [])
        case info.isSymlink && FileSystem.isDirectory(modelPath):
            return try scanDirectory(modelPath)
        case info.isDirectory:
            return try scanDirectory(modelPath)
        case info.isSymlink:
            throw ArtefactError.badInput("\(modelPath) is a symlink; name the file it points to")
        default:
            throw ArtefactError.badInput("\(modelPath) is not a regular file or a directory")
        }
    }

    /// The model's root, which the user named: the only directory opened following symlinks.
    private static func openRoot(_ path: String) throws -> Directory {
        do { return try Directory.open(path) } catch { throw error.asArtefactError }
    }

    private func scanDirectory(_ root: String) throws -> ScannedTree {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        let rootDirectory = try Self.openRoot(root)
        var files: [ScannedFile] = []
        var symlinks: [ModelSymlink] = []
        var seen: [String: String] = [:]
        var pending: [String] = [""]
        let canonicalRoot = FileSystem.canonicalPath(root)
        while let directory = pending.popLast() {
            for name in try entries(of: directory, in: rootDirectory) {
                let path = directory.isEmpty ? name : "\(directory)/\(name)"
                try checkName(path)
                // Swift compares strings by canonical equivalence, so NFC and NFD spellings
                // of one name meet here.
                if let earlier = seen[path] { throw TreeProblem.normalizationCollision(earlier, path) }
                seen[path] = path
                let absolute = "\(root)/\(path)"
                let info: FileStatus
                do { info = try rootDirectory.status(path) } catch { throw error.asArtefactError }
                if ignore.ignores(path, isDirectory: info.isDirectory) { continue }
                switch true {
                case info.isDirectory: pending.append(path)
                case info.isRegularFile: files.append(ScannedFile(path: path, size: info.byteCount))
                case info.isSymlink: symlinks.append(try symlink(at: path, absolute: absolute, in: rootDirectory, canonicalRoot: canonicalRoot))
                default: throw TreeProblem.specialFile(path: path, kind: info.kindName)
                }
            }
        }
        files.sort { ModelPath.precedes($0.path, $1.path) }
        symlinks.sort { ModelPath.precedes($0.path, $1.path) }
        return ScannedTree(root: root, directory: rootDirectory, files: files, symlinks: symlinks)
    }

    private func symlink(at path: String, absolute: String, in root: Directory, canonicalRoot: String?) throws -> ModelSymlink {
        let raw: [UInt8]
        do { raw = try root.linkTarget(path) } catch { throw error.asArtefactError }
        guard let target = String(validating: raw, as: UTF8.self) else {
            throw TreeProblem.invalidName(path: path, reason: "a link target that is not UTF-8")
        }
        guard ModelPath.linkStaysInside(linkPath: path, target: target) else {
            throw TreeProblem.linkEscapes(path: path, target: target)
        }
        // Lexically inside is not enough when an earlier component is itself a link:
        // resolve the whole chain and check where it really lands.
        if let canonicalRoot, let resolved = FileSystem.canonicalPath(absolute),
           resolved != canonicalRoot, !resolved.hasPrefix(canonicalRoot == "/" ? "/" : canonicalRoot + "/") {
            throw TreeProblem.linkEscapes(path: path, target: target)
        }
        return ModelSymlink(path: path, target: target)
    }

    private func checkName(_ path: String) throws {
        if let reason = ModelPath.problem(with: path) { throw TreeProblem.invalidName(path: path, reason: reason) }
    }

    /// The names in one directory of the model (opened without following symlinks), each
    /// of which must be UTF-8.
    private func entries(of directory: String, in root: Directory) throws -> [String] {
        let names: [[UInt8]]
        do { names = try (directory.isEmpty ? root : root.openDirectory(directory)).entryNames() } catch { throw error.asArtefactError }
        return try names.map { name in
            guard let text = String(validating: name, as: UTF8.self) else {
                throw TreeProblem.invalidName(path: directory + "/" + String(decoding: name, as: UTF8.self), reason: "bytes that are not UTF-8")
            }
            return text
        }
    }
}
