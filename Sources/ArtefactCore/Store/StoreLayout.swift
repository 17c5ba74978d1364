/// Where everything lives inside a store directory: an OCI image layout (`oci-layout`,
/// `index.json`, `blobs/sha256/`) plus artefact's own files under `artefact/`.
///
/// The store's root is held open (`directory`) and every file operation inside the store
/// goes through it by the relative paths in `Relative`, never following a symlink: a
/// symlink anywhere inside a store is refused (and reported by `store verify`). The
/// absolute paths below are for messages.
public struct StoreLayout: Sendable {
    public let root: String
    /// The store's root directory, opened once (following symlinks only in the path the
    /// user named).
    public let directory: Directory

    /// The paths of a store's files relative to its root.
    public enum Relative {
        public static let ociLayout = "oci-layout"
        public static let index = "index.json"
        public static let blobsParent = "blobs"
        public static let blobs = "blobs/sha256"
        public static let own = "artefact"
        public static let configuration = "artefact/store.json"
        public static let state = "artefact/state.json"
        public static let auditLog = "artefact/audit.log"
        public static let auditCheckpoint = "artefact/audit.checkpoint"
        public static let auditPublicKey = "artefact/audit.pub"
        public static let staging = "artefact/staging"
        public static let lock = "artefact/lock"

        public static func blob(_ digest: SHA256Digest) -> String { "\(blobs)/\(digest.hex)" }
        public static func staged(_ name: String) -> String { "\(staging)/\(name)" }
    }

    /// Opens the directory `root` (which must exist) as a store's layout.
    public init(opening root: String) throws {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        do { directory = try Directory.open(trimmed) } catch { throw error.asArtefactError }
    }

    public var ociLayout: String { "\(root)/\(Relative.ociLayout)" }
    public var index: String { "\(root)/\(Relative.index)" }
    public var blobs: String { "\(root)/\(Relative.blobs)" }
    public var own: String { "\(root)/\(Relative.own)" }
    public var configuration: String { "\(root)/\(Relative.configuration)" }
    public var state: String { "\(root)/\(Relative.state)" }
    public var auditLog: String { "\(root)/\(Relative.auditLog)" }
    public var auditCheckpoint: String { "\(root)/\(Relative.auditCheckpoint)" }
    public var auditPublicKey: String { "\(root)/\(Relative.auditPublicKey)" }
    public var staging: String { "\(root)/\(Relative.staging)" }
    public var lock: String { "\(root)/\(Relative.lock)" }

    public func blob(_ digest: SHA256Digest) -> String { "\(root)/\(Relative.blob(digest))" }

    /// Whether `path` looks like an artefact store (its `store.json` and `oci-layout` are
    /// there, whatever they are: opening it then refuses a symlink among them).
    public static func isStore(_ path: String) -> Bool {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return FileSystem.exists("\(trimmed)/\(Relative.configuration)") && FileSystem.exists("\(trimmed)/\(Relative.ociLayout)")
    }

    /// The store's own files and directories (everything but blobs and staged data).
    static let ownEntries = [Relative.ociLayout, Relative.index, Relative.blobsParent, Relative.blobs, Relative.own,
                             Relative.configuration, Relative.state, Relative.auditLog, Relative.auditCheckpoint,
                             Relative.auditPublicKey, Relative.staging, Relative.lock]

    /// The first of the store's own entries that is a symlink (or lies under one), if any.
    func symlinkAmongOwnEntries() throws -> String? {
        for entry in Self.ownEntries {
            do {
                if let info = try directory.statusIfPresent(entry), info.isSymlink { return entry }
            } catch where error.detail != nil {
                return entry
            } catch {
                throw error.asArtefactError
            }
        }
        return nil
    }

    /// Reads one of the store's files whole (never through a symlink).
    public func read(_ relative: String, limit: Int) throws -> [UInt8] {
        try directory.readFile(relative, limit: limit)
    }

    /// Whether one of the store's files is there; a symlink on the way is an error.
    public func has(_ relative: String) throws -> Bool {
        do { return try directory.statusIfPresent(relative) != nil } catch { throw error.asArtefactError }
    }

    /// Replaces one of the store's files atomically (never writing through a symlink).
    public func write(_ relative: String, _ bytes: [UInt8]) throws {
        do { try directory.writeFile(relative, bytes) } catch { throw error.asArtefactError }
    }
}
