import Foundation
import Testing

/// The three crossings that work: a signed directory into a store, a store into another
/// store (verified again under the second store's policy), and a store out to a plain
/// directory that `artefact verify` accepts. Content must survive byte for byte.
@Suite struct StoreTransferTests {
    @Test func aModelCrossesIntoAStoreOnIntoAnotherAndOutToADirectoryUnchanged() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.2.0", weightBytes: 512 * 1024)
        let lab = try world.makeStore("lab", environment: "lab")
        let prod = try world.makeStore("prod", environment: "prod")

        let into = try world.transferAccepted(model, lab)
        #expect(into["reason"] as? String == "published resnet@1.2.0")
        let total = try world.signedBytes(of: model)
        #expect(integer(into["bytesCopied"]) == total)
        #expect(try world.labels(lab) == ["resnet@1.2.0"])

        let across = try world.transferAccepted(lab, prod, ["--model", "resnet@1.2.0"])
        #expect(try world.labels(prod) == ["resnet@1.2.0"])
        #expect(try world.listedDigest(prod, "resnet@1.2.0") == world.listedDigest(lab, "resnet@1.2.0"))
        #expect(integer(across["bytesCopied"]) == total)

        let export = world.path("served")
        let out = try world.transferAccepted(prod, export, ["--model", "resnet"])
        #expect(out["exportedBundle"] as? String == "\(export)/model.sig")
        // Every file, the symlink and the bundle, exactly as signed.
        try expectSameTree(export, as: model)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: "\(export)/latest.json")
        #expect(link == "config.json")
        expectAccepted(try world.run(["verify", export, "--key", world.signer.publicKey]))

        for store in [lab, prod] {
            let (status, report) = try world.verifyStore(store)
            #expect(status == 0)
            #expect(report["clean"] as? Bool == true)
            expectAccepted(try world.run(["audit", "verify", store]))
        }
    }

    @Test func anExportFillsAnExistingEmptyDirectory() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)
        let export = world.path("mounted/served")
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)

        try world.transferAccepted(store, export, ["--model", "resnet@1.0.0"])
        try expectSameTree(export, as: model)
        #expect(listing(world.path("mounted")).allSatisfy { $0 == "served" || $0.hasPrefix("served/") },
                "left beside the export: \(listing(world.path("mounted")))")
        let entry = try #require(try world.auditEntries(store).last)
        #expect(entry["action"] as? String == "export")
        #expect(entry["result"] as? String == "accepted")
    }

    @Test func bothStoresLogACrossingUnderOneTransferID() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "bert", version: "3.0.0")
        let edge = try world.makeStore("edge", environment: "edge")
        let cloud = try world.makeStore("cloud", environment: "cloud")
        try world.transferAccepted(model, cloud)
        let outcome = try world.transferAccepted(cloud, edge, ["--model", "bert"])
        let id = try #require(outcome["transferId"] as? String)

        let outgoing = try #require(try world.auditEntries(cloud).last)
        let incoming = try #require(try world.auditEntries(edge).last)
        for (entry, action) in [(outgoing, "transfer-out"), (incoming, "transfer-in")] {
            #expect(entry["action"] as? String == action)
            #expect(entry["result"] as? String == "accepted")
            #expect(entry["transferId"] as? String == id)
            let model = try #require(entry["model"] as? [String: Any])
            #expect(model["name"] as? String == "bert")
            #expect(model["version"] as? String == "3.0.0")
            #expect((entry["source"] as? [String: Any])?["environment"] as? String == "cloud")
            #expect((entry["destination"] as? [String: Any])?["environment"] as? String == "edge")
            #expect((entry["signers"] as? [String])?.count == 1)
        }
    }

    @Test func theSameVersionAgainIsAcceptedWithoutCopying() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "bert", version: "1.0.0")
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store)
        let blobs = world.blobNames(store)

        let again = try world.transferAccepted(model, store)
        #expect(again["alreadyPresent"] as? Bool == true)
        #expect(integer(again["bytesCopied"]) == 0)
        #expect(world.blobNames(store) == blobs)
        #expect(try world.labels(store) == ["bert@1.0.0"])
        #expect(try world.auditEntries(store).last?["reason"] as? String == "already present with the same digest")
    }

    @Test func withoutAVersionTheStoreSendsItsHighest() throws {
        let world = try StoreFixture()
        let source = try world.makeStore("source")
        let destination = try world.makeStore("destination")
        for version in ["1.9.0", "1.10.0"] {
            let model = try world.signedModel("model-\(version)", name: "gpt", version: version) { model in
                try world.overwrite("config.json", in: model, with: #"{"version":"\#(version)"}"#)
            }
            try world.transferAccepted(model, source)
        }
        let outcome = try world.transferAccepted(source, destination, ["--model", "gpt"])
        #expect((outcome["model"] as? [String: Any])?["version"] as? String == "1.10.0")
        #expect(try world.labels(destination) == ["gpt@1.10.0"])
    }

    @Test func aDirectoryWhoseSignedNameIsNotTheOneAskedForIsRejected() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "bert", version: "1.0.0")
        let store = try world.makeStore("store")
        let result = try world.transfer(model, store, ["--model", "gpt"])
        expectRejected(result, check: "model", mentioning: ["the signed model is bert, not gpt"])
        #expect(try world.labels(store).isEmpty)
    }

    /// A model signed with its bundle outside the directory still leaves out the root
    /// model.sig (FORMAT.md, "Ignore patterns"), so an export puts the bundle where verify
    /// looks for it, inside the exported directory.
    @Test func anExportOfAModelSignedWithAnOutsideBundlePutsTheBundleInside() throws {
        let world = try StoreFixture()
        let outside = world.path("resnet.sig")
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0", signArguments: ["--signature", outside])
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store, ["--signature", outside])
        let exported = world.path("served")
        let outcome = try world.transferAccepted(store, exported, ["--model", "resnet"])
        #expect(outcome["exportedBundle"] as? String == exported + "/model.sig")
        #expect(!FileManager.default.fileExists(atPath: exported + ".sig"))
        expectAccepted(try world.run(["verify", exported, "--key", world.signer.publicKey]))
    }

    /// A bundle whose signed ignore list does not leave out the root model.sig (an earlier
    /// artefact's, with --signature elsewhere; made here by hand) has no signed place for a
    /// bundle inside, so an export puts the bundle beside the exported directory.
    @Test func anExportOfAnOlderOutsideBundlePutsTheBundleBesideIt() throws {
        let world = try StoreFixture()
        let (model, outside) = try world.olderOutsideBundleModel()
        let store = try world.makeStore("store")
        try world.transferAccepted(model, store, ["--signature", outside])
        let exported = world.path("served")
        let outcome = try world.transferAccepted(store, exported, ["--model", "resnet"])
        #expect(outcome["exportedBundle"] as? String == exported + ".sig")
        #expect(!FileManager.default.fileExists(atPath: exported + "/model.sig"))
        expectAccepted(try world.run(["verify", exported, "--key", world.signer.publicKey, "--signature", exported + ".sig"]))
    }
}
