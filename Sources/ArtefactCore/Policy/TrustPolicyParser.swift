/// Reads a policy file strictly: duplicate keys, unknown fields, missing files and unknown
/// signer names are bad input (exit 2), each named in the message. Paths inside the
/// policy are relative to the policy file; every file read is remembered in
/// `referencedFiles`.
public enum TrustPolicyParser {
    public static let maximumSize = 4 << 20

    public static func read(path: String) throws -> TrustPolicy {
        guard FileSystem.exists(path) else { throw ArtefactError.badInput("policy \(path) does not exist") }
        return try parse(FileSystem.readFile(path, limit: maximumSize), path: path)
    }

    /// Parses the bytes of the policy file at `path`; the files it names are read relative
    /// to `path`'s directory. `read(path:)` is the usual way in; this one lets the parser
    /// be driven without the file (the fuzz harness does).
    public static func parse(_ bytes: [UInt8], path: String) throws -> TrustPolicy {
        let failure = { @Sendable (message: String) in ArtefactError.badInput("policy \(path): \(message)") }
        let document = try StrictJSONParser.parse(bytes, failure: failure)
        let directory = FileSystem.directoryName(path)
        var reader = try JSONObjectReader(document, context: "policy", failure: failure)
        let environment = try reader.string("environment")
        guard !environment.isEmpty else { throw failure("policy.environment is empty") }
        let clearanceText = try reader.string("clearance")
        guard let clearance = Classification(rawValue: clearanceText) else {
            throw failure("policy.clearance \"\(clearanceText)\" is not one of \(Classification.namesInOrder)")
        }
        guard case .object(let signerMembers) = try reader.requiredValue("signers"), !signerMembers.isEmpty else {
            throw failure("policy.signers must be a non-empty object of named signers")
        }
        var files = PolicyFiles(directory: directory, failure: failure)
        let signers = try signerMembers.map { name, value in
            try signer(named: name, value, files: &files, failure: failure)
        }
        let ruleValues = try reader.array("rules")
        guard !ruleValues.isEmpty else { throw failure("policy.rules is empty: with no rule, every model would be rejected") }
        let known = Set(signers.map(\.name))
        let rules = try ruleValues.enumerated().map { index, value in
            try rule(value, number: index + 1, knownSigners: known, failure: failure)
        }
        let downgradable = try reader.optionalArray("allow_downgrade") == nil ? [] : try reader.stringArray("allow_downgrade")
        let auditKey = try reader.optionalString("audit_key").map { relative in
            let full = try files.resolve(relative, context: "policy.audit_key")
            return AnchoredAuditKey(key: try PublicKey.read(path: full), origin: .policy(policy: path, keyFile: full))
        }
        try reader.rejectUnknownMembers()
        return TrustPolicy(environment: environment, clearance: clearance, signers: signers, rules: rules, sourcePath: path,
                           downgradableModels: downgradable, auditKey: auditKey, referencedFiles: files.read)
    }

    /// Resolves the paths a policy names against its directory, and remembers each one.
    private struct PolicyFiles {
        let directory: String
        let failure: @Sendable (String) -> ArtefactError
        var read: [String] = []

        mutating func resolve(_ relative: String, context: String) throws -> String {
            let full = relative.hasPrefix("/") ? relative : "\(directory)/\(relative)"
            guard FileSystem.exists(full) else { throw failure("\(context) names \(relative), which does not exist") }
            read.append(full)
            return full
        }
    }

