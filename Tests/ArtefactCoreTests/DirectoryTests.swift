import ArtefactCore
import Foundation
import Glibc
import Testing

/// `Directory` never follows a symlink beneath the directory it holds, refuses paths that
/// could climb out of it, and never replaces what it is told not to.
@Suite struct DirectoryTests {
    /// A fresh directory `inside` and, beside it, `outside/precious.txt`.
    private final class Sandbox {
        let root: String
        var inside: String { "\(root)/inside" }
        var outside: String { "\(root)/outside" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("directory-tests-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: inside, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: "\(outside)/precious.txt"))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func link(_ name: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: "\(inside)/\(name)", withDestinationPath: target)
        }

        var outsideListing: [String] { ((try? FileManager.default.subpathsOfDirectory(atPath: outside)) ?? []).sorted() }
    }

    @Test(arguments: ["", "/etc/passwd", "..", "a/../b", "./a", "a//b", "a/", "a/."])
    func pathsThatCouldClimbOutAreRefused(_ path: String) throws {
        let sandbox = try Sandbox()
        let directory = try Directory.open(sandbox.inside)
        #expect(throws: SystemCallError.self) { try directory.writeFile(path, Array("x".utf8)) }
        #expect(throws: SystemCallError.self) { try directory.makeDirectory(path) }
        #expect(sandbox.outsideListing == ["precious.txt"])
    }

    @Test func aSymlinkedIntermediateDirectoryIsNeverWalkedThrough() throws {
        let sandbox = try Sandbox()
        try sandbox.link("via", to: sandbox.outside)
        let directory = try Directory.open(sandbox.inside)
        let refused = { (body: () throws -> Void) in
            do { try body(); Issue.record("a call walked through the link") } catch let error as SystemCallError {
                #expect(error.description.contains("via is a symlink"), "\(error)")
            } catch { Issue.record("\(error)") }
        }
        refused { _ = try directory.openFile("via/new.txt", O_WRONLY | O_CREAT, mode: 0o644) }
        refused { try directory.writeFile("via/precious.txt", Array("gone".utf8)) }
        refused { _ = try directory.makeDirectories("via/sub") }
        refused { try directory.makeSymlink("via/evil", target: "x") }
        refused { try directory.removeFile("via/precious.txt") }
        refused { _ = try directory.openDirectory("via").entryNames() }
        #expect(sandbox.outsideListing == ["precious.txt"])
        #expect(try String(contentsOfFile: "\(sandbox.outside)/precious.txt", encoding: .utf8) == "keep me")
    }

    /// The chain of the issue (`d/0 -> ..`, `d/a -> 0/..`, so `d/a` is the parent of the
    /// directory): nothing under `d/a` can be created, whatever kind.
    @Test func aChainOfLinksLeadingOutIsNeverWalkedThrough() throws {
        let sandbox = try Sandbox()
        let export = try Directory.open(sandbox.inside)
        _ = try export.makeDirectories("d")
        try export.makeSymlink("d/0", target: "..")
        try export.makeSymlink("d/a", target: "0/..")
        #expect(throws: SystemCallError.self) { try export.makeSymlink("d/a/evil", target: "pwned") }
        #expect(throws: SystemCallError.self) { _ = try export.makeDirectories("d/a/b") }
        #expect(throws: SystemCallError.self) { try export.writeFile("d/a/x", Array("x".utf8)) }
        #expect(throws: SystemCallError.self) { _ = try export.openFile("d/a/outside/precious.txt", O_WRONLY | O_TRUNC) }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: sandbox.root)) ?? []).sorted() == ["inside", "outside"])
        #expect(try String(contentsOfFile: "\(sandbox.outside)/precious.txt", encoding: .utf8) == "keep me")
    }

    @Test func aSymlinkedFileIsNeitherOpenedNorWrittenThrough() throws {
        let sandbox = try Sandbox()
        try sandbox.link("file", to: "\(sandbox.outside)/precious.txt")
        let directory = try Directory.open(sandbox.inside)
        #expect(throws: SystemCallError.self) { _ = try directory.openFile("file", O_WRONLY | O_APPEND) }
        #expect(throws: ArtefactError.self) { _ = try directory.readFile("file", limit: 100) }
        #expect(throws: SystemCallError.self) { try directory.writeFile("file", Array("gone".utf8), replacing: false) }
        #expect(try String(contentsOfFile: "\(sandbox.outside)/precious.txt", encoding: .utf8) == "keep me")
    }

    @Test func renamingWithoutReplacingLeavesWhatIsThere() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.open(sandbox.inside)
        try directory.writeFile("new", Array("new".utf8))
        try directory.writeFile("old", Array("old".utf8))
        try directory.makeDirectory("dir")
        #expect(throws: SystemCallError.self) { try directory.renameWithoutReplacing("new", to: "old") }
        #expect(throws: SystemCallError.self) { try directory.renameWithoutReplacing("new", to: "dir") }
        #expect(try directory.readFile("old", limit: 10) == Array("old".utf8))
        try directory.renameWithoutReplacing("new", to: "moved")
        #expect(try directory.readFile("moved", limit: 10) == Array("new".utf8))
    }

    @Test func removingATreeRemovesLinksNotWhatTheyPointAt() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.open(sandbox.inside)
        _ = try directory.makeDirectories("tree/deeper")
        try directory.makeSymlink("tree/deeper/out", target: sandbox.outside)
        try directory.makeSymlink("tree/file", target: "\(sandbox.outside)/precious.txt")
        try directory.removeTree("tree")
        #expect(try directory.statusIfPresent("tree") == nil)
        #expect(sandbox.outsideListing == ["precious.txt"])
    }

    @Test func aFIFOIsNotReadAsAFile() throws {
        let sandbox = try Sandbox()
        try #require(mkfifo("\(sandbox.inside)/pipe", 0o644) == 0)
        let directory = try Directory.open(sandbox.inside)
        do {
            _ = try directory.readFile("pipe", limit: 100)
            Issue.record("a FIFO was read")
        } catch let error as ArtefactError {
            #expect(error.kind == .badInput)
            #expect(error.message.contains("is a FIFO, not a regular file"))
        }
    }
}
