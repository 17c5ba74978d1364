@testable import ArtefactCore
import Testing

/// SigV4 against AWS's published examples, and HMAC-SHA256 against RFC 4231.
///
/// - The S3 vectors are the four examples of the Amazon S3 API Reference, "Signature
///   Calculations for the Authorization Header: Transferring Payload in a Single Chunk
///   (AWS Signature Version 4)",
///   https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
///   (GET Object with a Range, PUT Object, GET Bucket Lifecycle, GET Bucket (List Objects)),
///   which print the canonical request, the string to sign and the signature.
/// - The generic vectors are `get-vanilla`, `get-vanilla-query-order-key-case` and
///   `post-vanilla` of the Signature Version 4 Test Suite (AWS General Reference,
///   https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html, kept in
///   awslabs/aws-c-auth tests/aws-signing-test-suite).
@Suite struct SigV4KnownAnswerTests {
    static let s3Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let suiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let s3Host = "examplebucket.s3.amazonaws.com"
    /// 2013-05-24T00:00:00Z and 2015-08-30T12:36:00Z.
    static let s3Time = SigV4Timestamp(secondsSinceEpoch: 1_369_353_600)
    static let suiteTime = SigV4Timestamp(secondsSinceEpoch: 1_440_938_160)
    static let empty = SigV4Signer.emptyPayloadHash

    struct Vector: Sendable, CustomStringConvertible {
        let name: String
        let method: String
        let path: String
        let query: [(String, String)]
        let headers: [(String, String)]
        let payloadHash: String
        let signature: String
        var description: String { name }
    }

