import Foundation
import Testing

/// A registry that asks for a user and password (htpasswd, HTTP Basic) on top of the
/// client certificate: credentials come from ARTEFACT_REGISTRY_USER and
/// ARTEFACT_REGISTRY_PASSWORD or a --registry-credentials file, never from argv; missing
/// or wrong ones end the transfer with exit 3 and a message that says what to set.
@Suite struct RegistryAuthTests {
    static let user = "ci-bot"
    static let password = "s3cret-p4ss"
    static var rightCredentials: [String: String] { ["ARTEFACT_REGISTRY_USER": user, "ARTEFACT_REGISTRY_PASSWORD": password] }

    private func prepare() throws -> (fixture: RegistryFixture, model: String, source: String) {
        let fixture = try RegistryFixture(authentication: .basic(user: Self.user, password: Self.password))
        let (model, source) = try fixture.storedModel()
        return (fixture, model, source)
    }

    @Test func withoutCredentialsThePushFailsNamingTheVariables() throws {
        let (fixture, _, source) = try prepare()
        let result = try fixture.push(source, "resnet@1.0.0")
        expectOperationalFailure(result, mentioning: ["requires credentials", "ARTEFACT_REGISTRY_USER", "ARTEFACT_REGISTRY_PASSWORD"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    @Test func wrongCredentialsAreRefusedWithAClearMessage() throws {
        let (fixture, _, source) = try prepare()
        let result = try fixture.push(source, "resnet@1.0.0", environment: [
            "ARTEFACT_REGISTRY_USER": Self.user, "ARTEFACT_REGISTRY_PASSWORD": "not-the-password",
        ])
        expectOperationalFailure(result, mentioning: ["refused the credentials", "HTTP 401", "ARTEFACT_REGISTRY_USER"])
        #expect(!result.stderr.contains("not-the-password"), "the password was printed: \(result.stderr)")
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    @Test func aPasswordWithoutAUserIsNotEnough() throws {
        let (fixture, _, source) = try prepare()
        let result = try fixture.push(source, "resnet@1.0.0", environment: ["ARTEFACT_REGISTRY_PASSWORD": Self.password])
        expectOperationalFailure(result, mentioning: ["ARTEFACT_REGISTRY_USER"])
    }

    @Test func rightCredentialsFromTheEnvironmentPushAndPull() throws {
        let (fixture, model, source) = try prepare()
        try fixture.pushAccepted(source, "resnet@1.0.0", environment: Self.rightCredentials)
        let destination = try fixture.world.makeStore("destination")

        // Pulling needs them too.
        expectOperationalFailure(try fixture.pull(into: destination), mentioning: ["ARTEFACT_REGISTRY_USER"])
        #expect(try fixture.world.labels(destination).isEmpty)
        try fixture.pullAccepted(into: destination, environment: Self.rightCredentials)
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)
    }

    @Test func credentialsFromAFilePushAndPull() throws {
        let (fixture, model, source) = try prepare()
        let file = fixture.path("registry-credentials")
        try "\(Self.user):\(Self.password)\n".write(toFile: file, atomically: true, encoding: .utf8)
        try fixture.pushAccepted(source, "resnet@1.0.0", ["--registry-credentials", file])
        let destination = try fixture.world.makeStore("destination")
        try fixture.pullAccepted(into: destination, ["--registry-credentials", file])
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)

        // A file with the wrong password is refused like wrong variables.
        try "\(Self.user):wrong\n".write(toFile: file, atomically: true, encoding: .utf8)
        let again = try fixture.world.makeStore("again")
        expectOperationalFailure(try fixture.pull(into: again, ["--registry-credentials", file]),
                                 mentioning: ["refused the credentials"])
    }
}
