import ArtefactCore

/// The exit codes every verb shares (see `Docs/CLI.md`, "Exit codes").
enum ExitStatus {
    static let success: Int32 = 0
    static let rejected: Int32 = 1
    static let usage: Int32 = 2
    static let operational: Int32 = 3

    static func code(for kind: ArtefactError.Kind) -> Int32 {
        switch kind {
        case .rejected: return rejected
        case .badInput, .usage: return usage
        case .operational: return operational
        }
    }
}
