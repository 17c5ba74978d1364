import Foundation

/// Where the OpenSSF Model Signing test tools are: the python virtual environment that
/// `scripts/lib/packages.sh` (`ensure_oms_test_tools`, run by `scripts/test.sh`) fills with
/// `model-signing==1.1.1` (the `model_signing` command), `pyOpenSSL` and `sigstore`. The rule
/// is fixed so that the tests and the scripts agree: `$ARTEFACT_OMS_VENV` when set, else
/// `$HOME/.cache/artefact/oms-venv`. A test that needs these tools fails when they are
/// missing: it never skips.
enum OMSTools {
    /// The virtual environment's directory.
    static var environmentDirectory: String {
        let variables = ProcessInfo.processInfo.environment
        if let chosen = variables["ARTEFACT_OMS_VENV"], !chosen.isEmpty { return chosen }
        let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(home)/.cache/artefact/oms-venv"
    }

    /// The directory holding `model_signing` and `python`.
    static var binDirectory: String { "\(environmentDirectory)/bin" }

    /// The virtual environment's python, which imports `model_signing` and `sigstore`.
    static var python: String { "\(binDirectory)/python" }

    /// The `model_signing` command line.
    static var modelSigning: String { "\(binDirectory)/model_signing" }

    /// Fails with what to run when the environment is not there, rather than letting a
    /// tool run fail with a puzzling message.
    static func requireInstalled() throws {
        for tool in [modelSigning, python] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw FixtureError("\(tool) is missing: run scripts/test.sh, or "
                + "`source scripts/lib/packages.sh && ensure_oms_test_tools` (ARTEFACT_OMS_VENV chooses the directory)")
        }
    }

    /// Runs `model_signing ARGUMENTS` (for example `sign key MODEL --private_key KEY
    /// --signature OUT`), failing first when the tools are missing.
    @discardableResult
    static func runModelSigning(_ arguments: [String], directory: URL? = nil,
                                timeout: Double = ChildDeadline.defaultSeconds) throws -> CLIResult {
        try requireInstalled()
        return try CLI.runTool(modelSigning, arguments, directory: directory, timeout: timeout)
    }

    /// Runs the environment's python with `arguments` (a script path and its arguments, or
    /// `-c CODE`), failing first when the tools are missing.
    @discardableResult
    static func runPython(_ arguments: [String], directory: URL? = nil,
                          timeout: Double = ChildDeadline.defaultSeconds) throws -> CLIResult {
        try requireInstalled()
        return try CLI.runTool(python, arguments, directory: directory, timeout: timeout)
    }
}
