import ArtefactCore
import Foundation
import Testing

/// In-process checks of what the verifier decides from a bundle's claims alone (the steps
/// before any file is read): each check passes on a claim that satisfies it and fails, for
/// its own reason and under its own name, on one that does not, and nothing after a
/// failure runs.
@Suite struct VerifierClaimTests {
    static let now = Timestamp(rfc3339: "2026-06-01T12:00:00Z")!
    static let day: Int64 = 86_400
    let alice: SigningKey
    let bob: SigningKey
    let mallory: SigningKey

    init() throws {
        alice = try SigningKey.generate()
        bob = try SigningKey.generate()
        mallory = try SigningKey.generate()
    }

    // MARK: Fixtures

    /// A one-file manifest for `resnet@1.0.0`, signed `age` seconds before `now`.
    func manifest(name: String = "resnet", classification: Classification = .internal, age: Int64 = 3600,
                  expiresIn: Int64? = nil) throws -> ModelManifest {
        let created = Timestamp(secondsSinceEpoch: Self.now.secondsSinceEpoch - age)
        let file = ModelFile(path: "weights.bin", size: 3, digest: .whole(SHA256Hasher.digest(Array("abc".utf8))))
        return try ModelManifest(name: name, version: "1.0.0", classification: classification, createdAt: created,
                                 expiresAt: expiresIn.map { Timestamp(secondsSinceEpoch: Self.now.secondsSinceEpoch + $0) },
                                 hashing: .files, ignore: [], contents: ModelContents(files: [file], symlinks: []))
    }

