import Foundation
import Testing

/// Ignore patterns are signed: verify re-applies exactly the patterns used at sign time.
@Suite struct IgnorePatternTests {
    static func ignoreList(_ fixture: SignedFixture) throws -> [String] {
        let claims = try jsonObject(try CLI.run(["inspect", fixture.bundlePath, "--json"]).stdout)
        return try #require(claims["ignore"] as? [String])
    }

    @Test func ignoredFilesMayChangeAfterSigning() throws {
        let fixture = try SignedFixture.make(signArguments: ["--ignore", "*.log", "--ignore", "/cache/"]) { scratch, model in
            try scratch.write("\(model)/train.log", "epoch 1\n")
            try scratch.write("\(model)/cache/tmp.bin", "x")
        }
        try fixture.write("train.log", "epoch 1\nepoch 2\n")
        try fixture.write("tokenizer/new.log", "added later")
        try fixture.remove("cache/tmp.bin")
        try fixture.write("cache/other.bin", "y")
        expectAccepted(try fixture.verify())
        // The patterns do not cover everything: an unmatched file is still an extra.
        try fixture.write("train.txt", "not a log")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["unexpected: train.txt"])
    }

    @Test func ignorePatternsAreRecordedInTheBundle() throws {
        let fixture = try SignedFixture.make(signArguments: ["--ignore", "*.log", "--ignore", "/cache/"])
        #expect(try Self.ignoreList(fixture) == [".git/", "/model.sig", "*.log", "/cache/"])
    }

    @Test func gitDirectoryIsIgnoredByDefault() throws {
        let fixture = try SignedFixture.make { scratch, model in
            try scratch.write("\(model)/.git/HEAD", "ref: refs/heads/main\n")
        }
        #expect(try Self.ignoreList(fixture).contains(".git/"))
        let claims = try jsonObject(try CLI.run(["inspect", fixture.bundlePath, "--json"]).stdout)
        let paths = (claims["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(!paths.contains { $0.hasPrefix(".git") })
        try fixture.write(".git/HEAD", "ref: refs/heads/other\n")
        try fixture.write(".git/ORIG_HEAD", "abc\n")
        expectAccepted(try fixture.verify())
    }

    /// `.git/` matches directories only: a regular file named `.git` is signed.
    @Test func fileNamedGitIsNotIgnored() throws {
        let fixture = try SignedFixture.make { scratch, model in
            try scratch.write("\(model)/tokenizer/.git", "gitdir: ../elsewhere\n")
        }
        try fixture.write("tokenizer/.git", "gitdir: ../changed\n")
        expectRejected(try fixture.verify(), check: "integrity", mentioning: ["changed: tokenizer/.git"])
    }

    @Test func patternGivenOnlyAtVerifyTimeDoesNotExist() throws {
        let fixture = try SignedFixture.make()
        // verify takes no --ignore: the signer decides what is left out.
        let result = try fixture.verify(["--ignore", "*.log"])
        expectBadInput(result, mentioning: ["unknown flag --ignore"])
    }
}
