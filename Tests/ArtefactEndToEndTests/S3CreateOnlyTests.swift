import Foundation
import Testing

/// A push never overwrites: a prefix that holds another model, or anything that is not
/// this model's, is refused by name before a byte is written (exit 1), and what is there
/// is left as it was.
@Suite struct S3CreateOnlyTests {
    @Test func aPrefixHoldingAnotherModelIsRefusedAndLeftUnchanged() throws {
        let fixture = try S3Fixture()
        let world = fixture.world
        let (_, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        let before = try fixture.objectBytes()

        // Another version of the model, over other weights, pushed to the same prefix.
        let other = try world.signedModel("other", name: "resnet", version: "2.0.0", weightBytes: 80 * 1024)
        try world.transferAccepted(other, source)
        let refused = try fixture.push(source, "resnet@2.0.0")
        expectRejected(refused, check: "occupied", mentioning: [fixture.server.location(S3Fixture.prefix), "holds a different model"])
        #expect(try fixture.objectBytes() == before)
        let entry = try #require(try world.auditEntries(source).last)
        #expect(entry["result"] as? String == "rejected")
    }

    @Test func anObjectThatIsNotOneOfTheModelsFilesIsRefusedByNameAndNothingIsWritten() throws {
        let fixture = try S3Fixture()
        let (_, source) = try fixture.storedModel()
        try fixture.server.putObject("\(S3Fixture.prefix)/notes.txt", Data("left here\n".utf8), scratch: fixture.world.scratch)
        let refused = try fixture.push(source, "resnet@1.0.0")
        expectRejected(refused, check: "occupied", mentioning: ["\(S3Fixture.prefix)/notes.txt"])
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/") == ["\(S3Fixture.prefix)/notes.txt": 10])
    }

    @Test func anIncompletePushOfTheSameModelIsFinished() throws {
        let fixture = try S3Fixture()
        let (model, source) = try fixture.storedModel()
        try fixture.pushAccepted(source, "resnet@1.0.0")
        // As a push killed before its bundle would leave it: the files without model.sig.
        try fixture.server.deleteObject("\(S3Fixture.prefix)/model.sig")
        try fixture.server.deleteObject("\(S3Fixture.prefix)/config.json")
        let finished = try fixture.pushAccepted(source, "resnet@1.0.0")
        #expect(finished["alreadyPresent"] as? Bool == false)
        #expect(try #require(integer(finished["filesReused"])) >= 3)
        #expect(try fixture.server.objects(under: S3Fixture.prefix + "/") == fixture.expectedObjects(of: model))
        expectAccepted(try fixture.verify())
    }

    /// artefact no longer signs a root `model.sig` as a model file, but a bundle from an
    /// earlier version (made here by hand, signed by the trusted signer) may list one.
    @Test func aModelWithAFileWhereTheBundleGoesIsRefusedBeforeAnythingIsSent() throws {
        let fixture = try S3Fixture()
        let world = fixture.world
        let (model, bundle) = try world.olderOutsideBundleModel("odd", files: [("config.json", "{}"),
                                                                              ("model.sig", "a file of the model, not its bundle\n")])
        let source = try world.makeStore("source")
        try world.transferAccepted(model, source, ["--signature", bundle])
        expectBadInput(try fixture.push(source, "odd@1.0.0"), mentioning: ["model.sig", "cannot be pushed to object storage"])
        #expect(try fixture.server.objects(under: "").isEmpty)
    }
}
