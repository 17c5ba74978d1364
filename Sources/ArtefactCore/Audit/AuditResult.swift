/// How the attempt an audit entry records ended (`Docs/FORMAT.md`, "Audit log"); the raw
/// value is the entry's `result`.
public enum AuditResult: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// A crossing that verified and landed (or was already present).
    case accepted
    /// A crossing refused by a check.
    case rejected
    /// A crossing that failed for an operational reason (I/O, network).
    case failed
    /// A crossing stopped by SIGINT or SIGTERM before it published; a rerun resumes it.
    case interrupted
    /// Housekeeping that succeeded: store init, gc, audit recover.
    case ok
    /// A result this version never writes, kept as the log holds it (see
    /// `AuditAction.unrecognized`).
    case unrecognized(String)

    /// Every result artefact writes, in the order FORMAT.md lists them.
    public static let written: [AuditResult] = [.accepted, .rejected, .failed, .interrupted, .ok]

    public init(rawValue: String) {
        self = Self.written.first { $0.rawValue == rawValue } ?? .unrecognized(rawValue)
    }

    public var rawValue: String {
        switch self {
        case .accepted: return "accepted"
        case .rejected: return "rejected"
        case .failed: return "failed"
        case .interrupted: return "interrupted"
        case .ok: return "ok"
        case .unrecognized(let text): return text
        }
    }

    public var description: String { rawValue }
}