    private static func signer(named name: String, _ value: JSONValue, files: inout PolicyFiles,
                               failure: @escaping @Sendable (String) -> ArtefactError) throws -> PolicySigner {
        var reader = try JSONObjectReader(value, context: "policy.signers.\(name)", failure: failure)
        let keyPath = try reader.optionalString("key")
        let caPaths = try pathList(&reader, "ca")
        let crlPaths = try pathList(&reader, "crl")
        let identity = try reader.optionalString("identity")
        try reader.rejectUnknownMembers()
        let context = reader.context
        func resolve(_ relative: String) throws -> String { try files.resolve(relative, context: context) }
        switch (keyPath, caPaths) {
        case let (keyPath?, nil):
            guard crlPaths == nil, identity == nil else {
                throw failure("\(reader.context) is a key signer; \"crl\" and \"identity\" belong to \"ca\" signers")
            }
            switch try AnyPublicKey.read(path: resolve(keyPath)) {
            case .ed25519(let key): return PolicySigner(name: name, trust: .key(key))
            case .ecdsa(let key): return PolicySigner(name: name, trust: .ecKey(key))
            }
        case let (nil, caPaths?):
            let roots = try caPaths.flatMap { try Certificate.read(path: resolve($0)) }
            let lists = try crlPaths.map { try $0.flatMap { try RevocationList.read(path: resolve($0)) } }
            return PolicySigner(name: name, trust: .authority(CertificateAuthority(roots: roots, revocationLists: lists),
                                                              identity: identity.map(Glob.init)))
        default:
            throw failure("\(reader.context) must have exactly one of \"key\" or \"ca\"")
        }
    }

    /// A field that holds one path or a list of paths.
    private static func pathList(_ reader: inout JSONObjectReader, _ key: String) throws -> [String]? {
        guard let value = reader.optionalValue(key) else { return nil }
        switch value {
        case .string(let path): return [path]
        case .array(let elements) where !elements.isEmpty:
            return try elements.map { element in
                guard case .string(let path) = element else { throw reader.fail("\(reader.context).\(key) must hold paths") }
                return path
            }
        default:
            throw reader.fail("\(reader.context).\(key) must be a path or a non-empty list of paths")
        }
    }

    private static func rule(_ value: JSONValue, number: Int, knownSigners: Set<String>,
                             failure: @escaping @Sendable (String) -> ArtefactError) throws -> PolicyRule {
        var reader = try JSONObjectReader(value, context: "policy.rules[\(number - 1)]", failure: failure)
        let models = try reader.string("models")
        let signers = try reader.stringArray("signers")
        let threshold = try reader.optionalInteger("threshold") ?? 1
        let maxAge = try reader.optionalInteger("max_age_days")
        let formats = try reader.optionalArray("formats") == nil ? nil : try reader.stringArray("formats")
        try reader.rejectUnknownMembers()
        guard !models.isEmpty else { throw failure("\(reader.context).models is empty") }
        guard !signers.isEmpty else { throw failure("\(reader.context).signers is empty") }
        if let unknown = signers.first(where: { !knownSigners.contains($0) }) {
            throw failure("\(reader.context).signers names \"\(unknown)\", which policy.signers does not define")
        }
        guard Set(signers).count == signers.count else { throw failure("\(reader.context).signers names a signer twice") }
        guard threshold >= 1, threshold <= Int64(signers.count) else {
            throw failure("\(reader.context).threshold must be from 1 to the number of its signers (\(signers.count))")
        }
        if let maxAge, maxAge < 1 || maxAge > 36_500 { throw failure("\(reader.context).max_age_days must be from 1 to 36500") }
        return PolicyRule(number: number, models: Glob(models), signers: signers, threshold: Int(threshold), maxAgeDays: maxAge.map { Int($0) },
                          formats: try formats.map { try bundleFormats($0, context: reader.context, failure: failure) } ?? BundleFormat.ruleDefault)
    }

    /// A rule's `formats`: a non-empty list of distinct format names.
    private static func bundleFormats(_ names: [String], context: String,
                                      failure: @Sendable (String) -> ArtefactError) throws -> Set<BundleFormat> {
        guard !names.isEmpty else { throw failure("\(context).formats is empty: name \"artefact\", \"oms\" or both") }
        guard Set(names).count == names.count else { throw failure("\(context).formats names a format twice") }
        return Set(try names.map { name in
            guard let format = BundleFormat(rawValue: name) else {
                throw failure("\(context).formats names \"\(name)\"; the formats are \"artefact\" and \"oms\"")
            }
            return format
        })
    }
}
