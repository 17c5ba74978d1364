import Foundation
import Testing

/// `s3://` on the command line, refused before any connection: a bad addressing style or
/// endpoint, a local bundle for a prefix, no credentials, a web URL as an endpoint. The
/// environment is the run's own, so nothing here can reach a server.
@Suite struct S3ArgumentTests {
    /// Enough of the AWS environment that only the flag under test is wrong.
    static let reachable = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_ENDPOINT_URL": "https://127.0.0.1:9",
                            "ARTEFACT_TLS_CA": "/nonexistent/ca.pem"]

    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        var environment: [String: String] = S3ArgumentTests.reachable
        let fragments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["verify", "s3://models/resnet", "--key", "k.pem", "--s3-addressing", "sideways"], fragments: ["path or virtual"]),
        Case(arguments: ["verify", "s3://models/resnet", "--key", "k.pem", "--s3-endpoint", "http://127.0.0.1:9"],
             fragments: ["--s3-endpoint", "HTTPS only"]),
        Case(arguments: ["verify", "s3://models/resnet", "--key", "k.pem", "--signature", "model.sig"],
             fragments: ["--signature", "model.sig"]),
        Case(arguments: ["verify", "s3://Models/resnet", "--key", "k.pem"], fragments: ["not a valid bucket name"]),
        Case(arguments: ["verify", "s3://models/a/../b", "--key", "k.pem"], fragments: ["not a usable key prefix"]),
        Case(arguments: ["verify", "s3://models/resnet", "--key", "k.pem"], environment: ["ARTEFACT_TLS_CA": "/ca.pem"],
             fragments: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]),
        Case(arguments: ["verify", "oci://127.0.0.1:5000/m:1", "--key", "k.pem"], fragments: ["pull", "into a store first"]),
        Case(arguments: ["transfer", "s3://models/resnet", "https://127.0.0.1:9/models/resnet"], fragments: ["oci://", "s3://"]),
        Case(arguments: ["transfer", "s3://models/resnet", "s3://models/copy"], fragments: ["starts from a store"]),
    ]

    @Test(arguments: cases)
    func isRefusedAsBadInput(_ bad: Case) {
        let result = artefact(bad.arguments, environment: bad.environment)
        expectBadInput(result, mentioning: bad.fragments)
    }
}
