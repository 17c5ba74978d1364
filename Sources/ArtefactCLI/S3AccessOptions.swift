import ArtefactCore

/// Gathers how to reach object storage from the command line: `--s3-endpoint` (else
/// `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`), `--s3-addressing`, the region and
/// credentials as `S3CredentialResolver` finds them (the AWS environment and shared files,
/// never argv), and the TLS options shared with registries.
enum S3AccessOptions {
    /// The run's environment: the process's, or the one an in-process caller gave.
    private static var environment: CommandEnvironment { CommandContext.current.environment }

    /// The flags `transfer` and `verify` take for object storage.
    static let valuedFlags: Set<String> = ["--s3-endpoint", "--s3-addressing"]

    static func options(_ arguments: ScannedArguments) throws -> S3Options {
        var addressing: S3Addressing?
        if let text = arguments.value("--s3-addressing") {
            guard let chosen = S3Addressing(rawValue: text) else {
                throw ArtefactError.usage("--s3-addressing takes path or virtual, not \"\(text)\"")
            }
            addressing = chosen
        }
        let settings = settingsSource
        let endpoint = try arguments.value("--s3-endpoint").map { url in
            do { return try S3Endpoint(parsing: url) } catch let error as ArtefactError { throw ArtefactError.usage("--s3-endpoint: \(error.message)") }
        } ?? S3CredentialResolver.endpoint(from: settings)
        return S3Options(tls: try RegistryAccessOptions.tlsOptions(arguments), endpoint: endpoint,
                         region: try S3CredentialResolver.region(from: settings), addressing: addressing,
                         credentials: try S3CredentialResolver.credentials(from: settings))
    }

    /// The run's environment (the process's, or the one an in-process caller gave) and the
    /// file system, as the resolver reads them.
    private static var settingsSource: S3SettingsSource {
        let environment = self.environment
        return S3SettingsSource(value: { environment.value($0) }, secret: { try environment.secret($0) },
                                readFile: S3SettingsSource.process.readFile)
    }
}
