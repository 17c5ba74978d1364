@testable import ArtefactCore

/// The strict XML reader and the S3 response decoders never trap on any bytes and stay
/// inside their limits; whatever the reader accepts writes back (names, text escaped,
/// children in order) to a document it reads as the same tree; and every decoder either
/// decodes or refuses with an `ArtefactError`, never anything else.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzS3XML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    decodeEverything(bytes)
    guard let tree = try? XMLReader.parse(bytes, from: "fuzz input") else { return 0 }
    let written = Array(xmlText(tree).utf8)
    let reread = try? XMLReader.parse(written, from: "fuzz input")
    Fuzz.require(reread == tree, "written form \(Fuzz.show(written)) reads back differently")
    return 0
}

/// Runs every decoder; only `ArtefactError` may come out of one.
func decodeEverything(_ bytes: [UInt8]) {
    let decoders: [([UInt8]) throws -> Void] = [
        { _ = try S3ListPage($0, from: "fuzz input") },
        { _ = try S3PartsPage($0, from: "fuzz input") },
        { _ = try S3MultipartResponses.uploadID($0, from: "fuzz input") },
        { _ = try S3MultipartResponses.completion($0, from: "fuzz input") },
        { _ = S3ErrorResponse.decode($0, from: "fuzz input") },
    ]
    for decode in decoders {
        do {
            try decode(bytes)
        } catch is ArtefactError {
        } catch {
            Fuzz.require(false, "a decoder threw \(error)")
        }
    }
}

/// The element as XML: its text first (escaped), then its children.
func xmlText(_ element: XMLElement) -> String {
    var text = "<\(element.name)>"
    for character in element.text.unicodeScalars {
        switch character {
        case "&": text += "&amp;"
        case "<": text += "&lt;"
        case ">": text += "&gt;"
        default: text.unicodeScalars.append(character)
        }
    }
    return text + element.children.map(xmlText).joined() + "</\(element.name)>"
}
