import Foundation
import Testing

/// Missing, conflicting and malformed flags are usage errors (kind "usage", exit 2), not
/// bad input, and each message says what to give instead. Checked before any file is read,
/// so the paths here need not exist.
@Suite struct UsageKindTests {
    @Test(arguments: [
        (["sign", "/m"], ["sign needs --key PRIVATE_KEY", "artefact keygen --out PREFIX"]),
        (["sign", "/m", "--key", "k", "--chain", "c.pem"], ["--chain goes with --cert", "--cert CERT.pem", "or drop --chain"]),
        (["sign", "/m", "--key", "k", "--append", "--force"], ["--force cannot be used with --append", "give one of them"]),
        (["sign", "/m", "--key", "k", "--append", "--version", "2"], ["--version cannot be used with --append", "drop --version",
                                                                      "sign anew with --force"]),
        (["sign", "/m", "--key", "k", "--classification", "secret"], ["unknown classification \"secret\": --classification takes one of public, internal, confidential, restricted"]),
        (["sign", "/m", "--key", "k", "--expires", "soon"], ["--expires takes a date (2027-01-31)", "not \"soon\""]),
        (["sign", "/m", "--key", "k", "--expires", "99999999999999999999d"], ["ends after", "give a shorter duration"]),
        (["sign", "/m", "--key", "k", "--shard-size", "1K"], ["--shard-size 1K:", "give 1M or more"]),
        (["sign", "/m", "--key", "k", "--shard-size", "big"], ["--shard-size takes a size in bytes"]),
        (["sign", "/m", "--key", "k", "--jobs", "0"], ["--jobs takes a whole number from 1 to 256"]),
        (["verify", "/m"], ["verify needs at least one --key PUBLIC_KEY", "or a --policy POLICY.json"]),
        (["verify", "/m", "--key", "k", "--policy", "p.json"], ["give --policy or --key, not both"]),
        (["verify", "/m", "--key", "-", "--key", "-"], ["--key - was given more than once", "give the others as files or env:VAR"]),
        (["verify", "/m", "--key", "env:"], ["--key env: needs a variable name", "--key env:ARTEFACT_KEY"]),
        (["verify", "/m", "--key", "k", "--at", "yesterday"], ["--at takes a UTC time such as 2026-01-01T00:00:00Z"]),
        (["verify", "s3://bucket/prefix", "--key", "k", "--signature", "x.sig"], ["holds its own at model.sig: drop --signature"]),
        (["verify", "s3://bucket/prefix", "--key", "k", "--s3-addressing", "sideways"], ["--s3-addressing takes path or virtual"]),
        (["verify", "s3://bucket/prefix", "--key", "k", "--network-timeout", "0"], ["--network-timeout takes a whole number of seconds"]),
        (["keygen", "--out", "/k", "--comment", "two\nlines"], ["--comment must be one line of text"]),
        (["transfer", "/a", "/b", "--model", "name@"], ["--model takes NAME or NAME@VERSION"]),
    ])
    func aFlagMistakeIsAUsageErrorThatSaysWhatToDo(_ arguments: [String], _ fragments: [String]) throws {
        let result = artefact(arguments + ["--json"])
        try JSONDocumentTests.expectError(result, kind: "usage", status: 2)
        for fragment in fragments {
            #expect(result.errorLine.contains(fragment), "\"\(fragment)\" is not in: \(result.errorLine)")
        }
    }

    /// What comes from outside the arguments stays bad input: an unset key variable, a
    /// timeout set in the environment.
    @Test func theEnvironmentsMistakesStayBadInput() throws {
        try JSONDocumentTests.expectError(artefact(["verify", "/m", "--key", "env:ARTEFACT_NO_SUCH_KEY", "--json"]),
                                          kind: "bad-input", status: 2)
        try JSONDocumentTests.expectError(artefact(["verify", "s3://bucket/prefix", "--key", "k", "--json"],
                                                   environment: ["ARTEFACT_NETWORK_TIMEOUT": "0"]), kind: "bad-input", status: 2)
    }
}