    /// A bundle over `payload` with one signature by each of `keys`, in order.
    func bundle(_ payload: [UInt8], signedBy keys: [SigningKey]) throws -> SignatureBundle {
        var bundle = SignatureBundle(envelope: DSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: payload, signatures: []),
                                     publicKeyHint: keys.first?.publicKey.keyID)
        for key in keys {
            let signature = DSSESignature(keyID: key.publicKey.keyID, signature: try key.sign(bundle.envelope.signedBytes))
            bundle = bundle.appending(signature, certificates: nil)
        }
        return bundle
    }

    /// A policy trusting alice and bob by key, with one rule over `models`.
    func policy(models: String = "res*", threshold: Int = 1, maxAgeDays: Int? = nil, clearance: Classification? = .internal) -> TrustPolicy {
        let signers = [PolicySigner(name: "alice", trust: .key(alice.publicKey)), PolicySigner(name: "bob", trust: .key(bob.publicKey))]
        let rule = PolicyRule(number: 1, models: Glob(models), signers: ["alice", "bob"], threshold: threshold, maxAgeDays: maxAgeDays)
        return TrustPolicy(environment: "cloud", clearance: clearance, signers: signers, rules: [rule], sourcePath: "cloud.json")
    }

    func verify(_ manifest: ModelManifest, signedBy keys: [SigningKey], policy: TrustPolicy) throws -> VerificationReport {
        try verify(payload: ModelStatement.payload(for: manifest), signedBy: keys, policy: policy)
    }

    func verify(payload: [UInt8], signedBy keys: [SigningKey], policy: TrustPolicy) throws -> VerificationReport {
        try ModelVerifier.verifyClaims(of: bundle(payload, signedBy: keys), policy: policy, now: Self.now,
                                       modelPath: "resnet", bundlePath: "resnet/model.sig")
    }

    /// The claim checks a key-only policy runs, in order (the file checks run elsewhere).
    static let claimChecks: [CheckName] = [.bundle, .signature, .payload, .rule, .threshold, .classification, .expiry, .age]

    /// Every check before `failing` passed, `failing` failed with a reason holding
    /// `fragment`, and every later claim check is skipped; the report does not accept.
    func expectRejected(_ report: VerificationReport, by failing: CheckName, mentioning fragment: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        let position = Self.claimChecks.firstIndex(of: failing)!
        let expected = Self.claimChecks.enumerated().map { index, _ -> CheckOutcome in
            index < position ? .pass : index == position ? .fail : .skipped
        }
        #expect(report.checks.map(\.name) == Self.claimChecks, sourceLocation: sourceLocation)
        #expect(report.checks.map(\.outcome) == expected, sourceLocation: sourceLocation)
        #expect(!report.accepted, sourceLocation: sourceLocation)
        #expect(report.firstFailure?.name == failing, sourceLocation: sourceLocation)
        #expect(report.firstFailure?.reason.contains(fragment) == true, "\(report.firstFailure?.reason ?? "no failure")",
                sourceLocation: sourceLocation)
    }

    func expectAccepted(_ report: VerificationReport, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.checks.map(\.name) == Self.claimChecks, sourceLocation: sourceLocation)
        #expect(report.checks.allSatisfy { $0.outcome == .pass }, "\(report.firstFailure?.reason ?? "")", sourceLocation: sourceLocation)
        #expect(report.accepted, sourceLocation: sourceLocation)
    }

    // MARK: Signature and signers

    @Test func aTrustedSignaturePassesEveryClaimAndNamesItsSigner() throws {
        let report = try verify(manifest(), signedBy: [alice], policy: policy())
        expectAccepted(report)
        #expect(report.signerKeyIDs == [alice.publicKey.keyID])
        #expect(report.signers.first?.policySigners == ["alice"])
        #expect(report.manifest?.name == "resnet")
        let signature = try #require(report.checks.first { $0.name == .signature })
        guard case .signatures(let notes)? = signature.detail else { Issue.record("the signature check has no notes"); return }
        #expect(notes.map(\.status) == ["verified"] && notes.map(\.keyID) == [alice.publicKey.keyID] && notes[0].signers == ["alice"])
    }

    @Test func aSignatureByAnUntrustedKeyFailsTheSignatureCheck() throws {
        let report = try verify(manifest(), signedBy: [mallory], policy: policy())
        expectRejected(report, by: .signature, mentioning: "no signature in the bundle verifies with a signer that policy \"cloud\"")
        #expect(report.manifest == nil, "an unsigned claim was reported")
        #expect(report.signers.isEmpty)
        guard case .signatures(let notes)? = report.firstFailure?.detail else { Issue.record("no signature notes"); return }
        #expect(notes.map(\.status) == ["no trusted signer"] && notes[0].keyID == mallory.publicKey.keyID)
    }

    @Test func aSignatureOverOtherBytesFailsTheSignatureCheck() throws {
        let signed = try bundle(ModelStatement.payload(for: manifest()), signedBy: [alice])
        let other = ModelStatement.payload(for: try manifest(name: "resnet-evil"))
        let swapped = SignatureBundle(
            envelope: DSSEEnvelope(payloadType: DSSE.inTotoPayloadType, payload: other, signatures: signed.envelope.signatures),
            publicKeyHint: alice.publicKey.keyID)
        let report = try ModelVerifier.verifyClaims(of: swapped, policy: policy(), now: Self.now, modelPath: "m", bundlePath: "m.sig")
        expectRejected(report, by: .signature, mentioning: "no signature in the bundle verifies")
    }

    @Test func aSignedPayloadThatIsNotAStatementFailsThePayloadCheck() throws {
        let report = try verify(payload: Array(#"{"_type":"something else"}"#.utf8), signedBy: [alice], policy: policy())
        expectRejected(report, by: .payload, mentioning: "statement._type is not")
        #expect(report.manifest == nil)
    }

    /// The signed subject binds the name and the model digest to the file list: a
    /// statement whose subject says otherwise fails the payload check, signed or not.
    @Test func aSubjectThatDisagreesWithThePredicateFailsThePayloadCheck() throws {
        let manifest = try manifest()
        let payload = String(decoding: ModelStatement.payload(for: manifest), as: UTF8.self)
        let subjectName = try #require(payload.range(of: #""name":"resnet""#), "\(payload)")
        let renamed = payload.replacingCharacters(in: subjectName, with: #""name":"bert""#)
        #expect(renamed.contains(#""name":"resnet""#), "the predicate's name should be left as it was")
        expectRejected(try verify(payload: Array(renamed.utf8), signedBy: [alice], policy: policy()), by: .payload,
                       mentioning: "the subject name differs from the model name")
        #expect(payload.contains(manifest.modelDigest.hex))
        let redigested = payload.replacingOccurrences(of: manifest.modelDigest.hex, with: SHA256Hasher.digest([1]).hex)
        expectRejected(try verify(payload: Array(redigested.utf8), signedBy: [alice], policy: policy()), by: .payload,
                       mentioning: "does not match the digest of the signed file list")
    }

    // MARK: Policy

    @Test func aModelNoRuleMatchesFailsTheRuleCheck() throws {
        let report = try verify(manifest(name: "bert"), signedBy: [alice], policy: policy(models: "res*"))
        expectRejected(report, by: .rule, mentioning: "no rule of policy \"cloud\" matches model \"bert\"")
    }

    @Test func tooFewDistinctSignersFailTheThreshold() throws {
        let twoNeeded = policy(threshold: 2)
        expectRejected(try verify(manifest(), signedBy: [alice], policy: twoNeeded), by: .threshold, mentioning: "1 signed")
        // The same key twice is one signer, and a stranger counts for nobody.
        expectRejected(try verify(manifest(), signedBy: [alice, alice], policy: twoNeeded), by: .threshold, mentioning: "1 signed")
        expectRejected(try verify(manifest(), signedBy: [alice, mallory], policy: twoNeeded), by: .threshold, mentioning: "1 signed")
        let both = try verify(manifest(), signedBy: [alice, bob], policy: twoNeeded)
        expectAccepted(both)
        #expect(both.checks.first { $0.name == .threshold }?.reason.hasPrefix("2 of 2") == true)
    }

    @Test func aClassificationAboveTheClearanceFailsAndOneAtItPasses() throws {
        expectRejected(try verify(manifest(classification: .confidential), signedBy: [alice], policy: policy(clearance: .internal)),
                       by: .classification, mentioning: "the model is confidential, above the clearance internal")
        expectAccepted(try verify(manifest(classification: .internal), signedBy: [alice], policy: policy(clearance: .internal)))
        expectAccepted(try verify(manifest(classification: .restricted), signedBy: [alice], policy: policy(clearance: nil)))
    }

    // MARK: Time

    @Test func aSignatureExpiredAtOrBeforeNowFailsTheExpiryCheck() throws {
        expectRejected(try verify(manifest(expiresIn: 0), signedBy: [alice], policy: policy()), by: .expiry, mentioning: "expired at")
        expectRejected(try verify(manifest(expiresIn: -60), signedBy: [alice], policy: policy()), by: .expiry, mentioning: "expired at")
        expectAccepted(try verify(manifest(expiresIn: 1), signedBy: [alice], policy: policy()))
    }

    @Test func aSignatureFromTheFutureFailsTheAgeCheckBeyondTheAllowedSkew() throws {
        let skew = ModelVerifier.allowedClockSkew
        expectRejected(try verify(manifest(age: -(skew + 1)), signedBy: [alice], policy: policy()), by: .age, mentioning: "in the future")
        expectAccepted(try verify(manifest(age: -skew), signedBy: [alice], policy: policy()))
    }

    @Test func aSignatureOlderThanTheRuleAllowsFailsTheAgeCheck() throws {
        let thirtyDays = policy(maxAgeDays: 30)
        expectRejected(try verify(manifest(age: 30 * Self.day + 1), signedBy: [alice], policy: thirtyDays), by: .age,
                       mentioning: "accepts signatures up to 30 day(s) old")
        expectAccepted(try verify(manifest(age: 30 * Self.day), signedBy: [alice], policy: thirtyDays))
        // Without a maximum age only the future check applies.
        expectAccepted(try verify(manifest(age: 3000 * Self.day), signedBy: [alice], policy: policy()))
    }

    // MARK: The ad-hoc policy of `verify --key`

    @Test func theKeyPolicyAcceptsAnyModelByAnyOfItsKeysAndNothingElse() throws {
        let keys = TrustPolicy.adHoc(keys: [alice.publicKey, bob.publicKey])
        expectAccepted(try verify(manifest(name: "anything", classification: .restricted, age: 3000 * Self.day), signedBy: [bob], policy: keys))
        expectRejected(try verify(manifest(), signedBy: [mallory], policy: keys), by: .signature,
                       mentioning: "the given key(s) \(alice.publicKey.keyID), \(bob.publicKey.keyID)")
    }
}
