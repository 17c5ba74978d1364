import ArtefactCore
import Glibc

/// Gathers how to reach a registry: TLS files from flags, then the environment, then the
/// local store's configuration; credentials from the environment or a file, never argv.
enum RegistryAccessOptions {
    static func access(_ address: String, arguments: ScannedArguments, localStores: [String]) throws -> RegistryAccess {
        let reference = try RegistryReference(parsing: address)
        let stored = localStores.lazy.filter { StoreLayout.isStore($0) }.compactMap { try? ModelStore.open($0).configuration.tls }.first
        func pick(_ flag: String, _ variable: String, _ fromStore: String?) -> String? {
            arguments.value(flag) ?? environment(variable) ?? fromStore
        }
        guard let ca = pick("--tls-ca", "ARTEFACT_TLS_CA", stored?.caFile) else {
            throw ArtefactError.badInput("reaching \(reference.address) needs --tls-ca CA.pem (or ARTEFACT_TLS_CA): artefact trusts only the CA it is given")
        }
        let settings = TLSSettings(caFile: ca, certificateFile: pick("--tls-cert", "ARTEFACT_TLS_CERT", stored?.certificateFile),
                                   keyFile: pick("--tls-key", "ARTEFACT_TLS_KEY", stored?.keyFile),
                                   requestTimeout: try networkTimeout(arguments), minimumRate: try minimumRate(),
                                   useSystemCAs: arguments.has("--tls-system-ca"))
        return RegistryAccess(reference: reference, tls: settings, keyPassphrase: try secret("ARTEFACT_TLS_KEY_PASSPHRASE"),
                              credentials: try credentials(file: arguments.value("--registry-credentials")))
    }

    /// `--network-timeout SECONDS` (or `ARTEFACT_NETWORK_TIMEOUT`): how long one request may
    /// take, 1 s to 30 days.
    static func networkTimeout(_ arguments: ScannedArguments) throws -> Int64 {
        let (text, source) = arguments.value("--network-timeout").map { ($0, "--network-timeout") }
            ?? environment("ARTEFACT_NETWORK_TIMEOUT").map { ($0, "ARTEFACT_NETWORK_TIMEOUT") } ?? (nil, "")
        guard let text else { return TLSSettings.defaultRequestTimeout }
        guard let seconds = Int64(text), (1...TLSSettings.maximumRequestTimeout).contains(seconds) else {
            throw ArtefactError.badInput("\(source) takes a whole number of seconds from 1 to \(TLSSettings.maximumRequestTimeout), not \"\(text)\"")
        }
        return seconds
    }

    /// `ARTEFACT_NETWORK_MIN_RATE`: the slowest a blob may stream, in bytes per second (K, M, G allowed).
    static func minimumRate() throws -> Int64 {
        guard let text = environment("ARTEFACT_NETWORK_MIN_RATE") else { return TLSSettings.defaultMinimumRate }
        guard let rate = ArgumentValues.byteCount(text) else {
            throw ArtefactError.badInput("ARTEFACT_NETWORK_MIN_RATE takes bytes per second such as 262144 or 256K, not \"\(text)\"")
        }
        return rate
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    private static func secret(_ name: String) throws -> SecretBytes? {
        guard let value = getenv(name), strlen(value) > 0 else { return nil }
        return try SecretBytes(copying: UnsafeRawBufferPointer(start: value, count: strlen(value)))
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
        guard let user = environment("ARTEFACT_REGISTRY_USER") else { return nil }
        guard let password = try secret("ARTEFACT_REGISTRY_PASSWORD") else {
            throw ArtefactError.badInput("ARTEFACT_REGISTRY_USER is set but ARTEFACT_REGISTRY_PASSWORD is not")
        }
        return RegistryCredentials(user: user, password: password)
    }
}
