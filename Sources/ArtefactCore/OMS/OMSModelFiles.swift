/// The files of a model directory as OMS serializes them (model_signing's
/// `_serialization/file.py` and `file_shard.py`): every regular file not under an ignore
/// path, and, when the bundle allows symlinks, every symlink to a regular file under the
/// name of the link. Found with artefact's own tree scanner, so names, special files and
/// links that leave the model are refused as for any model.
struct OMSModelFiles {
    /// One entry: the name OMS lists it under, and the file read for its bytes (the link
    /// target, resolved inside the model, for a followed symlink).
    struct Entry {
        let name: String
        let file: ScannedFile
    }

    let tree: ScannedTree
    let entries: [Entry]

    /// Scans `location`'s model under `serialization`'s ignore paths, also leaving out the
    /// bundle itself when it lies inside the model (model_signing's verifier does too).
    /// Anything on disk OMS could not have signed rejects.
    static func scan(_ location: ModelLocation, serialization: OMSSerialization) throws -> OMSModelFiles {
        guard location.isDirectory else {
            throw ArtefactError.rejected("\(location.modelPath) is a file; an OMS bundle signs a model directory")
        }
        let patterns = serialization.ignorePaths.map { "/" + ModelLocation.escapedForPattern($0) } + (location.bundleExclusion.map { [$0] } ?? [])
        let tree: ScannedTree
        do { tree = try ModelTreeScanner(ignore: IgnoreRules(patterns: patterns)).scan(location.modelPath) } catch let problem as TreeProblem {
            throw ArtefactError.rejected(problem.description)
        }
        var entries = tree.files.map { Entry(name: $0.path, file: $0) }
        for link in tree.symlinks {
            guard serialization.allowSymlinks else {
                throw ArtefactError.rejected("\(link.path) is a symlink, and the OMS bundle was made without allow_symlinks")
            }
            entries.append(Entry(name: link.path, file: try target(of: link, in: tree)))
        }
        return OMSModelFiles(tree: tree, entries: entries)
    }

    /// The regular file a symlink leads to, as a path inside the model. The scanner has
    /// refused links that leave the model; a link to a directory is refused here, since
    /// model_signing neither follows it nor lists it, so what lies behind it is unsigned.
    private static func target(of link: ModelSymlink, in tree: ScannedTree) throws -> ScannedFile {
        guard let root = FileSystem.canonicalPath(tree.root), let resolved = FileSystem.canonicalPath(tree.absolutePath(of: link.path)) else {
            throw ArtefactError.rejected("symlink \(link.path) -> \(link.target) leads to nothing (a missing target or a loop)")
        }
        guard resolved.hasPrefix(root == "/" ? "/" : root + "/") else {
            throw ArtefactError.rejected(TreeProblem.linkEscapes(path: link.path, target: link.target).description)
        }
        let relative = String(resolved.dropFirst(root == "/" ? 1 : root.count + 1))
        let info: FileStatus
        do { info = try tree.directory.status(relative) } catch { throw ArtefactError.rejected("symlink \(link.path): \(error)") }
        guard info.isRegularFile else {
            throw ArtefactError.rejected("symlink \(link.path) -> \(link.target) leads to a \(info.kindName), not a regular file; "
                + "OMS signs only files")
        }
        return ScannedFile(path: relative, size: info.byteCount)
    }
}
