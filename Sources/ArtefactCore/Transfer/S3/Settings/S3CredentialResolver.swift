/// The AWS credentials, region and endpoint, found the way the AWS tools find them:
///
/// - credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
///   else the profile `AWS_PROFILE` (default `default`) of the shared credentials file
///   `AWS_SHARED_CREDENTIALS_FILE` (default `$HOME/.aws/credentials`);
/// - region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region` in the
///   config file `AWS_CONFIG_FILE` (default `$HOME/.aws/config`; section `[profile NAME]`,
///   or `[default]`), else `us-east-1`;
/// - endpoint: `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`, else AWS's own (nil).
///
/// Never argv. The secret goes from the environment or the file's bytes straight into
/// `SecretBytes`, and the file's bytes are wiped once read.
public enum S3CredentialResolver {
    public static let defaultRegion = "us-east-1"
    public static let defaultProfile = "default"

    public static func credentials(from source: S3SettingsSource) throws -> S3Credentials {
        let accessKeyID = source.value("AWS_ACCESS_KEY_ID")
        let secret = try source.secret("AWS_SECRET_ACCESS_KEY")
        switch (accessKeyID, secret) {
        case let (accessKeyID?, secret?):
            try checkAccessKeyID(accessKeyID, from: "AWS_ACCESS_KEY_ID")
            return S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: try sessionToken(source.value("AWS_SESSION_TOKEN"), from: "AWS_SESSION_TOKEN"))
        case (_?, nil):
            throw ArtefactError.badInput("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither to use a profile of the shared credentials file")
        case (nil, _?):
            throw ArtefactError.badInput("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both, or neither to use a profile of the shared credentials file")
        case (nil, nil):
            return try profileCredentials(from: source)
        }
    }

    public static func region(from source: S3SettingsSource) throws -> String {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let region = source.value(name) { return try checkRegion(region, from: name) }
        }
        guard let path = configFilePath(source), var bytes = try source.readFile(path) else { return defaultRegion }
        defer { wipe(&bytes) }
        let file = try AWSConfigFile(parsing: bytes, path: path)
        let profile = profileName(source)
        let section = profile == defaultProfile && file.sections["default"] != nil ? "default" : "profile \(profile)"
        guard let region = file.value("region", in: section, of: bytes) else { return defaultRegion }
        return try checkRegion(region, from: "the region of [\(section)] in \(path)")
    }

    /// The endpoint the environment names, or nil for AWS's own.
    public static func endpoint(from source: S3SettingsSource) throws -> S3Endpoint? {
        for name in ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"] {
            guard let url = source.value(name) else { continue }
            do {
                return try S3Endpoint(parsing: url)
            } catch let error as ArtefactError {
                throw ArtefactError.badInput("\(name): \(error.message)")
            }
        }
        return nil
    }

    // MARK: The shared credentials file

    private static func profileCredentials(from source: S3SettingsSource) throws -> S3Credentials {
        let profile = profileName(source)
        let missing = "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or AWS_PROFILE with a profile in the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials)"
        guard let path = credentialsFilePath(source) else { throw ArtefactError.badInput(missing) }
        guard var bytes = try source.readFile(path) else {
            if source.value("AWS_PROFILE") == nil && source.value("AWS_SHARED_CREDENTIALS_FILE") == nil { throw ArtefactError.badInput(missing) }
            throw ArtefactError.badInput("the shared credentials file \(path) does not exist (profile \(profile)); \(missing)")
        }
        defer { wipe(&bytes) }
        let file = try AWSConfigFile(parsing: bytes, path: path)
        guard let keys = file.sections[profile] else { throw ArtefactError.badInput("\(path) has no [\(profile)] profile (AWS_PROFILE)") }
        guard let accessKeyID = file.value("aws_access_key_id", in: profile, of: bytes) else {
            throw ArtefactError.badInput("profile [\(profile)] in \(path) has no aws_access_key_id")
        }
        try checkAccessKeyID(accessKeyID, from: "aws_access_key_id of [\(profile)] in \(path)")
        guard let secretRange = keys["aws_secret_access_key"], !secretRange.isEmpty else {
            throw ArtefactError.badInput("profile [\(profile)] in \(path) has no aws_secret_access_key")
        }
        let secret = try bytes[secretRange].withUnsafeBytes { try SecretBytes(copying: $0) }
        let token = try sessionToken(file.value("aws_session_token", in: profile, of: bytes), from: "aws_session_token of [\(profile)] in \(path)")
        return S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token)
    }

    private static func profileName(_ source: S3SettingsSource) -> String { source.value("AWS_PROFILE") ?? defaultProfile }

    private static func credentialsFilePath(_ source: S3SettingsSource) -> String? {
        source.value("AWS_SHARED_CREDENTIALS_FILE") ?? source.value("HOME").map { "\($0)/.aws/credentials" }
    }

    private static func configFilePath(_ source: S3SettingsSource) -> String? {
        source.value("AWS_CONFIG_FILE") ?? source.value("HOME").map { "\($0)/.aws/config" }
    }

    // MARK: Checks

    /// An access key id goes into every `Authorization` header: printable, no spaces,
    /// no `/` or `,` (which would break the credential scope).
    private static func checkAccessKeyID(_ value: String, from origin: String) throws {
        guard (1...128).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ",") }) else {
            throw ArtefactError.badInput("\(origin) is not an access key id (printable characters without spaces, / or ,)")
        }
    }

    /// A session token goes into a header: printable, at most 8 KiB.
    private static func sessionToken(_ value: String?, from origin: String) throws -> String? {
        guard let value else { return nil }
        guard value.utf8.count <= 8192, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw ArtefactError.badInput("\(origin) is not a usable session token (printable characters without spaces, at most 8 KiB)")
        }
        return value
    }

    /// A region goes into the credential scope: lowercase letters, digits and hyphens.
    private static func checkRegion(_ value: String, from origin: String) throws -> String {
        let region = value.trimmingSpaces
        guard (1...64).contains(region.utf8.count),
              region.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }) else {
            throw ArtefactError.badInput("\(origin) \"\(S3Failure.printable(value, limit: 64))\" is not a region name (such as us-east-1)")
        }
        return region
    }
}
