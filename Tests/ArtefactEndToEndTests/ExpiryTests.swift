import Foundation
import Testing

/// `sign --expires` bounds the signature's life; `verify --at` checks it as of a given time.
@Suite struct ExpiryTests {
    @Test func signatureIsRejectedAfterItExpires() throws {
        let fixture = try SignedFixture.make(signArguments: ["--expires", "1h"])
        let later = rfc3339(Date().addingTimeInterval(2 * 3600))
        expectRejected(try fixture.verify(["--at", later]), check: "expiry", mentioning: ["expired at"])
    }

    @Test func signatureIsAcceptedBeforeItExpires() throws {
        let fixture = try SignedFixture.make(signArguments: ["--expires", "1h"])
        expectAccepted(try fixture.verify())
        expectAccepted(try fixture.verify(["--at", rfc3339(Date().addingTimeInterval(30 * 60))]))
    }

    @Test func expiryIsRecordedAnHourAfterSigning() throws {
        let fixture = try SignedFixture.make(signArguments: ["--expires", "1h"])
        let claims = try jsonObject(try CLI.run(["inspect", fixture.bundlePath, "--json"]).stdout)
        let model = try #require(claims["model"] as? [String: Any])
        let formatter = ISO8601DateFormatter()
        let created = try #require((model["createdAt"] as? String).flatMap(formatter.date(from:)))
        let expires = try #require((model["expiresAt"] as? String).flatMap(formatter.date(from:)))
        #expect(expires.timeIntervalSince(created) == 3600)
    }

    @Test func expiryDateIsRejectedOnceReached() throws {
        let fixture = try SignedFixture.make(signArguments: ["--expires", "2099-01-01"])
        expectAccepted(try fixture.verify(["--at", "2098-12-31T23:59:59Z"]))
        expectRejected(try fixture.verify(["--at", "2099-01-01T00:00:00Z"]), check: "expiry",
                       mentioning: ["2099-01-01T00:00:00Z"])
    }

    @Test func expiryBeforeSigningTimeIsBadInput() throws {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        let result = try CLI.run(["sign", model, "--key", keys.privateKey, "--expires", "2001-01-01"],
                                 environment: KeyPair.environment)
        expectBadInput(result, mentioning: ["not after the signing time"])
        #expect(!scratch.exists("model/model.sig"))
    }

    @Test func malformedAtIsBadInput() throws {
        let fixture = try SignedFixture.make()
        expectBadInput(try fixture.verify(["--at", "tomorrow"]), mentioning: ["--at"])
    }
}
