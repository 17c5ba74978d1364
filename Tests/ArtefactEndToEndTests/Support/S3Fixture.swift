import Foundation
import Testing

/// One test's world for the S3 endpoint tests: a `StoreFixture` (signer, audit key,
/// stores), a TLS PKI and a real SeaweedFS (`SeaweedServer`) over mutual TLS. Every
/// command runs the real binary with the server's environment (AWS_* and ARTEFACT_TLS_*).
final class S3Fixture: CrossingFixture {
    let world: StoreFixture
    let pki: RegistryPKI
    let server: SeaweedServer
    /// The prefix tests push to unless they name another.
    static let prefix = "resnet/1.0.0"
    /// Test knobs that make multipart uploads of small files: files of 6 MiB and more go up
    /// in parts of 5 MiB, the smallest S3 (and SeaweedFS) accepts.
    static let multipart = ["ARTEFACT_S3_MULTIPART_THRESHOLD": "6291456", "ARTEFACT_S3_PART_SIZE": "5242880"]
    static let partSize: Int64 = 5 << 20

    init() throws {
        world = try StoreFixture()
        pki = try RegistryPKI(in: world.scratch)
        server = try SeaweedServer(pki: pki, in: world.scratch)
    }

    func path(_ relative: String) -> String { world.path(relative) }

    /// Signs `name@version` (with `weightBytes` of weights, a symlink and an empty file),
    /// creates the store `store` trusting the signer and transfers the model in.
    func storedModel(name: String = "resnet", version: String = "1.0.0", store: String = "source", weightBytes: Int = 64 * 1024,
                     prepare: (String) throws -> Void = { _ in }) throws -> (model: String, store: String) {
        let model = try world.signedModel("model-\(name)-\(version)", name: name, version: version, weightBytes: weightBytes,
                                          prepare: prepare)
        let source = try world.makeStore(store)
        try world.transferAccepted(model, source)
        return (model, source)
    }

    /// `artefact ARGUMENTS` with the server's environment plus `environment`.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        try world.run(arguments, environment: server.environment.merging(environment) { _, new in new })
    }

    /// `transfer STORE s3://BUCKET/PREFIX --model LABEL`.
    @discardableResult
    func push(_ store: String, _ label: String, prefix: String = S3Fixture.prefix, _ extra: [String] = [],
              environment: [String: String] = [:]) throws -> CLIResult {
        try run(["transfer", store, server.location(prefix), "--model", label] + extra, environment: environment)
    }

    /// `transfer s3://BUCKET/PREFIX STORE`.
    @discardableResult
    func pull(prefix: String = S3Fixture.prefix, into store: String, _ extra: [String] = [],
              environment: [String: String] = [:]) throws -> CLIResult {
        try run(["transfer", server.location(prefix), store] + extra, environment: environment)
    }

    /// `verify s3://BUCKET/PREFIX --key SIGNER`.
    @discardableResult
    func verify(prefix: String = S3Fixture.prefix, _ extra: [String] = []) throws -> CLIResult {
        try run(["verify", server.location(prefix), "--key", world.signer.publicKey] + extra)
    }

    @discardableResult
    func pushAccepted(_ store: String, _ label: String, prefix: String = S3Fixture.prefix, _ extra: [String] = [],
                      environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try accepted(try push(store, label, prefix: prefix, extra + ["--json"], environment: environment), sourceLocation: sourceLocation)
    }

    @discardableResult
    func pullAccepted(prefix: String = S3Fixture.prefix, into store: String, _ extra: [String] = [],
                      environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try accepted(try pull(prefix: prefix, into: store, extra + ["--json"], environment: environment), sourceLocation: sourceLocation)
    }

    /// The objects `model` (a signed model directory) should become under `prefix`: every
    /// regular file at its size, and the bundle; no symlink is an object.
    func expectedObjects(of model: String, prefix: String = S3Fixture.prefix) throws -> [String: Int] {
        var objects: [String: Int] = [:]
        for relative in listing(model) {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(model)/\(relative)")
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            objects["\(prefix)/\(relative)"] = (attributes[.size] as? NSNumber)?.intValue
        }
        return objects
    }

    /// Every object's bytes under `prefix`, by key, read with boto3.
    func objectBytes(under prefix: String = S3Fixture.prefix) throws -> [String: Data] {
        var bytes: [String: Data] = [:]
        for key in try server.objects(under: prefix + "/").keys { bytes[key] = try server.object(key, scratch: world.scratch) }
        return bytes
    }
}
