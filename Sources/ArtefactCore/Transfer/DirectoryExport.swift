/// Writes a model out as a plain directory for an inference server: files, directories,
/// symlinks and the bundle go into a temporary directory beside the destination, which is
/// renamed into place only when complete.
///
/// Everything is created through descriptors relative to the temporary directory, walking
/// without following symlinks, and the signed symlinks are made last: so no entry of the
/// manifest can redirect a write outside the export, whatever links it names. An export
/// never replaces anything: the destination must be absent or an empty directory, the
/// bundle beside it (`OUTDIR.sig`) must be absent, both are checked before any work, and
/// the final rename and bundle write cannot replace what a racing process put there.
enum DirectoryExport {
    struct Result {
        let copied: CopyTotals
        let bundlePath: String
    }

    static func write(_ sources: [any ByteSource], manifest: ModelManifest, bundleBytes: [UInt8], to destination: String,
                      transferID: String, workers: Int, progress: HashProgress? = nil) throws -> Result {
        var target = destination
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        let name = FileSystem.baseName(target)
        let parent: Directory
        do { parent = try Directory.open(FileSystem.directoryName(target)) } catch {
            throw error.isMissingPath ? ParentDirectory.missing(target, action: "export to") : error.asArtefactError
        }
        // The bundle goes where `artefact verify` looks for it, when the signed ignore list
        // leaves that place out; otherwise beside the directory.
        let insideAllowed = try IgnoreRules(patterns: manifest.ignore).ignores(ModelLocation.defaultBundleName, isDirectory: false)
        let bundleName = "\(name).sig"
        let bundlePath = insideAllowed ? "\(target)/\(ModelLocation.defaultBundleName)" : "\(target).sig"
        let replacesEmptyDirectory = try checkNothingIsReplaced(in: parent, name: name, target: target,
                                                                bundleName: insideAllowed ? nil : bundleName)

        let temporaryName = ".\(name).partial-\(transferID.prefix(12))"
        // A fresh directory of our own: whatever may already be at that name is not removed.
        do { try parent.createDirectory(temporaryName) } catch { throw error.asArtefactError }
        do {
            let temporary = try parent.openDirectory(temporaryName)
            let totals = try copyFiles(sources, manifest: manifest, into: temporary, workers: workers, progress: progress)
            for link in manifest.contents.symlinks {
                try creatingSignedEntry(link.path) {
                    try makeParents(of: link.path, in: temporary)
                    try temporary.makeSymlink(link.path, target: link.target)
                }
            }
            if insideAllowed {
                try creatingSignedEntry(ModelLocation.defaultBundleName) {
                    try temporary.writeFile(ModelLocation.defaultBundleName, bundleBytes, replacing: false)
                }
            }
            try temporary.sync()
            if replacesEmptyDirectory { try parent.removeDirectory(name) }
            try parent.renameWithoutReplacing(temporaryName, to: name)
            // A bundle beside the directory is written only once the directory is in place,
            // so a failed export leaves no stray bundle behind.
            if !insideAllowed { try parent.writeFile(bundleName, bundleBytes, replacing: false) }
            try parent.sync()
            return Result(copied: totals, bundlePath: bundlePath)
        } catch {
            try? parent.removeTree(temporaryName)
            if let failure = error as? SystemCallError {
                if failure.isAlreadyExisting {
                    throw ArtefactError.badInput("\(failure.path ?? target) already exists; an export never replaces anything: remove it or choose another path")
                }
                throw failure.asArtefactError
            }
            throw error
        }
    }

    /// Refuses (exit 2) a destination that is anything but absent or an empty directory,
    /// and a bundle path beside it that is taken. Returns whether an empty directory is
    /// there, to be removed just before the export takes its place.
    private static func checkNothingIsReplaced(in parent: Directory, name: String, target: String, bundleName: String?) throws -> Bool {
        do {
            if let bundleName, let info = try parent.statusIfPresent(bundleName) {
                throw ArtefactError.badInput("\(parent.describe(bundleName)) already exists (a \(info.kindName)); an export never replaces a file: remove it or export elsewhere")
            }
            guard let info = try parent.statusIfPresent(name) else { return false }
            guard info.isDirectory, try parent.openDirectory(name).entryNames().isEmpty else {
                throw ArtefactError.badInput("\(target) already exists and is not an empty directory; an export never replaces anything: remove it or export elsewhere")
            }
            return true
        } catch let error as SystemCallError {
            throw error.asArtefactError
        }
    }

    /// Runs `body`, which creates a signed entry in the fresh temporary directory. Nothing
    /// but the manifest's own entries is there, so a collision (a path that is both a
    /// directory and a link, or lies under a link) means the signed manifest cannot be laid
    /// out: the artefact is rejected.
    private static func creatingSignedEntry(_ path: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as SystemCallError where error.isCollision {
            throw ArtefactError.rejected("the signed entry \(path) cannot be laid out: \(error)")
        }
    }

    private static func copyFiles(_ sources: [any ByteSource], manifest: ModelManifest, into directory: Directory, workers: Int,
                                  progress: HashProgress?) throws -> CopyTotals {
        let files = manifest.contents.files
        for file in files { try creatingSignedEntry(file.path) { try makeParents(of: file.path, in: directory) } }
        let order = files.indices.sorted { files[$0].size > files[$1].size }
        let results = try ParallelWork.run(count: order.count, workers: workers, makeState: { CopyWorker() }) { position, worker in
            let index = order[position]
            let file = files[index]
            let job = FileCopyJob(modelPath: file.path, source: sources[index], targetDirectory: directory, targetPath: file.path,
                                  size: file.size, expected: file.digest, resumable: false,
                                  progress: progress)
            return try FileCopier.copy(job, hashing: manifest.hashing, worker: worker)
        }
        var totals = CopyTotals()
        for result in results { totals.bytesCopied += result.bytesCopied }
        return totals
    }

    private static func makeParents(of path: String, in root: Directory) throws {
        let parents = path.split(separator: "/").dropLast().joined(separator: "/")
        if !parents.isEmpty { _ = try root.makeDirectories(parents) }
    }
}
