/// TLS files a store remembers for reaching registries (absolute paths).
public struct StoredTLSFiles: Sendable {
    public let caFile: String?
    public let certificateFile: String?
    public let keyFile: String?

    public init(caFile: String?, certificateFile: String?, keyFile: String?) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }
}
