import ArtefactCore
import Testing

@Suite struct PathAndIgnoreTests {
    @Test(arguments: ["a", "a/b.json", "weights/model-00001.safetensors", "dir/é", "back\\slash"])
    func acceptsModelPaths(_ path: String) {
        #expect(ModelPath.problem(with: path) == nil)
    }

    @Test(arguments: ["", "/etc/passwd", "a/../b", "..", "./a", "a//b", "a/", "a\u{0}b", "line\nbreak", "del\u{7f}"])
    func rejectsPathsThatCouldEscapeOrConfuse(_ path: String) {
        #expect(ModelPath.problem(with: path) != nil)
    }

    @Test func canonicalOrderIsBytewise() {
        let sorted = ["b", "a/b", "a.b", "B", "é", "a"].sorted(by: ModelPath.precedes)
        #expect(sorted == ["B", "a", "a.b", "a/b", "b", "é"])
    }

    @Test func linksMustStayInside() {
        #expect(ModelPath.linkStaysInside(linkPath: "latest.json", target: "config.json"))
        #expect(ModelPath.linkStaysInside(linkPath: "a/b/link", target: "../../top"))
        #expect(!ModelPath.linkStaysInside(linkPath: "a/b/link", target: "../../../outside"))
        #expect(!ModelPath.linkStaysInside(linkPath: "link", target: "/etc/passwd"))
        #expect(!ModelPath.linkStaysInside(linkPath: "link", target: ".."))
        #expect(!ModelPath.linkStaysInside(linkPath: "link", target: ""))
    }

    @Test func ignorePatternsFollowDocumentedRules() throws {
        let rules = try IgnoreRules(patterns: [".git/", "/model.sig", "*.tmp", "logs/*.txt"])
        #expect(rules.ignores(".git", isDirectory: true))
        #expect(rules.ignores("sub/.git", isDirectory: true))
        #expect(!rules.ignores(".git", isDirectory: false))
        #expect(rules.ignores("model.sig", isDirectory: false))
        #expect(!rules.ignores("sub/model.sig", isDirectory: false))
        #expect(rules.ignores("deep/x.tmp", isDirectory: false))
        #expect(rules.ignores("logs/a.txt", isDirectory: false))
        #expect(!rules.ignores("logs/deeper/a.txt", isDirectory: false))
        #expect(!rules.ignores("other/logs/a.txt", isDirectory: false))
        #expect(throws: ArtefactError.self) { try IgnoreRules(patterns: [""]) }
    }
}
