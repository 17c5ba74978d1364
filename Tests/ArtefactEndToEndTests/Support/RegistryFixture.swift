import Foundation
import Testing

/// One test's world for the registry tests: a `StoreFixture` (signer, audit key, stores),
/// a TLS PKI and a running registry that trusts it. Pushes and pulls run the real binary
/// with the PKI's CA and client certificate unless a test says otherwise.
final class RegistryFixture: CrossingFixture {
    let world: StoreFixture
    let pki: RegistryPKI
    let registry: RegistryServer

    convenience init(authentication: RegistryServer.Authentication = .none) throws {
        let world = try StoreFixture()
        try self.init(world: world, pki: try RegistryPKI(in: world.scratch), authentication: authentication)
    }

    /// A registry for `pki` in `world`, for tests that need the PKI before the registry.
    init(world: StoreFixture, pki: RegistryPKI, authentication: RegistryServer.Authentication) throws {
        self.world = world
        self.pki = pki
        registry = try RegistryServer(pki: pki, authentication: authentication, in: world.scratch)
    }

    /// `--tls-ca --tls-cert --tls-key` for this PKI.
    var tlsArguments: [String] {
        ["--tls-ca", pki.ca, "--tls-cert", pki.client.certificate, "--tls-key", pki.client.key]
    }

    func path(_ relative: String) -> String { world.path(relative) }

    /// Signs the small model `name@version` (StoreFixture.signedModel), creates the store
    /// `store` under a policy trusting the signer, and transfers the model in. Returns the
    /// model directory and the store.
    func storedModel(name: String = "resnet", version: String = "1.0.0", store: String = "source", signArguments: [String] = [],
                     policy: String? = nil, prepare: (String) throws -> Void = { _ in }) throws -> (model: String, store: String) {
        let model = try world.signedModel("model-\(name)-\(version)", name: name, version: version, signArguments: signArguments,
                                          prepare: prepare)
        let source = try world.makeStore(store, policy: policy)
        try world.transferAccepted(model, source)
        return (model, source)
    }

    /// `transfer STORE oci://REGISTRY/REPOSITORY --model LABEL` with the TLS options (or `tls`).
    @discardableResult
    func push(_ store: String, _ label: String, to repository: String = "ml/resnet", via reference: String? = nil,
              tls: [String]? = nil, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CLIResult {
        try world.transfer(store, reference ?? registry.reference(repository), ["--model", label] + (tls ?? tlsArguments) + extra,
                           environment: environment)
    }

    /// `transfer oci://REGISTRY/REPOSITORY:TAG STORE` (or `transfer REFERENCE STORE`) with the
    /// TLS options (or `tls`).
    @discardableResult
    func pull(_ repository: String = "ml/resnet", tag: String = "1.0.0", via reference: String? = nil, into store: String,
              tls: [String]? = nil, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CLIResult {
        try world.transfer(reference ?? registry.reference(repository, tag: tag), store, (tls ?? tlsArguments) + extra,
                           environment: environment)
    }

    /// A push that must be accepted, with `--json`: the parsed outcome.
    @discardableResult
    func pushAccepted(_ store: String, _ label: String, to repository: String = "ml/resnet", via reference: String? = nil,
                      tls: [String]? = nil, _ extra: [String] = [], environment: [String: String] = [:],
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try accepted(try push(store, label, to: repository, via: reference, tls: tls, extra + ["--json"], environment: environment),
                     sourceLocation: sourceLocation)
    }

    /// A pull that must be accepted, with `--json`: the parsed outcome.
    @discardableResult
    func pullAccepted(_ repository: String = "ml/resnet", tag: String = "1.0.0", via reference: String? = nil, into store: String,
                      tls: [String]? = nil, _ extra: [String] = [], environment: [String: String] = [:],
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try accepted(try pull(repository, tag: tag, via: reference, into: store, tls: tls, extra + ["--json"], environment: environment),
                     sourceLocation: sourceLocation)
    }
}

/// Expects an operational failure: exit 3 and an error line holding every fragment.
func expectOperationalFailure(_ result: CLIResult, mentioning fragments: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 3, "exit \(result.status); stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.errorLine.hasPrefix("artefact: error: "), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(result.errorLine.contains(fragment), "\"\(fragment)\" is not in: \(result.errorLine)", sourceLocation: sourceLocation)
    }
}

/// Writes a `size`-byte file quickly: 1 MiB of SplitMix64 bytes from `seed`, repeated with
/// the block's index stamped into its first eight bytes, so no two blocks are alike and a
/// resume at a wrong offset cannot go unnoticed.
func writeLargeFile(_ path: String, size: Int, seed: UInt64) throws {
    let blockSize = 1 << 20
    var generator = SplitMix64(seed: seed)
    var block = [UInt8](repeating: 0, count: blockSize)
    for index in stride(from: 0, to: blockSize, by: 8) {
        withUnsafeBytes(of: generator.next()) { block.replaceSubrange(index..<index + 8, with: $0) }
    }
    guard FileManager.default.createFile(atPath: path, contents: nil) else { throw FixtureError("cannot create \(path)") }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var written = 0
    var number: UInt64 = 0
    while written < size {
        withUnsafeBytes(of: number.littleEndian) { block.replaceSubrange(0..<8, with: $0) }
        let count = min(blockSize, size - written)
        try handle.write(contentsOf: block[0..<count])
        written += count
        number += 1
    }
}
