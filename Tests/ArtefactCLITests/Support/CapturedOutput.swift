import ArtefactCLI
import Synchronization

/// An output sink that keeps what a run wrote, for one in-process run.
final class CapturedOutput: OutputSink {
    private let streams = Mutex<(output: String, error: String)>(("", ""))

    func writeOutput(_ text: String) { streams.withLock { $0.output += text } }

    func writeError(_ text: String) { streams.withLock { $0.error += text } }

    var output: String { streams.withLock { $0.output } }
    var error: String { streams.withLock { $0.error } }
}
