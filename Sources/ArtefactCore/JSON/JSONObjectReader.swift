/// Reads the members of one JSON object field by field, for decoders that must refuse
/// what they do not know. Each accessor marks its key as read; `rejectUnknownMembers()`
/// then names any member nobody asked for.
public struct JSONObjectReader {
    /// Where this object sits in its document, such as `predicate.files[3]`, for messages.
    public let context: String
    private let members: [(String, JSONValue)]
    private var read = Set<String>()
    /// How a failure to read is reported: the caller decides whether a malformed document
    /// is a rejected artefact or bad input.
    private let failure: @Sendable (String) -> ArtefactError

    public init(_ value: JSONValue, context: String, failure: @escaping @Sendable (String) -> ArtefactError) throws {
        guard case .object(let members) = value else {
            throw failure("\(context) must be an object, not \(value.typeName)")
        }
        self.members = members
        self.context = context
        self.failure = failure
    }

    public func fail(_ message: String) -> ArtefactError { failure(message) }

    public var keys: [String] { members.map(\.0) }

    private mutating func value(_ key: String) -> JSONValue? {
        read.insert(key)
        return members.first { $0.0 == key }?.1
    }

    public mutating func optionalValue(_ key: String) -> JSONValue? {
        guard let value = value(key), value != .null else { return nil }
        return value
    }

    public mutating func requiredValue(_ key: String) throws -> JSONValue {
        guard let value = optionalValue(key) else { throw failure("\(context).\(key) is missing") }
        return value
    }

    public mutating func optionalString(_ key: String) throws -> String? {
        guard let value = optionalValue(key) else { return nil }
        guard case .string(let text) = value else { throw failure("\(context).\(key) must be a string, not \(value.typeName)") }
        return text
    }

    public mutating func string(_ key: String) throws -> String {
        guard let text = try optionalString(key) else { throw failure("\(context).\(key) is missing") }
        return text
    }

    public mutating func optionalInteger(_ key: String) throws -> Int64? {
        guard let value = optionalValue(key) else { return nil }
        guard case .number(let literal) = value, let number = Int64(literal) else {
            throw failure("\(context).\(key) must be a whole number")
        }
        return number
    }

    public mutating func integer(_ key: String) throws -> Int64 {
        guard let number = try optionalInteger(key) else { throw failure("\(context).\(key) is missing") }
        return number
    }

    public mutating func optionalArray(_ key: String) throws -> [JSONValue]? {
        guard let value = optionalValue(key) else { return nil }
        guard case .array(let elements) = value else { throw failure("\(context).\(key) must be an array, not \(value.typeName)") }
        return elements
    }

    public mutating func array(_ key: String) throws -> [JSONValue] {
        guard let elements = try optionalArray(key) else { throw failure("\(context).\(key) is missing") }
        return elements
    }

    public mutating func stringArray(_ key: String) throws -> [String] {
        try array(key).enumerated().map { index, element in
            guard case .string(let text) = element else { throw failure("\(context).\(key)[\(index)] must be a string") }
            return text
        }
    }

    /// A nested object's reader, sharing this reader's failure kind.
    public mutating func object(_ key: String) throws -> JSONObjectReader {
        try JSONObjectReader(requiredValue(key), context: "\(context).\(key)", failure: failure)
    }

    public mutating func optionalObject(_ key: String) throws -> JSONObjectReader? {
        guard let value = optionalValue(key) else { return nil }
        return try JSONObjectReader(value, context: "\(context).\(key)", failure: failure)
    }

    /// Fails naming the first member that no accessor read.
    public func rejectUnknownMembers() throws {
        if let unknown = members.first(where: { !read.contains($0.0) }) {
            throw failure("\(context) has an unknown field \"\(unknown.0)\"")
        }
    }
}
