/// An HTTP/1.1 request to send.
struct HTTPRequest {
    var method: String
    /// The request target: a path with its query, such as `/v2/ml/resnet/manifests/1.0.0`.
    var target: String
    var headers: [(String, String)] = []
    var body: HTTPBody = .none
}
