/// Decodes a predicate strictly: every field known, every value checked, every path
/// valid, entries in canonical order, and the whole list a tree that can exist on disk
/// inside its root (`ManifestShape`, checked by `ModelManifest.init`). Anything else
/// rejects the artefact.
enum ModelManifestDecoder {
    static func reject(_ message: String) -> ArtefactError { .rejected("signed payload: \(message)") }

    static func decode(_ predicate: JSONValue) throws -> ModelManifest {
        var reader = try JSONObjectReader(predicate, context: "predicate", failure: reject)
        let name = try reader.string("name")
        let version = try reader.optionalString("version")
        try ModelManifest.checkLabel(name, field: "name", failure: reject)
        if let version { try ModelManifest.checkLabel(version, field: "version", failure: reject) }
        let classificationText = try reader.string("classification")
        guard let classification = Classification(rawValue: classificationText) else {
            throw reject("unknown classification \"\(classificationText)\"")
        }
        let createdAt = try timestamp(reader.string("createdAt"), field: "createdAt")
        let expiresAt = try reader.optionalString("expiresAt").map { try timestamp($0, field: "expiresAt") }
        let hashing = try decodeHashing(reader.object("hashing"))
        let ignore = try reader.stringArray("ignore")
        guard (try? IgnoreRules(patterns: ignore)) != nil else { throw reject("predicate.ignore holds an invalid pattern") }
        let files = try reader.array("files").enumerated().map { index, value in
            try decodeFile(value, context: "predicate.files[\(index)]", hashing: hashing)
        }
        let symlinks = try reader.array("symlinks").enumerated().map { index, value in
            try decodeSymlink(value, context: "predicate.symlinks[\(index)]")
        }
        try reader.rejectUnknownMembers()
        try checkCanonicalOrder(files.map(\.path), list: "files")
        try checkCanonicalOrder(symlinks.map(\.path), list: "symlinks")
        try checkDistinct(files.map(\.path) + symlinks.map(\.path))
        do {
            return try ModelManifest(
                name: name, version: version, classification: classification, createdAt: createdAt, expiresAt: expiresAt,
                hashing: hashing, ignore: ignore, contents: ModelContents(files: files, symlinks: symlinks))
        } catch let error as ArtefactError {
            throw reject(error.message)
        }
    }

    private static func timestamp(_ text: String, field: String) throws -> Timestamp {
        guard let value = Timestamp(rfc3339: text), value.description == text else {
            throw reject("predicate.\(field) \"\(text)\" is not a UTC time written YYYY-MM-DDTHH:MM:SSZ")
        }
        return value
    }

    private static func decodeHashing(_ reader: JSONObjectReader) throws -> HashingParameters {
        var reader = reader
        let algorithm = try reader.string("algorithm")
        guard algorithm == HashingParameters.algorithm else { throw reject("unsupported hashing algorithm \"\(algorithm)\"") }
        let shardSize = try reader.optionalInteger("shardSize")
        try reader.rejectUnknownMembers()
        do { return try HashingParameters(shardSize: shardSize) } catch { throw reject("predicate.hashing.shardSize is too small") }
    }

    private static func decodeFile(_ value: JSONValue, context: String, hashing: HashingParameters) throws -> ModelFile {
        var reader = try JSONObjectReader(value, context: context, failure: reject)
        let path = try checkedPath(reader.string("path"), context: context)
        let size = try reader.integer("size")
        guard size >= 0 else { throw reject("\(context).size is negative") }
        let whole = try reader.optionalString("sha256")
        let shards = try reader.optionalArray("shards")
        try reader.rejectUnknownMembers()
        let digest: FileDigest
        if hashing.isSharded(size: size) {
            guard whole == nil, let shards else { throw reject("\(context) is larger than the shard size and must list shards") }
            let shardSize = hashing.shardSize!
            let expected = size / shardSize + (size % shardSize == 0 ? 0 : 1)
            guard Int64(shards.count) == expected else { throw reject("\(context) must list \(expected) shards, not \(shards.count)") }
            digest = .shards(try shards.map { value in
                guard case .string(let text) = value, let shard = SHA256Digest(hex: text) else {
                    throw reject("\(context).shards holds a value that is not a SHA-256 hex digest")
                }
                return shard
            })
        } else {
            guard shards == nil, let whole else { throw reject("\(context) must have a sha256 digest") }
            guard let parsed = SHA256Digest(hex: whole) else { throw reject("\(context).sha256 is not a SHA-256 hex digest") }
            digest = .whole(parsed)
        }
        return ModelFile(path: path, size: size, digest: digest)
    }

    private static func decodeSymlink(_ value: JSONValue, context: String) throws -> ModelSymlink {
        var reader = try JSONObjectReader(value, context: context, failure: reject)
        let path = try checkedPath(reader.string("path"), context: context)
        let target = try reader.string("target")
        try reader.rejectUnknownMembers()
        // Where the target leads is decided over the whole list, by `ManifestShape`.
        return ModelSymlink(path: path, target: target)
    }

    private static func checkedPath(_ path: String, context: String) throws -> String {
        if let problem = ModelPath.problem(with: path) {
            throw reject("\(context).path \"\(ModelPath.printable(path))\" has \(problem)")
        }
        return path
    }

    private static func checkCanonicalOrder(_ paths: [String], list: String) throws {
        for (earlier, later) in zip(paths, paths.dropFirst()) where !ModelPath.precedes(earlier, later) {
            throw reject("predicate.\(list) is not in canonical order at \"\(later)\"")
        }
    }

    /// No path twice, counting spellings that differ only by Unicode normalisation.
    private static func checkDistinct(_ paths: [String]) throws {
        var seen = Set<String>()
        for path in paths where !seen.insert(path).inserted {
            throw reject("the path \"\(path)\" appears twice (perhaps in another Unicode normalisation)")
        }
    }
}
