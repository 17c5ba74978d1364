import Foundation

/// Edits made to a signed model the way an attacker or an accident would make them.
extension SignedFixture {
    /// Signs a model that `prepare` has changed first (it gets the scratch space and the
    /// model's path relative to it). Sign runs in the scratch directory, so relative paths
    /// in `signArguments` are relative to it.
    static func make(signArguments: [String] = [], preparing prepare: (Scratch, String) throws -> Void) throws -> SignedFixture {
        let scratch = try Scratch()
        let keys = try KeyPair.generate(in: scratch)
        let model = try scratch.makeModel()
        try prepare(scratch, "model")
        let result = try CLI.run(["sign", model, "--key", keys.privateKey] + signArguments, environment: KeyPair.environment,
                                 directory: scratch.url)
        guard result.status == 0 else { throw FixtureError("sign failed: \(result.stderr)") }
        return SignedFixture(scratch: scratch, model: model, keys: keys)
    }

    /// The absolute path of `relative` inside the model.
    func file(_ relative: String) -> String { "\(model)/\(relative)" }

    var bundlePath: String { file("model.sig") }

    func write(_ relative: String, _ data: Data) throws { try data.write(to: URL(fileURLWithPath: file(relative))) }

    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    func read(_ relative: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: file(relative))) }

    func remove(_ relative: String) throws { try FileManager.default.removeItem(atPath: file(relative)) }

    func move(_ relative: String, to destination: String) throws {
        try FileManager.default.moveItem(atPath: file(relative), toPath: file(destination))
    }

    func link(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: file(relative), withDestinationPath: target)
    }
}

/// A signature bundle opened as plain JSON, to be edited and written back.
struct EditableBundle {
    let path: String
    var document: [String: Any]

    init(path: String) throws {
        self.path = path
        let value = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        guard let document = value as? [String: Any] else { throw FixtureError("\(path) is not a JSON object") }
        self.document = document
    }

    var envelope: [String: Any] {
        get { document["dsseEnvelope"] as? [String: Any] ?? [:] }
        set { document["dsseEnvelope"] = newValue }
    }

    /// The decoded in-toto Statement.
    var statement: [String: Any] {
        get throws {
            guard let text = envelope["payload"] as? String, let bytes = Data(base64Encoded: text),
                  let statement = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
            else { throw FixtureError("the payload is not base64 JSON") }
            return statement
        }
    }

    mutating func setStatement(_ statement: [String: Any]) throws {
        let bytes = try JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes])
        envelope["payload"] = bytes.base64EncodedString()
    }

    /// The first signature's bytes.
    var signature: Data {
        get {
            let signatures = envelope["signatures"] as? [[String: Any]] ?? []
            return signatures.first.flatMap { ($0["sig"] as? String).flatMap { Data(base64Encoded: $0) } } ?? Data()
        }
        set {
            var signatures = envelope["signatures"] as? [[String: Any]] ?? []
            signatures[0]["sig"] = newValue.base64EncodedString()
            envelope["signatures"] = signatures
        }
    }

    func write() throws {
        try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: path))
    }
}
