import ArtefactCore

/// Gathers how to reach object storage from the command line: `--s3-endpoint` (else
/// `AWS_ENDPOINT_URL`), `--s3-addressing`, the region and credentials from the AWS
/// environment (never argv), and the TLS options shared with registries.
enum S3AccessOptions {
    /// The run's environment: the process's, or the one an in-process caller gave.
    private static var environment: CommandEnvironment { CommandContext.current.environment }

    /// The flags `transfer` and `verify` take for object storage.
    static let valuedFlags: Set<String> = ["--s3-endpoint", "--s3-addressing"]

    static func options(_ arguments: ScannedArguments) throws -> S3Options {
        var addressing: S3Addressing?
        if let text = arguments.value("--s3-addressing") {
            guard let chosen = S3Addressing(rawValue: text) else {
                throw ArtefactError.badInput("--s3-addressing takes path or virtual, not \"\(text)\"")
            }
            addressing = chosen
        }
        return S3Options(tls: try RegistryAccessOptions.tlsOptions(arguments),
                         endpointURL: arguments.value("--s3-endpoint") ?? environment.value("AWS_ENDPOINT_URL"),
                         region: environment.value("AWS_REGION") ?? environment.value("AWS_DEFAULT_REGION"),
                         addressing: addressing, credentials: try credentials())
    }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    static func credentials() throws -> S3Credentials? {
        guard let keyID = environment.value("AWS_ACCESS_KEY_ID") else { return nil }
        guard let secret = try environment.secret("AWS_SECRET_ACCESS_KEY") else {
            throw ArtefactError.badInput("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        return S3Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: environment.value("AWS_SESSION_TOKEN"))
    }
}
