import ArtefactCore

/// Gathers how to reach a registry from the command line: TLS files from flags, then the
/// environment (the transfer layer adds the local store's configuration after both);
/// credentials from the environment or a file, never argv.
enum RegistryAccessOptions {
    /// The run's environment: the process's, or the one an in-process caller gave.
    private static var environment: CommandEnvironment { CommandContext.current.environment }

    static func options(_ arguments: ScannedArguments) throws -> RegistryOptions {
        RegistryOptions(tls: try tlsOptions(arguments), credentials: try credentials(file: arguments.value("--registry-credentials")))
    }

    /// `--tls-ca`, `--tls-cert`, `--tls-key` (or `ARTEFACT_TLS_CA`, `_CERT`, `_KEY`),
    /// `--tls-system-ca`, the limits and the key's passphrase: shared by registries and
    /// object storage.
    static func tlsOptions(_ arguments: ScannedArguments) throws -> TLSOptions {
        TLSOptions(caFile: arguments.value("--tls-ca") ?? environment.value("ARTEFACT_TLS_CA"),
                   certificateFile: arguments.value("--tls-cert") ?? environment.value("ARTEFACT_TLS_CERT"),
                   keyFile: arguments.value("--tls-key") ?? environment.value("ARTEFACT_TLS_KEY"),
                   useSystemCAs: arguments.has("--tls-system-ca"), requestTimeout: try networkTimeout(arguments),
                   minimumRate: try minimumRate(), keyPassphrase: try environment.secret("ARTEFACT_TLS_KEY_PASSPHRASE"))
    }

    /// `--network-timeout SECONDS` (or `ARTEFACT_NETWORK_TIMEOUT`): how long one request may
    /// take, 1 s to 30 days.
    static func networkTimeout(_ arguments: ScannedArguments) throws -> Int64 {
        let (text, source) = arguments.value("--network-timeout").map { ($0, "--network-timeout") }
            ?? environment.value("ARTEFACT_NETWORK_TIMEOUT").map { ($0, "ARTEFACT_NETWORK_TIMEOUT") } ?? (nil, "")
        guard let text else { return TLSSettings.defaultRequestTimeout }
        guard let seconds = Int64(text), (1...TLSSettings.maximumRequestTimeout).contains(seconds) else {
            // The flag is a usage error; the environment variable, bad input from outside.
            let message = "\(source) takes a whole number of seconds from 1 to \(TLSSettings.maximumRequestTimeout), not \"\(text)\""
            throw source == "--network-timeout" ? ArtefactError.usage(message) : ArtefactError.badInput(message)
        }
        return seconds
    }

    /// `ARTEFACT_NETWORK_MIN_RATE`: the slowest a blob may stream, in bytes per second (K, M, G allowed).
    static func minimumRate() throws -> Int64 {
        guard let text = environment.value("ARTEFACT_NETWORK_MIN_RATE") else { return TLSSettings.defaultMinimumRate }
        guard let rate = ArgumentValues.byteCount(text) else {
            throw ArtefactError.badInput("ARTEFACT_NETWORK_MIN_RATE takes bytes per second such as 262144 or 256K, not \"\(text)\"")
        }
        return rate
    }

    /// `ARTEFACT_REGISTRY_USER` and `ARTEFACT_REGISTRY_PASSWORD`, or a `USER:PASSWORD` file.
    static func credentials(file: String?) throws -> RegistryCredentials? {
        if let file {
            var bytes = try FileSystem.readFile(file, limit: 64 << 10)
            defer { wipe(&bytes) }
            let line = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                throw ArtefactError.badInput("\(file) must hold USER:PASSWORD on its first line")
            }
            let user = String(decoding: line[..<colon], as: UTF8.self)
            let password = try Array(line[(colon + 1)...]).withUnsafeBytes { try SecretBytes(copying: $0) }
            return RegistryCredentials(user: user, password: password)
        }
        guard let user = environment.value("ARTEFACT_REGISTRY_USER") else { return nil }
        guard let password = try environment.secret("ARTEFACT_REGISTRY_PASSWORD") else {
            throw ArtefactError.badInput("ARTEFACT_REGISTRY_USER is set but ARTEFACT_REGISTRY_PASSWORD is not")
        }
        return RegistryCredentials(user: user, password: password)
    }
}
