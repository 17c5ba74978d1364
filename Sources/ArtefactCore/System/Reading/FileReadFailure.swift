/// Why `FileReader` stopped before the end of the range it was asked for. Each caller words
/// the rejection for its own job (hashing, copying, sending).
public enum FileReadFailure: Error, Sendable {
    /// The file ended before the range did: it was truncated before or while it was read.
    case shorter
    /// The read itself failed.
    case system(SystemCallError)
}
