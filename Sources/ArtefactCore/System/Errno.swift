import Glibc

/// A failed system call, remembered as the call's name, the path it touched and `errno`.
/// It prints as a sentence: `open /nope: No such file or directory`.
public struct SystemCallError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let path: String?
    public let code: Int32
    /// What to say instead of `strerror(code)`, when artefact knows better (a refused
    /// symlink, a refused path component).
    public let detail: String?

    public init(_ call: String, path: String? = nil, code: Int32 = errno, detail: String? = nil) {
        self.call = call
        self.path = path
        self.code = code
        self.detail = detail
    }

    /// A symlink found where artefact never follows one: inside a store, a model or an export.
    static func refusedSymlink(_ call: String, path: String) -> SystemCallError {
        SystemCallError(call, path: path, code: ELOOP,
                        detail: "is a symlink; artefact never follows a symlink inside a store, a model directory or an export")
    }

    public var description: String {
        if let detail { return "\(path ?? call) \(detail)" }
        let reason = String(cString: strerror(code))
        if let path { return "\(call) \(path): \(reason)" }
        return "\(call): \(reason)"
    }

    /// Whether the failure means the path is absent or not what the caller named,
    /// which is bad input rather than an operational failure.
    public var isMissingPath: Bool { code == ENOENT || code == ENOTDIR || code == ELOOP }

    /// The error in artefact's vocabulary: a missing path is bad input, anything else is
    /// an operational failure.
    public var asArtefactError: ArtefactError {
        isMissingPath ? .badInput(description) : .operational(description)
    }
}

/// Retries a system call interrupted by a signal, as every blocking call here must.
@inline(__always)
func retryingOnInterrupt<Result: BinaryInteger>(_ body: () -> Result) -> Result {
    while true {
        let result = body()
        if result == -1 && errno == EINTR { continue }
        return result
    }
}
