/// What an audit entry records (`Docs/FORMAT.md`, "Audit log"); the raw value is the
/// entry's `action`.
public enum AuditAction: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    case storeInit
    case transferIn
    case transferOut
    case export
    case gc
    /// The first entry of a new log segment begun by `audit recover`.
    case auditRecover
    /// An action this version never writes, kept as the log holds it: a log is checked by
    /// its hash chain and checkpoint, not by its words, so reading one never rejects an
    /// entry for its action, and `audit show` prints it as it is.
    case unrecognized(String)

    /// Every action artefact writes, in the order FORMAT.md lists them.
    public static let written: [AuditAction] = [.storeInit, .transferIn, .transferOut, .export, .gc, .auditRecover]

    public init(rawValue: String) {
        self = Self.written.first { $0.rawValue == rawValue } ?? .unrecognized(rawValue)
    }

    public var rawValue: String {
        switch self {
        case .storeInit: return "store-init"
        case .transferIn: return "transfer-in"
        case .transferOut: return "transfer-out"
        case .export: return "export"
        case .gc: return "gc"
        case .auditRecover: return "audit-recover"
        case .unrecognized(let text): return text
        }
    }

    public var description: String { rawValue }
}
