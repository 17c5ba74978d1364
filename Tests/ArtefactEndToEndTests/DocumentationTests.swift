import Foundation
import Testing

/// The documentation a new user follows first must be true: the README tour runs as
/// written from an empty directory, and every in-page link in the Docs points at a heading.
@Suite struct DocumentationTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first ```sh block after "## A short tour".
    static func tourScript() throws -> String {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let tour = try #require(readme.range(of: "## A short tour"))
        let open = try #require(readme.range(of: "```sh\n", range: tour.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```\n", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound]) + "\n"
    }

    @Test func theReadmeTourRunsAsWrittenFromAnEmptyDirectory() throws {
        let scratch = try Scratch()
        try scratch.write("tour.sh", Data(try Self.tourScript().utf8))
        // Only the built binary and the base system on PATH; mktemp -d lands in the scratch.
        let bin = CLI.executable.deletingLastPathComponent().path
        let result = try CLI.runTool("env", ["-i", "PATH=\(bin):/usr/bin:/bin", "HOME=\(scratch.url.path)", "TMPDIR=\(scratch.url.path)",
                                             "bash", "-e", scratch.path("tour.sh")], timeout: 120)
        #expect(result.status == 0, "the tour stopped: \(result.stderr)")
        #expect(result.stdout.contains("audit log of stores/onprem is intact"))
        #expect(result.stdout.contains("in sync: the same model versions with the same digests"))
    }

    @Test(arguments: ["README.md", "Docs/FORMAT.md", "Docs/CLI.md", "Docs/POLICY.md", "Docs/STORE.md", "Docs/SECURITY.md"])
    func everyInPageLinkPointsAtAHeading(_ file: String) throws {
        let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        var anchors: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("#") {
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            // GitHub's anchors: letters, digits, '-' and '_' kept, spaces become '-'.
            anchors.insert(String(title.compactMap { $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : nil) }))
        }
        let links = text.components(separatedBy: "](#").dropFirst().compactMap { $0.split(separator: ")").first.map(String.init) }
        #expect(!links.isEmpty || file != "Docs/FORMAT.md")
        for link in links { #expect(anchors.contains(link), "\(file) links to #\(link), which is no heading") }
    }
}
