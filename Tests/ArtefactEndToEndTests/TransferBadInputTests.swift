import Foundation
import Testing

/// Transfers and stores that cannot make sense are refused as bad input (exit 2) with a
/// message saying why, before anything is written.
@Suite struct TransferBadInputTests {
    @Test func aRegularFileIsNotADestination() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        try world.scratch.write("target.bin", "keep me")
        expectBadInput(try world.transfer(model, world.path("target.bin")),
                       mentioning: ["is a file; the destination must be a store or a new or empty directory"])
        #expect(try world.scratch.read("target.bin") == Data("keep me".utf8))
    }

    @Test func aNonEmptyDirectoryThatIsNotAStoreIsNotADestination() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try world.signedModel("model", name: "resnet", version: "1.0.0"), store)
        try world.scratch.write("occupied/notes.txt", "keep me")
        expectBadInput(try world.transfer(store, world.path("occupied"), ["--model", "resnet"]),
                       mentioning: ["is a non-empty directory and not a store"])
        #expect(listing(world.path("occupied")) == ["notes.txt"])
    }

    @Test func aStoreIsNotCreatedInANonEmptyDirectory() throws {
        let world = try StoreFixture()
        try world.scratch.write("occupied/notes.txt", "keep me")
        let policy = try world.writePolicy(environment: "prod")
        expectBadInput(try world.run(["store", "init", world.path("occupied"), "--environment", "prod", "--policy", policy]),
                       mentioning: ["is not empty"])
        #expect(listing(world.path("occupied")) == ["notes.txt"])
    }

    @Test func aStoreIsNotCreatedUnderAnotherEnvironmentsPolicy() throws {
        let world = try StoreFixture()
        let policy = try world.writePolicy(environment: "cloud")
        expectBadInput(try world.run(["store", "init", world.path("store"), "--environment", "onprem", "--policy", policy]),
                       mentioning: ["is for environment \"cloud\", not \"onprem\""])
        #expect(!world.scratch.exists("store"))
    }

    @Test func aStoreSourceNeedsAModelName() throws {
        let world = try StoreFixture()
        let source = try world.makeStore("source")
        let destination = try world.makeStore("destination")
        expectBadInput(try world.transfer(source, destination), mentioning: ["is a store: name the model with --model"])
        #expect(try world.auditEntries(destination).count == 1)
    }

    @Test func aDirectoryCannotBeExportedStraightToADirectory() throws {
        let world = try StoreFixture()
        let model = try world.signedModel("model", name: "resnet", version: "1.0.0")
        expectBadInput(try world.transfer(model, world.path("served")), mentioning: ["needs a store as the source"])
        #expect(!world.scratch.exists("served"))
    }

    @Test func aModelTheStoreDoesNotHoldIsBadInput() throws {
        let world = try StoreFixture()
        let source = try world.makeStore("source")
        let destination = try world.makeStore("destination")
        expectBadInput(try world.transfer(source, destination, ["--model", "ghost@1.0.0"]), mentioning: ["has no ghost@1.0.0"])
        #expect(try world.labels(destination).isEmpty)
    }

    @Test func aStoreCannotBeItsOwnDestination() throws {
        let world = try StoreFixture()
        let store = try world.makeStore("store")
        try world.transferAccepted(try world.signedModel("model", name: "resnet", version: "1.0.0"), store)
        let entries = try world.auditEntries(store).count
        try FileManager.default.createSymbolicLink(atPath: world.path("alias"), withDestinationPath: store)
        // However it is spelt: the same path, a dot path, a symlink.
        for spelling in [store, "\(store)/.", world.path("alias")] {
            expectBadInput(try world.transfer(store, spelling, ["--model", "resnet"]), mentioning: ["the same store"])
        }
        #expect(try world.auditEntries(store).count == entries, "a crossing from a store into itself was logged")
    }

    @Test func aDirectoryThatIsNotAStoreIsNotListed() throws {
        let world = try StoreFixture()
        try world.scratch.write("plain/file.txt", "x")
        for subcommand in ["list", "verify", "gc"] {
            expectBadInput(try world.run(["store", subcommand, world.path("plain")]), mentioning: ["is not an artefact store"])
        }
        expectBadInput(try world.run(["audit", "verify", world.path("plain")]), mentioning: ["is not an artefact store"])
    }
}
