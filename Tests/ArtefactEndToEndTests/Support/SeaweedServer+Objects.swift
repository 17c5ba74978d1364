import Foundation

/// Object operations on the test server through boto3 (`scripts/testing/s3_tool.py` run
/// with the S3 test environment's python), with the same endpoint, keys, CA and client
/// certificate as `environment`: an independent S3 client to check what artefact wrote,
/// and to tamper with it.
extension SeaweedServer {
    /// Every key under `prefix` with its size.
    func objects(under prefix: String) throws -> [String: Int] {
        let answer = try s3Tool(["list", bucket, prefix])
        guard let sizes = try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Int] else {
            throw FixtureError("s3_tool list printed no JSON object: \(answer.stdout)")
        }
        return sizes
    }

    /// The bytes of object `key`.
    func object(_ key: String, scratch: Scratch) throws -> Data {
        let file = scratch.path("s3-get-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try s3Tool(["get", bucket, key, file])
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    /// Writes `data` as object `key`, replacing whatever is there (a tampering server).
    func putObject(_ key: String, _ data: Data, scratch: Scratch) throws {
        let file = scratch.path("s3-put-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try data.write(to: URL(fileURLWithPath: file))
        try s3Tool(["put", bucket, key, file])
    }

    func deleteObject(_ key: String) throws {
        try s3Tool(["delete", bucket, key])
    }

    /// The size and ETag of object `key`, or nil if there is no such key.
    func head(_ key: String) throws -> (size: Int, etag: String)? {
        let answer = try s3Tool(["head", bucket, key], allowing: [4])
        if answer.status == 4 { return nil }
        guard let fields = try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any],
              let size = fields["size"] as? Int
        else { throw FixtureError("s3_tool head printed no size: \(answer.stdout)") }
        return (size, fields["etag"] as? String ?? "")
    }

    /// Runs `s3_tool.py ARGUMENTS`; any status but 0 (and those `allowing` names) throws.
    @discardableResult
    func s3Tool(_ arguments: [String], allowing statuses: Set<Int32> = []) throws -> CLIResult {
        let result = try CLI.runTool(S3TestTools.python, [ServerProcess.testingScript("s3_tool.py")] + arguments,
                                     environment: environment)
        guard result.status == 0 || statuses.contains(result.status) else {
            throw FixtureError("s3_tool.py \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result
    }
}
