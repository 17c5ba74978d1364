/// Where the AWS settings are read from: environment variables (a secret straight into
/// `SecretBytes`) and files (nil when the file does not exist). `process` is the real
/// environment and file system; tests give their own, so resolution runs in-process.
public struct S3SettingsSource: Sendable {
    public var value: @Sendable (String) -> String?
    public var secret: @Sendable (String) throws -> SecretBytes?
    public var readFile: @Sendable (String) throws -> [UInt8]?

    public init(value: @escaping @Sendable (String) -> String?, secret: @escaping @Sendable (String) throws -> SecretBytes?,
                readFile: @escaping @Sendable (String) throws -> [UInt8]?) {
        self.value = value
        self.secret = secret
        self.readFile = readFile
    }

    /// Shared credentials and config files are small; a larger one is refused.
    public static let fileLimit = 1 << 20

    /// The process environment and the file system.
    public static let process = S3SettingsSource(
        value: { Environment.value($0) },
        secret: { try Environment.secret($0) },
        readFile: { path in
            guard FileSystem.exists(path) else { return nil }
            do {
                return try FileSystem.readFile(path, limit: fileLimit)
            } catch let error as ArtefactError {
                throw ArtefactError.badInput("cannot read \(path): \(error.message)")
            }
        })
}
