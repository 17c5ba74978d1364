import Foundation
import Testing

/// The distribution token flow: the registry answers 401 with a Bearer challenge, artefact
/// asks the challenge's realm (a token service over TLS) for a token with the user's
/// credentials, and uses the token. Wrong or missing credentials end with exit 3.
@Suite struct RegistryBearerTokenTests {
    static let user = "ci-bot"
    static let password = "t0ken-pass"

    /// A token service, a registry that sends clients to it, and a store holding `resnet@1.0.0`.
    private func prepare() throws -> (fixture: RegistryFixture, tokens: TokenServer, model: String, source: String) {
        let world = try StoreFixture()
        let pki = try RegistryPKI(in: world.scratch)
        let tokens = try TokenServer(pki: pki, user: Self.user, password: Self.password, in: world.scratch)
        let fixture = try RegistryFixture(world: world, pki: pki, authentication: tokens.authentication(trusting: pki))
        let (model, source) = try fixture.storedModel()
        return (fixture, tokens, model, source)
    }

    @Test func aTokenFromTheRealmPushesAndPulls() throws {
        let (fixture, tokens, model, source) = try prepare()
        let credentials = ["ARTEFACT_REGISTRY_USER": Self.user, "ARTEFACT_REGISTRY_PASSWORD": Self.password]
        try fixture.pushAccepted(source, "resnet@1.0.0", environment: credentials)
        #expect(tokens.events.first == "issued \(Self.user) repository:ml/resnet:pull,push", "token service: \(tokens.events)")

        let destination = try fixture.world.makeStore("destination")
        try fixture.pullAccepted(into: destination, environment: credentials)
        try fixture.expectExportMatches(destination, "resnet@1.0.0", original: model)
    }

    @Test func wrongCredentialsAreRefusedByTheTokenService() throws {
        let (fixture, tokens, _, source) = try prepare()
        let result = try fixture.push(source, "resnet@1.0.0", environment: [
            "ARTEFACT_REGISTRY_USER": Self.user, "ARTEFACT_REGISTRY_PASSWORD": "wrong",
        ])
        expectOperationalFailure(result, mentioning: ["token service at 127.0.0.1:\(tokens.port)", "refused the credentials", "HTTP 401"])
        #expect(tokens.events == ["refused"])
        #expect(fixture.registry.storedBlobs.isEmpty)
    }

    @Test func withoutCredentialsNoTokenIsAskedFor() throws {
        let (fixture, tokens, _, source) = try prepare()
        expectOperationalFailure(try fixture.push(source, "resnet@1.0.0"), mentioning: ["requires credentials", "ARTEFACT_REGISTRY_USER"])
        #expect(tokens.events.isEmpty)
    }
}
