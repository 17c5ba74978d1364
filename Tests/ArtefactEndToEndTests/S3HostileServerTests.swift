@testable import ArtefactCore
import Testing

/// The S3 client against a server that sends what was not asked for: more bytes than the
/// object has, another object size, a whole object for a ranged read, a failure inside a
/// 200 answer. Each is refused, and nothing more than asked reaches the sink.
@Suite struct S3HostileServerTests {
    /// The error of `body`, which must throw one.
    static func failure(_ body: () throws -> Void) -> ArtefactError? {
        do {
            try body()
            return nil
        } catch {
            return error as? ArtefactError
        }
    }

    @Test func theWellBehavedServerIsRead() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(in: scratch)
        var received: [UInt8] = []
        try server.client.getObject("resnet/w", size: 10, from: 4) { received += $0 }
        #expect(received == Array("456789".utf8))
        #expect(try server.client.getObject("resnet/w", limit: 10) == Array("0123456789".utf8))
    }

    @Test func moreBytesThanTheObjectHasAreRefused() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(mode: "long-object", in: scratch)
        var received = 0
        let streamed = Self.failure { try server.client.getObject("resnet/w", size: 10, from: 0) { received += $0.count } }
        #expect(streamed?.kind == .rejected)
        #expect(received <= 10)
        let small = Self.failure { _ = try server.client.getObject("resnet/w", limit: 10) }
        #expect(small?.kind == .rejected)
        #expect(small?.message.contains("more than the 10") == true)
    }

    @Test func anotherObjectSizeIsRefused() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(mode: "wrong-total", in: scratch)
        var received = 0
        let error = Self.failure { try server.client.getObject("resnet/w", size: 10, from: 5) { received += $0.count } }
        #expect(error == .rejected("s3://models/resnet/w is 11 bytes at https://127.0.0.1:\(server.client.access.endpoint.port), not the 10 bytes expected"))
        #expect(received == 0)
    }

    @Test func aWholeObjectForARangedReadIsRefused() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(mode: "ignore-range", in: scratch)
        var received = 0
        let error = Self.failure { try server.client.getObject("resnet/w", size: 10, from: 5) { received += $0.count } }
        #expect(error?.kind == .operational)
        #expect(error?.message.contains("answered HTTP 200 to a read of s3://models/resnet/w from byte 5") == true)
        #expect(received == 0)
    }

    @Test func aFailureInsideA200CompletionIsAFailureAndIsNotResent() throws {
        let scratch = try Scratch()
        let server = try MisbehavingS3(mode: "error-in-200", in: scratch)
        let part = S3UploadedPart(number: 1, etag: "\"e\"", sha256: SHA256Hasher.digest([]))
        let error = Self.failure { _ = try server.client.completeMultipartUpload("resnet/w", uploadID: "u1", parts: [part], createOnly: true) }
        #expect(error?.kind == .operational)
        #expect(error?.message.contains("InternalError") == true)
        #expect(server.requests.count == 1)
    }
}
