/// How many bytes each part of an HTTP response may take. Every part that comes from the
/// server has a limit, so a hostile server can make a response fail but not make artefact
/// read forever or hold unbounded memory; time is bounded separately, by the request
/// deadline of the connection the bytes come from.
public struct HTTPResponseLimits: Sendable {
    /// The status line, without its CRLF.
    public var statusLineBytes = 8 << 10
    /// All header lines together, and how many there may be.
    public var headerBytes = 64 << 10
    public var headerCount = 100
    /// One chunk-size line, chunk extensions included.
    public var chunkSizeLineBytes = 1 << 10
    /// All trailer lines together (they count against `headerCount` too).
    public var trailerBytes = 16 << 10
    /// Chunk-size lines, CRLFs and trailers together may add this much to a body's size
    /// before the body is refused, so a body cannot be made endless out of framing alone.
    public var framingAllowance: Int64 = 64 << 10
    /// What `discardBody` reads at most before it gives up on the response.
    public var discardBytes: Int64 = 1 << 20

    public init() {}
}
