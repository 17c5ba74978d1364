@testable import ArtefactCore
import Testing

/// Credentials, region and endpoint from the AWS environment variables and files, over an
/// environment and files held in memory.
@Suite struct S3CredentialResolverTests {
    static func source(_ variables: [String: String], files: [String: String] = [:]) -> S3SettingsSource {
        S3SettingsSource(
            value: { variables[$0].flatMap { $0.isEmpty ? nil : $0 } },
            secret: { name in
                guard let value = variables[name], !value.isEmpty else { return nil }
                return try Array(value.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
            },
            readFile: { files[$0].map { Array($0.utf8) } })
    }

    static func text(_ secret: SecretBytes) -> String { secret.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    static let credentialsFile = """
        # a comment
        [default]
        aws_access_key_id = AKDEFAULT
        aws_secret_access_key = secret/default+key

        ; another comment
        [ci]
        AWS_ACCESS_KEY_ID=AKCI
        aws_secret_access_key=  ci secret with spaces\t
        aws_session_token = TOKEN123
        """

    @Test func environmentVariablesComeFirst() throws {
        let credentials = try S3CredentialResolver.credentials(from: Self.source(
            ["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "tok", "HOME": "/home/u"],
            files: ["/home/u/.aws/credentials": Self.credentialsFile]))
        #expect(credentials.accessKeyID == "AKENV")
        #expect(Self.text(credentials.secretAccessKey) == "envsecret")
        #expect(credentials.sessionToken == "tok")
    }

    @Test func halfTheEnvironmentPairIsBadInput() {
        #expect(throws: ArtefactError.badInput("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither to use a profile of the shared credentials file")) {
            try S3CredentialResolver.credentials(from: Self.source(["AWS_ACCESS_KEY_ID": "AK"]))
        }
        #expect(throws: ArtefactError.self) { try S3CredentialResolver.credentials(from: Self.source(["AWS_SECRET_ACCESS_KEY": "S"])) }
    }

    @Test func theDefaultProfileOfTheSharedFile() throws {
        let credentials = try S3CredentialResolver.credentials(from: Self.source(["HOME": "/home/u"], files: ["/home/u/.aws/credentials": Self.credentialsFile]))
        #expect(credentials.accessKeyID == "AKDEFAULT")
        #expect(Self.text(credentials.secretAccessKey) == "secret/default+key")
        #expect(credentials.sessionToken == nil)
    }

    @Test func aNamedProfileInANamedFile() throws {
        let credentials = try S3CredentialResolver.credentials(from: Self.source(
            ["AWS_PROFILE": "ci", "AWS_SHARED_CREDENTIALS_FILE": "/etc/creds", "HOME": "/home/u"], files: ["/etc/creds": Self.credentialsFile]))
        #expect(credentials.accessKeyID == "AKCI")
        #expect(Self.text(credentials.secretAccessKey) == "ci secret with spaces")
        #expect(credentials.sessionToken == "TOKEN123")
    }

    @Test func missingCredentialsNameTheVariables() {
        #expect {
            try S3CredentialResolver.credentials(from: Self.source(["HOME": "/home/u"]))
        } throws: { error in
            let error = error as? ArtefactError
            return error?.kind == .badInput && error!.message.contains("AWS_ACCESS_KEY_ID") && error!.message.contains("AWS_SECRET_ACCESS_KEY")
                && error!.message.contains("AWS_PROFILE")
        }
        #expect(throws: ArtefactError.badInput("/etc/creds has no [prod] profile (AWS_PROFILE)")) {
            try S3CredentialResolver.credentials(from: Self.source(["AWS_PROFILE": "prod", "AWS_SHARED_CREDENTIALS_FILE": "/etc/creds"],
                                                                    files: ["/etc/creds": Self.credentialsFile]))
        }
        #expect(throws: ArtefactError.badInput("profile [p] in /c has no aws_secret_access_key")) {
            try S3CredentialResolver.credentials(from: Self.source(["AWS_PROFILE": "p", "AWS_SHARED_CREDENTIALS_FILE": "/c"],
                                                                    files: ["/c": "[p]\naws_access_key_id = A\n"]))
        }
    }

    @Test func aKeyGivenTwiceInASectionIsBadInput() {
        let file = "[default]\naws_access_key_id = A\naws_secret_access_key = one\n[other]\nx = 1\n[default]\nAWS_SECRET_ACCESS_KEY = two\n"
        #expect(throws: ArtefactError.badInput("/c sets aws_secret_access_key twice in [default] (line 7); keep one")) {
            try S3CredentialResolver.credentials(from: Self.source(["AWS_SHARED_CREDENTIALS_FILE": "/c"], files: ["/c": file]))
        }
    }

    @Test func malformedFilesAreBadInput() {
        for file in ["aws_access_key_id = A\n", "[default]\njust words\n", "[default\nx = 1\n", "[default]\n= value\n"] {
            #expect(throws: ArtefactError.self) {
                try S3CredentialResolver.credentials(from: Self.source(["AWS_SHARED_CREDENTIALS_FILE": "/c"], files: ["/c": file]))
            }
        }
    }

    @Test func nestedSettingsAndIndentedKeysAreReadAsTheAWSToolsReadThem() throws {
        let file = "[default]\r\n  aws_access_key_id = A\r\n  aws_secret_access_key = S\r\n  s3 =\r\n    addressing_style = path\r\n    region = nested\r\n"
        let credentials = try S3CredentialResolver.credentials(from: Self.source(["AWS_SHARED_CREDENTIALS_FILE": "/c"], files: ["/c": file]))
        #expect(credentials.accessKeyID == "A")
        #expect(Self.text(credentials.secretAccessKey) == "S")
    }

    @Test func regionOrder() throws {
        let config = "[default]\nregion = eu-west-1\n[profile ci]\nregion = ap-south-1\n"
        let files = ["/home/u/.aws/config": config]
        #expect(try S3CredentialResolver.region(from: Self.source(["AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "eu-central-1", "HOME": "/home/u"], files: files)) == "us-west-2")
        #expect(try S3CredentialResolver.region(from: Self.source(["AWS_DEFAULT_REGION": "eu-central-1", "HOME": "/home/u"], files: files)) == "eu-central-1")
        #expect(try S3CredentialResolver.region(from: Self.source(["HOME": "/home/u"], files: files)) == "eu-west-1")
        #expect(try S3CredentialResolver.region(from: Self.source(["HOME": "/home/u", "AWS_PROFILE": "ci"], files: files)) == "ap-south-1")
        #expect(try S3CredentialResolver.region(from: Self.source(["AWS_CONFIG_FILE": "/other", "HOME": "/home/u"], files: files)) == "us-east-1")
        #expect(try S3CredentialResolver.region(from: Self.source([:])) == "us-east-1")
        #expect(throws: ArtefactError.self) { try S3CredentialResolver.region(from: Self.source(["AWS_REGION": "us east/1"])) }
    }

    @Test func endpointFromTheEnvironment() throws {
        #expect(try S3CredentialResolver.endpoint(from: Self.source([:])) == nil)
        #expect(try S3CredentialResolver.endpoint(from: Self.source(["AWS_ENDPOINT_URL": "https://s3.site.internal:8443"]))
                == S3Endpoint(host: "s3.site.internal", port: 8443, isCustom: true))
        #expect(try S3CredentialResolver.endpoint(from: Self.source(["AWS_ENDPOINT_URL": "https://a", "AWS_ENDPOINT_URL_S3": "https://b"]))?.host == "b")
        #expect(throws: ArtefactError.badInput("AWS_ENDPOINT_URL: http://s3.local is plain HTTP; artefact reaches object storage over HTTPS only (use https://)")) {
            try S3CredentialResolver.endpoint(from: Self.source(["AWS_ENDPOINT_URL": "http://s3.local"]))
        }
    }

    @Test func accessKeyIDsThatWouldBreakTheHeaderAreBadInput() {
        #expect(throws: ArtefactError.self) {
            try S3CredentialResolver.credentials(from: Self.source(["AWS_ACCESS_KEY_ID": "AK/x", "AWS_SECRET_ACCESS_KEY": "S"]))
        }
        #expect(throws: ArtefactError.self) {
            try S3CredentialResolver.credentials(from: Self.source(["AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "S", "AWS_SESSION_TOKEN": "a\nb"]))
        }
    }
}
