import Foundation
import Testing

/// Damage to the signature bundle itself, or the wrong key: rejected at the bundle or
/// signature check, before any claim in the payload is believed.
@Suite struct BundleTamperingTests {
    /// The editing harness alone (re-serialising the JSON) must not cause a rejection.
    @Test func rewrittenButUnchangedBundleIsAccepted() throws {
        let fixture = try SignedFixture.make()
        try EditableBundle(path: fixture.bundlePath).write()
        expectAccepted(try fixture.verify())
    }

    @Test func editedPayloadFailsTheSignature() throws {
        let fixture = try SignedFixture.make()
        var bundle = try EditableBundle(path: fixture.bundlePath)
        var statement = try bundle.statement
        var predicate = try #require(statement["predicate"] as? [String: Any])
        var files = try #require(predicate["files"] as? [[String: Any]])
        let digest = try #require(files[0]["sha256"] as? String)
        files[0]["sha256"] = String(digest.dropLast()) + (digest.hasSuffix("0") ? "1" : "0")
        predicate["files"] = files
        statement["predicate"] = predicate
        try bundle.setStatement(statement)
        try bundle.write()
        expectRejected(try fixture.verify(), check: "signature", mentioning: ["no signature in the bundle verifies"])
    }

    @Test func editedClassificationFailsTheSignature() throws {
        let fixture = try SignedFixture.make(signArguments: ["--classification", "restricted"])
        var bundle = try EditableBundle(path: fixture.bundlePath)
        var statement = try bundle.statement
        var predicate = try #require(statement["predicate"] as? [String: Any])
        #expect(predicate["classification"] as? String == "restricted")
        predicate["classification"] = "public"
        statement["predicate"] = predicate
        try bundle.setStatement(statement)
        try bundle.write()
        expectRejected(try fixture.verify(), check: "signature")
    }

    @Test(arguments: ["application/json", "application/vnd.in-toto+JSON", ""])
    func changedPayloadTypeIsRejected(payloadType: String) throws {
        let fixture = try SignedFixture.make()
        var bundle = try EditableBundle(path: fixture.bundlePath)
        bundle.envelope["payloadType"] = payloadType
        try bundle.write()
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["payloadType \"\(payloadType)\""])
    }

    @Test(arguments: [0, 31, 63])
    func bitFlippedSignatureIsRejected(byte: Int) throws {
        let fixture = try SignedFixture.make()
        var bundle = try EditableBundle(path: fixture.bundlePath)
        var signature = bundle.signature
        #expect(signature.count == 64)
        signature[byte] ^= 0x80
        bundle.signature = signature
        try bundle.write()
        expectRejected(try fixture.verify(), check: "signature")
    }

    @Test func truncatedSignatureIsRejected() throws {
        let fixture = try SignedFixture.make()
        var bundle = try EditableBundle(path: fixture.bundlePath)
        bundle.signature = bundle.signature.prefix(63)
        try bundle.write()
        expectRejected(try fixture.verify(), check: "signature")
    }

    @Test func wrongKeyIsRejected() throws {
        let fixture = try SignedFixture.make()
        let other = try KeyPair.generate(in: fixture.scratch, name: "other")
        let result = try CLI.run(["verify", fixture.model, "--key", other.publicKey])
        expectRejected(result, check: "signature", mentioning: ["no signature in the bundle verifies"])
    }

    @Test func anyOfSeveralKeysMayVerify() throws {
        let fixture = try SignedFixture.make()
        let other = try KeyPair.generate(in: fixture.scratch, name: "other")
        expectAccepted(try CLI.run(["verify", fixture.model, "--key", other.publicKey, "--key", fixture.keys.publicKey]))
    }

    @Test func missingBundleIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.remove("model.sig")
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["no signature bundle at \(fixture.bundlePath)"])
    }

    @Test func bundleThatIsNotJSONIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.write("model.sig", "this is not a signature\n")
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["not valid JSON"])
    }

    @Test func truncatedBundleIsRejected() throws {
        let fixture = try SignedFixture.make()
        let bytes = try fixture.read("model.sig")
        try fixture.write("model.sig", bytes.prefix(bytes.count / 2))
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["not valid JSON"])
    }

    @Test func emptyBundleIsRejected() throws {
        let fixture = try SignedFixture.make()
        try fixture.write("model.sig", Data())
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["not valid JSON"])
    }

    /// Parsers disagree on which of two equal keys wins, so a bundle with two `payload`
    /// members means different things to different verifiers: refuse it outright.
    @Test(arguments: [true, false])
    func duplicatePayloadMemberIsRejected(forgedFirst: Bool) throws {
        let fixture = try SignedFixture.make()
        let text = String(decoding: try fixture.read("model.sig"), as: UTF8.self)
        let original = try #require(text.split(separator: "\n").first { $0.contains("\"payload\":") })
        let forged = #"    "payload": "e30=","#
        let replacement = forgedFirst ? "\(forged)\n\(original)" : "\(original)\n\(forged)"
        try fixture.write("model.sig", text.replacingOccurrences(of: String(original), with: replacement))
        expectRejected(try fixture.verify(), check: "bundle", mentioning: ["duplicate key \"payload\""])
    }

    @Test func bundleNamedWithSignatureFlagIsUsed() throws {
        let fixture = try SignedFixture.make()
        let elsewhere = fixture.scratch.path("elsewhere.sig")
        try fixture.move("model.sig", to: "../elsewhere.sig")
        expectRejected(try fixture.verify(), check: "bundle")
        expectAccepted(try fixture.verify(["--signature", elsewhere]))
    }
}
