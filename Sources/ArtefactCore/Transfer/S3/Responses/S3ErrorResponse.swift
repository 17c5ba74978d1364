/// An S3 `<Error>` document: its `Code` (what artefact acts on) and `Message`.
struct S3ErrorResponse: Sendable, Equatable {
    let code: String
    let message: String

    /// The error a body describes, or nil when the body is not an `<Error>` document (an
    /// empty body, HTML from a proxy, or XML artefact refuses).
    static func decode(_ bytes: [UInt8], from server: String) -> S3ErrorResponse? {
        guard let root = try? XMLReader.parse(bytes, from: server), root.name == "Error" else { return nil }
        return S3ErrorResponse(code: root.text(of: "Code")?.trimmingSpaces ?? "", message: root.text(of: "Message") ?? "")
    }
}
