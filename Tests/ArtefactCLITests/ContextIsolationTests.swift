import ArtefactCLI
import Testing

/// In-process runs on parallel tasks each write only to their own sink and read only their
/// own environment, so the in-process suite can run in parallel without flaking.
@Suite struct ContextIsolationTests {
    @Test func parallelRunsKeepTheirOutputApart() async {
        let help = artefact(["help", "sign"]).stdout
        let results = await withTaskGroup(of: (Int, RunResult).self) { group in
            for index in 0..<32 {
                group.addTask {
                    (index, artefact(index.isMultiple(of: 2) ? ["--version"] : ["help", "sign"]))
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 32)
        for (index, result) in results {
            #expect(result.stdout == (index.isMultiple(of: 2) ? "artefact \(ArtefactCommandLine.version)\n" : help), "run \(index)")
            #expect(result.stderr.isEmpty, "run \(index)")
        }
    }

    @Test func parallelRunsReadOnlyTheirOwnEnvironment() async throws {
        let workspace = try Workspace()
        let path = workspace.path("")
        let results = await withTaskGroup(of: (Int, RunResult).self) { group in
            for index in 0..<8 {
                group.addTask {
                    // An empty passphrase is refused; a set one makes a key.
                    let environment = ["ARTEFACT_PASSPHRASE": index.isMultiple(of: 2) ? "" : "passphrase \(index)"]
                    return (index, artefact(["keygen", "--out", "\(path)/key-\(index)"], environment: environment))
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (index, result) in results {
            if index.isMultiple(of: 2) {
                expectBadInput(result, mentioning: ["ARTEFACT_PASSPHRASE is set but empty"])
                #expect(!workspace.exists("key-\(index).key"))
            } else {
                #expect(result.status == 0, "run \(index): \(result.stderr)")
                #expect(workspace.exists("key-\(index).key"))
            }
        }
    }

    /// The registry options read the run's environment too, not the test process's.
    @Test(arguments: [("ARTEFACT_NETWORK_MIN_RATE", "bogus", "ARTEFACT_NETWORK_MIN_RATE takes bytes per second"),
                      ("ARTEFACT_NETWORK_TIMEOUT", "0", "ARTEFACT_NETWORK_TIMEOUT takes a whole number of seconds")])
    func registryOptionsReadTheRunsEnvironment(_ setting: (String, String, String)) throws {
        let workspace = try Workspace()
        let arguments = ["transfer", "oci://127.0.0.1:1/repo:1", workspace.path("out")]
        expectBadInput(artefact(arguments, environment: [setting.0: setting.1]), mentioning: [setting.2])
        #expect(!workspace.exists("out"))
    }
}
