import ArtefactCore

/// The process's standard output and standard error.
public struct StandardStreams: OutputSink {
    public init() {}

    public func writeOutput(_ text: String) { StandardStream.output.write(text) }

    public func writeError(_ text: String) { StandardStream.error.write(text) }
}