    static let s3Vectors: [Vector] = [
        Vector(name: "GET Object", method: "GET", path: "/test.txt", query: [],
               headers: [("Host", s3Host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", empty), ("x-amz-date", "20130524T000000Z")],
               payloadHash: empty, signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        Vector(name: "PUT Object", method: "PUT", path: "/test$file.text", query: [],
               headers: [("Host", s3Host), ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-date", "20130524T000000Z"),
                         ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                         ("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")],
               payloadHash: "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
               signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
        Vector(name: "GET Bucket Lifecycle", method: "GET", path: "/", query: [("lifecycle", "")],
               headers: [("Host", s3Host), ("x-amz-content-sha256", empty), ("x-amz-date", "20130524T000000Z")],
               payloadHash: empty, signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
        // The parameters are given out of order: the canonical query sorts them.
        Vector(name: "GET Bucket (List Objects)", method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")],
               headers: [("Host", s3Host), ("x-amz-content-sha256", empty), ("x-amz-date", "20130524T000000Z")],
               payloadHash: empty, signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
    ]

    static let suiteVectors: [Vector] = [
        Vector(name: "get-vanilla", method: "GET", path: "/", query: [],
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               payloadHash: empty, signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-vanilla-query-order-key-case", method: "GET", path: "/", query: [("Param2", "value2"), ("Param1", "value1")],
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               payloadHash: empty, signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "post-vanilla", method: "POST", path: "/", query: [],
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               payloadHash: empty, signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
    ]

    static func signer(secret: String, accessKeyID: String, service: String) throws -> SigV4Signer {
        let bytes = Array(secret.utf8)
        let secretBytes = try bytes.withUnsafeBytes { try SecretBytes(copying: $0) }
        return SigV4Signer(accessKeyID: accessKeyID, secretAccessKey: secretBytes, region: "us-east-1", service: service)
    }

    static func sign(_ vector: Vector, with signer: SigV4Signer, at time: SigV4Timestamp) throws -> SigV4Signer.Signature {
        try signer.sign(method: vector.method, encodedPath: SigV4Encoding.encodePath(vector.path),
                        canonicalQuery: SigV4Encoding.canonicalQuery(vector.query), headers: vector.headers,
                        payloadHash: vector.payloadHash, at: time)
    }

    @Test(arguments: s3Vectors)
    func s3ExamplesSignAsPublished(_ vector: Vector) throws {
        let signer = try Self.signer(secret: Self.s3Secret, accessKeyID: "AKIAIOSFODNN7EXAMPLE", service: "s3")
        let signed = try Self.sign(vector, with: signer, at: Self.s3Time)
        #expect(signed.signature == vector.signature)
        #expect(signed.authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders="))
        #expect(signed.authorization.hasSuffix(", Signature=\(vector.signature)"))
    }

    @Test(arguments: suiteVectors)
    func testSuiteVectorsSignAsPublished(_ vector: Vector) throws {
        let signer = try Self.signer(secret: Self.suiteSecret, accessKeyID: "AKIDEXAMPLE", service: "service")
        let signed = try Self.sign(vector, with: signer, at: Self.suiteTime)
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=\(vector.signature)")
    }

    /// The GET Object example's intermediate steps, as the document prints them.
    @Test func getObjectCanonicalRequestAndStringToSignAreThePublishedOnes() throws {
        let signer = try Self.signer(secret: Self.s3Secret, accessKeyID: "AKIAIOSFODNN7EXAMPLE", service: "s3")
        let signed = try Self.sign(Self.s3Vectors[0], with: signer, at: Self.s3Time)
        #expect(signed.canonicalRequest == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:\(Self.empty)
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            \(Self.empty)
            """)
        #expect(signed.stringToSign == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
    }

    @Test func aWrongSecretGivesAnotherSignature() throws {
        let right = try Self.signer(secret: Self.s3Secret, accessKeyID: "AKIAIOSFODNN7EXAMPLE", service: "s3")
        let wrong = try Self.signer(secret: Self.s3Secret + "x", accessKeyID: "AKIAIOSFODNN7EXAMPLE", service: "s3")
        let vector = Self.s3Vectors[1]
        #expect(try Self.sign(vector, with: right, at: Self.s3Time).signature == vector.signature)
        #expect(try Self.sign(vector, with: wrong, at: Self.s3Time).signature != vector.signature)
    }

    @Test func anotherPayloadHashGivesAnotherSignature() throws {
        let signer = try Self.signer(secret: Self.s3Secret, accessKeyID: "AKIAIOSFODNN7EXAMPLE", service: "s3")
        let vector = Self.s3Vectors[1]
        let tampered = Vector(name: vector.name, method: vector.method, path: vector.path, query: vector.query,
                              headers: vector.headers, payloadHash: Self.empty, signature: vector.signature)
        #expect(try Self.sign(tampered, with: signer, at: Self.s3Time).signature != vector.signature)
    }

    @Test func pathsAndQueriesAreEncodedByAWSRules() {
        #expect(SigV4Encoding.encodePath("/bucket/photos/été 2013/a+b (1)~x_y-z.jpg")
                == "/bucket/photos/%C3%A9t%C3%A9%202013/a%2Bb%20%281%29~x_y-z.jpg")
        #expect(SigV4Encoding.encode("a/b=c&d") == "a%2Fb%3Dc%26d")
        #expect(SigV4Encoding.canonicalQuery([("prefix", "models/r n/"), ("list-type", "2"), ("continuation-token", "a+b/c=")])
                == "continuation-token=a%2Bb%2Fc%3D&list-type=2&prefix=models%2Fr%20n%2F")
    }

    @Test func timestampsAreAmzDates() {
        #expect(Self.s3Time.amzDate == "20130524T000000Z")
        #expect(Self.suiteTime.amzDate == "20150830T123600Z")
        #expect(Self.suiteTime.dateStamp == "20150830")
    }

    /// RFC 4231 test cases 1 and 2.
    @Test func hmacSHA256MatchesRFC4231() throws {
        let key1 = try [UInt8](repeating: 0x0b, count: 20).withUnsafeBytes { try SecretBytes(copying: $0) }
        #expect(Hex.encode(HMACSHA256.code(Array("Hi There".utf8), key: key1))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let key2 = try Array("Jefe".utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        #expect(Hex.encode(HMACSHA256.code(Array("what do ya want for nothing?".utf8), key: key2))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
