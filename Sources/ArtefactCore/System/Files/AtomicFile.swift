import Glibc

/// Writes a file a user named (a key, a signature bundle) so that readers see either the
/// old file or the whole new one, never a half-written one. The parent directory is
/// reached by its path; the file itself is written through `Directory.writeFile`.
public enum AtomicFile {
    /// Writes `bytes` to `path` with permission bits `mode`.
    /// - Parameter exclusive: refuse to replace an existing file at `path`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, exclusive: Bool = false) throws {
        let directory = FileSystem.directoryName(path)
        let parent: Directory
        do { parent = try Directory.open(directory) } catch {
            guard error.isMissingPath else { throw error.asArtefactError }
            throw ParentDirectory.missing(path)
        }
        do {
            try parent.writeFile(FileSystem.baseName(path), bytes, mode: mode, replacing: !exclusive)
        } catch {
            if exclusive && (error.code == EEXIST || error.detail != nil) {
                throw ArtefactError.badInput("\(path) already exists; remove it or choose another path")
            }
            throw error.asArtefactError
        }
    }
}
