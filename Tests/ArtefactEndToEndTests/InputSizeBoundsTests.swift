import Foundation
import Testing

/// A bundle cannot make artefact hold unbounded memory: one over the documented size
/// limit is refused before it is read, and one of many small values before its tree grows
/// past a small multiple of its size.
@Suite struct InputSizeBoundsTests {
    @Test(arguments: ["inspect", "verify"])
    func aBundleOfNestedArraysIsRefusedByTheMemoryBound(command: String) throws {
        let fixture = try SignedFixture.make()
        let bundle = "\(fixture.model)/model.sig"
        try fixture.scratch.write("model/model.sig", "[" + Array(repeating: "[0]", count: 500_000).joined(separator: ",") + "]")
        let result = try CLI.run(command == "inspect" ? ["inspect", bundle] : ["verify", fixture.model, "--key", fixture.keys.publicKey])
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(result.errorLine.hasPrefix("artefact: rejected: "), "\(result.stderr)")
        #expect(result.errorLine.contains("times its size in memory"), "\(result.stderr)")
    }

    @Test func aBundleOverTheSizeLimitIsRefusedUnread() throws {
        let fixture = try SignedFixture.make()
        let path = "\(fixture.model)/model.sig"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: (64 << 20) + 1)
        try handle.close()
        let result = try CLI.run(["inspect", path])
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(result.errorLine.contains("67108864-byte limit"), "\(result.stderr)")
    }
}
