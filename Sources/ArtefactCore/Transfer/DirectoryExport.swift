import Glibc

/// Writes a model out as a plain directory for an inference server: files, symlinks and
/// the bundle go into a temporary directory beside the destination, which is renamed into
/// place only when complete. The destination must be absent or an empty directory.
enum DirectoryExport {
    struct Result {
        let copied: CopyTotals
        let bundlePath: String
    }

    static func write(_ sources: [any ByteSource], manifest: ModelManifest, bundleBytes: [UInt8], to destination: String,
                      transferID: String, workers: Int) throws -> Result {
        var target = destination
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        let temporary = "\(FileSystem.directoryName(target))/.\(FileSystem.baseName(target)).partial-\(transferID.prefix(12))"
        try FileSystem.makeDirectory(temporary)
        do {
            let totals = try copyFiles(sources, manifest: manifest, into: temporary, workers: workers)
            for link in manifest.contents.symlinks {
                try makeParents(of: link.path, in: temporary)
                guard symlink(link.target, "\(temporary)/\(link.path)") == 0 else {
                    throw SystemCallError("symlink", path: "\(temporary)/\(link.path)").asArtefactError
                }
            }
            // The bundle goes where `artefact verify` looks for it, when the signed ignore
            // list leaves that place out; otherwise beside the directory.
            let insideAllowed = try IgnoreRules(patterns: manifest.ignore).ignores(ModelLocation.defaultBundleName, isDirectory: false)
            let bundlePath = insideAllowed ? "\(target)/\(ModelLocation.defaultBundleName)" : "\(target).sig"
            if insideAllowed { try AtomicFile.write(bundleBytes, to: "\(temporary)/\(ModelLocation.defaultBundleName)") }
            try FileSystem.syncDirectory(temporary)
            if FileSystem.isDirectory(target) { _ = rmdir(target) }
            do { try FileSystem.rename(temporary, to: target) } catch { throw error.asArtefactError }
            // A bundle beside the directory is written only once the directory is in place,
            // so a failed export leaves no stray bundle behind.
            if !insideAllowed { try AtomicFile.write(bundleBytes, to: bundlePath) }
            try FileSystem.syncDirectory(FileSystem.directoryName(target))
            return Result(copied: totals, bundlePath: bundlePath)
        } catch {
            FileSystem.removeTree(temporary)
            throw error
        }
    }

    private static func copyFiles(_ sources: [any ByteSource], manifest: ModelManifest, into directory: String, workers: Int) throws -> CopyTotals {
        let files = manifest.contents.files
        for file in files { try makeParents(of: file.path, in: directory) }
        let order = files.indices.sorted { files[$0].size > files[$1].size }
        let results = try ParallelWork.run(count: order.count, workers: workers, makeState: { CopyWorker() }) { position, worker in
            let index = order[position]
            let file = files[index]
            let job = FileCopyJob(modelPath: file.path, source: sources[index], targetPath: "\(directory)/\(file.path)",
                                  size: file.size, expected: file.digest, resumable: false)
            return try FileCopier.copy(job, hashing: manifest.hashing, worker: worker)
        }
        var totals = CopyTotals()
        for result in results { totals.bytesCopied += result.bytesCopied }
        return totals
    }

    private static func makeParents(of path: String, in root: String) throws {
        var current = root
        for component in path.split(separator: "/").dropLast() {
            current += "/\(component)"
            try FileSystem.makeDirectory(current)
        }
    }
}
