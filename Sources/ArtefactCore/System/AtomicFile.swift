import Glibc

/// Writes a file so that readers see either the old file or the whole new one, never a
/// half-written one: the bytes go to a temporary file beside the target, are synced, and
/// the temporary file is renamed over the target.
public enum AtomicFile {
    /// Writes `bytes` to `path` with permission bits `mode`.
    /// - Parameter exclusive: refuse to replace an existing file at `path`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, exclusive: Bool = false) throws {
        let temporary = "\(FileSystem.directoryName(path))/.\(FileSystem.baseName(path)).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let descriptor = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: mode)
            do {
                try descriptor.closeAfter { (file) throws(SystemCallError) in
                    // The creation mode is filtered by the umask; set it exactly.
                    guard fchmod(file.rawValue, mode) == 0 else { throw SystemCallError("fchmod", path: temporary) }
                    try file.writeAll(bytes)
                    try file.sync()
                }
                if exclusive {
                    // link(2) fails when the target exists, so no existing file is replaced.
                    guard link(temporary, path) == 0 else {
                        let failure = SystemCallError("link", path: path)
                        if failure.code == EEXIST {
                            throw ArtefactError.badInput("\(path) already exists; remove it or choose another path")
                        }
                        throw failure
                    }
                    FileSystem.removeFile(temporary)
                } else {
                    try FileSystem.rename(temporary, to: path)
                }
            } catch {
                FileSystem.removeFile(temporary)
                throw error
            }
        } catch let error as SystemCallError {
            throw error.asArtefactError
        }
    }
}
