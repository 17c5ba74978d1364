/// The XML body of an S3 answer, read by `XMLReader` and checked to be the document the
/// request expects; the decoders of each answer start here. Fields are read strictly: a
/// number that is not plain decimal, or a required field that is missing, refuses the
/// document as malformed, naming the server.
struct S3ResponseDocument {
    let root: XMLElement
    let server: String

    /// Parses `bytes` and checks the root element is `expected` (an `<Error>` document is
    /// the caller's to look for first, with `S3ErrorResponse`).
    init(_ bytes: [UInt8], expected: String, from server: String) throws {
        root = try XMLReader.parse(bytes, from: server)
        self.server = server
        guard root.name == expected else { throw malformed("<\(root.name)> where <\(expected)> was expected") }
    }

    func malformed(_ reason: String) -> ArtefactError {
        .operational("\(server) answered with a malformed S3 response: \(reason)")
    }

    func required(_ name: String, in element: XMLElement) throws -> String {
        guard let text = element.text(of: name) else { throw malformed("<\(element.name)> has no <\(name)>") }
        return text
    }

    /// A non-negative decimal of at most 18 digits.
    func number(_ name: String, in element: XMLElement) throws -> Int64 {
        let text = try required(name, in: element)
        guard let value = HTTPResponseParser.decimal(text.trimmingSpaces) else {
            throw malformed("<\(name)> is \"\(text.prefix(40))\", not a number")
        }
        return value
    }

    /// `true` or `false`; absent means false.
    func flag(_ name: String, in element: XMLElement) throws -> Bool {
        switch element.text(of: name)?.trimmingSpaces {
        case nil, "false": return false
        case "true": return true
        case let other?: throw malformed("<\(name)> is \"\(other.prefix(40))\", not true or false")
        }
    }
}
