/// The outcome of one check in a verification; the raw value is the `result` of `--json`.
public enum CheckOutcome: String, CaseIterable, Sendable {
    case pass
    case fail
    /// Not run, because an earlier check failed and its result cannot be trusted.
    case skipped
}
