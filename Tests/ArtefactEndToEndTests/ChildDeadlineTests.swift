import Foundation
import Testing

/// A spawned process that hangs is killed at its deadline and fails the test, rather than
/// stalling the suite.
@Suite struct ChildDeadlineTests {
    @Test func aHungChildIsKilledAndReported() throws {
        let started = Date()
        #expect(throws: ChildTimedOut.self) { try CLI.runTool("sleep", ["600"], timeout: 1) }
        #expect(Date().timeIntervalSince(started) < 300, "the child was waited for instead of killed")
    }

    @Test func aChildThatEndsInTimeIsNotDisturbed() throws {
        let result = try CLI.runTool("sh", ["-c", "echo out; echo err >&2; exit 7"], timeout: 60)
        #expect(result.status == 7)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
    }
}
