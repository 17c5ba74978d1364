import Foundation
import Testing

/// One test's world for the object storage tests: a `StoreFixture` (signer, audit key,
/// stores), a TLS PKI and a SeaweedFS server that trusts it. Every `artefact` run gets the
/// server's `environment` (endpoint, region, keys, CA and client certificate) with the
/// test's changes on top, and a HOME of its own so no shared credentials file leaks in.
final class S3Fixture {
    let world: StoreFixture
    let pki: RegistryPKI
    let server: SeaweedServer

    init(mutualTLS: Bool = true) throws {
        world = try StoreFixture()
        pki = try RegistryPKI(in: world.scratch)
        server = try SeaweedServer(pki: pki, mutualTLS: mutualTLS, in: world.scratch)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { world.path(relative) }

    /// An empty home directory: no ~/.aws/credentials.
    var home: String { path("home") }

    /// The server's environment with `changes` on top; a nil value removes the variable.
    func environment(_ changes: [String: String?] = [:]) -> [String: String] {
        var variables = server.environment
        variables["HOME"] = home
        for (name, value) in changes { variables[name] = value }
        return variables
    }

    /// Signs the small model `name@version` (`StoreFixture.signedModel`, which gives it a
    /// symlink), creates the store `store` trusting the signer, and transfers the model in.
    func storedModel(name: String = "resnet", version: String = "1.0.0", store: String = "source", weightBytes: Int = 64 * 1024)
        throws -> (model: String, store: String) {
        let model = try world.signedModel("model-\(name)-\(version)", name: name, version: version, weightBytes: weightBytes)
        let source = try world.makeStore(store)
        try world.transferAccepted(model, source)
        return (model, source)
    }

    /// `transfer STORE s3://BUCKET/PREFIX --model LABEL`.
    @discardableResult
    func push(_ store: String, _ label: String, to prefix: String = "resnet/1.0.0", _ extra: [String] = [],
              environment changes: [String: String?] = [:]) throws -> CLIResult {
        try world.transfer(store, server.location(prefix), ["--model", label] + extra, environment: environment(changes))
    }

    /// `transfer s3://BUCKET/PREFIX STORE`.
    @discardableResult
    func pull(_ prefix: String = "resnet/1.0.0", into store: String, _ extra: [String] = [],
              environment changes: [String: String?] = [:]) throws -> CLIResult {
        try world.transfer(server.location(prefix), store, extra, environment: environment(changes))
    }

    /// `verify s3://BUCKET/PREFIX --key SIGNER.pub`.
    @discardableResult
    func verify(_ extra: [String] = [], at prefix: String = "resnet/1.0.0", environment changes: [String: String?] = [:]) throws -> CLIResult {
        try world.run(["verify", server.location(prefix), "--key", world.signer.publicKey] + extra, environment: environment(changes))
    }

    /// A push that must be accepted, with `--json`: the parsed outcome.
    @discardableResult
    func pushAccepted(_ store: String, _ label: String, to prefix: String = "resnet/1.0.0", _ extra: [String] = [],
                      environment changes: [String: String?] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try push(store, label, to: prefix, extra + ["--json"], environment: changes)
        try #require(result.status == 0, "push: exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        let outcome = try jsonObject(result.stdout, sourceLocation: sourceLocation)
        #expect(outcome["accepted"] as? Bool == true, sourceLocation: sourceLocation)
        return outcome
    }

    /// Uploads a signed model directory in the bucket layout with boto3, as another tool
    /// would: every regular file as PREFIX/<path>, the bundle as PREFIX/model.sig, no
    /// object for a symlink (the bundle records it).
    func uploadWithBoto3(_ model: String, to prefix: String) throws {
        try server.s3Tool(["put-tree", model, server.bucket, prefix])
    }

    /// The regular files of `model` (the bundle included) by relative path, with their sizes:
    /// what a push must leave under the prefix, and nothing else.
    func expectedObjects(of model: String, under prefix: String) throws -> [String: Int] {
        var sizes: [String: Int] = [:]
        for relative in listing(model) {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(model)/\(relative)")
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            sizes["\(prefix)/\(relative)"] = (attributes[.size] as? NSNumber)?.intValue ?? -1
        }
        return sizes
    }
}
