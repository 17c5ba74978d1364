import Foundation

/// Runs against `S3Fixture`'s server with one thing broken: a variable changed or removed
/// (a nil value), such as the client certificate or the secret; and a model put in the
/// bucket layout by another client (boto3), as a training job's tooling would.
extension S3Fixture {
    /// The server's environment with `changes` on top; a nil value removes the variable.
    func environment(changing changes: [String: String?]) -> [String: String] {
        var variables = server.environment
        for (name, value) in changes { variables[name] = value }
        return variables
    }

    /// `transfer STORE s3://BUCKET/PREFIX --model LABEL` with `changes` to the environment.
    func push(_ store: String, _ label: String, prefix: String = S3Fixture.prefix, changing changes: [String: String?]) throws -> CLIResult {
        try world.run(["transfer", store, server.location(prefix), "--model", label], environment: environment(changing: changes))
    }

    /// `verify s3://BUCKET/PREFIX --key SIGNER` with `changes` to the environment.
    func verify(prefix: String = S3Fixture.prefix, _ extra: [String] = [], changing changes: [String: String?]) throws -> CLIResult {
        try world.run(["verify", server.location(prefix), "--key", world.signer.publicKey] + extra,
                      environment: environment(changing: changes))
    }

    /// Uploads a signed model directory in the bucket layout with boto3: every regular file
    /// as PREFIX/<path>, the bundle as PREFIX/model.sig, no object for a symlink.
    func uploadWithBoto3(_ model: String, prefix: String = S3Fixture.prefix) throws {
        try server.s3Tool(["put-tree", model, server.bucket, prefix])
    }
}
