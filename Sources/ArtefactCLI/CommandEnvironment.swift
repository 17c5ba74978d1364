import ArtefactCore

/// The environment variables one run of the command line reads: the process's own, or a
/// fixed set given by the caller, so runs in one process (in-process tests) cannot see
/// each other's variables.
public struct CommandEnvironment: Sendable {
    /// nil reads the process environment through `Environment`.
    private let variables: [String: String]?

    /// The process environment.
    public static let process = CommandEnvironment(variables: nil)

    /// Exactly `variables`, and nothing from the process.
    public init(_ variables: [String: String]) { self.variables = variables }

    private init(variables: [String: String]?) { self.variables = variables }

    /// The value of `name`; nil when unset or empty.
    func value(_ name: String) -> String? {
        guard let variables else { return Environment.value(name) }
        return variables[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether `name` is set at all, even to the empty string.
    func isSet(_ name: String) -> Bool {
        guard let variables else { return Environment.isSet(name) }
        return variables[name] != nil
    }

    /// The value of `name` in secure memory; nil when unset or empty.
    func secret(_ name: String) throws -> SecretBytes? {
        guard let variables else { return try Environment.secret(name) }
        guard let value = variables[name], !value.isEmpty else { return nil }
        return try Array(value.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
    }
}
