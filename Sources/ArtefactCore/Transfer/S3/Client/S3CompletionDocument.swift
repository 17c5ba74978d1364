/// The body of CompleteMultipartUpload: every part in ascending order with its number,
/// its ETag as the server gave it, and its SHA-256 (base64), which the server checks
/// against what it computed when the part arrived.
enum S3CompletionDocument {
    static func xml(for parts: [S3UploadedPart]) -> String {
        var text = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts.sorted(by: { $0.number < $1.number }) {
            text += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(escape(part.etag))</ETag>"
            if let sha256 = part.sha256 { text += "<ChecksumSHA256>\(Base64.encode(sha256.bytes))</ChecksumSHA256>" }
            text += "</Part>"
        }
        return text + "</CompleteMultipartUpload>"
    }

    /// Text as XML character data: the five special characters as entities.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
