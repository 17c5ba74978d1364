@testable import ArtefactCore
import Testing

/// Requests as the S3 client puts them on the wire: addressed in either style, with the
/// headers S3 needs, and signed so that AWS's published GET Object example comes out.
@Suite struct S3RequestSignerTests {
    static func access(addressing: S3Addressing, endpoint: S3Endpoint, token: String? = nil) throws -> S3Access {
        let secret = try Array(SigV4KnownAnswerTests.s3Secret.utf8).withUnsafeBytes { try SecretBytes(copying: $0) }
        return S3Access(location: try S3Location(parsing: "s3://examplebucket/models/resnet"), endpoint: endpoint, region: "us-east-1",
                        addressing: addressing,
                        credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret, sessionToken: token),
                        tls: TLSSettings(caFile: "/nonexistent/ca.pem", certificateFile: nil, keyFile: nil), keyPassphrase: nil)
    }

    static func header(_ request: HTTPRequest, _ name: String) -> String? { request.headers.first { $0.0 == name }?.1 }

    /// The S3 API Reference's GET Object example, sent virtual-hosted to AWS.
    @Test func theGetObjectExampleSignsAsPublished() throws {
        let signer = S3RequestSigner(try Self.access(addressing: .virtual, endpoint: .aws(region: "us-east-1")))
        #expect(signer.host == "examplebucket.s3.us-east-1.amazonaws.com")
        let signerForExample = S3RequestSigner(try Self.access(addressing: .virtual,
                                                               endpoint: S3Endpoint(host: "s3.amazonaws.com", port: 443, isCustom: false)))
        #expect(signerForExample.authority == "examplebucket.s3.amazonaws.com")
        var request = S3Request(method: "GET", key: "test.txt", action: "reading")
        request.headers = [("Range", "bytes=0-9")]
        let signed = try signerForExample.signed(request, at: SigV4KnownAnswerTests.s3Time)
        #expect(signed.target == "/test.txt")
        #expect(Self.header(signed, "x-amz-content-sha256") == SigV4Signer.emptyPayloadHash)
        #expect(Self.header(signed, "x-amz-date") == "20130524T000000Z")
        #expect(Self.header(signed, "Authorization") == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func pathStyleNamesTheBucketInThePathAndKeepsThePort() throws {
        let signer = S3RequestSigner(try Self.access(addressing: .path, endpoint: try S3Endpoint(parsing: "https://s3.site.internal:8443")))
        #expect(signer.host == "s3.site.internal" && signer.authority == "s3.site.internal:8443")
        var request = S3Request(method: "PUT", key: "models/resnet/weights é+1.bin", action: "writing")
        request.query = [("uploadId", "a/b=c"), ("partNumber", "2")]
        request.payloadHash = SHA256Hasher.digest([1]).hex
        let signed = try signer.signed(request, at: SigV4KnownAnswerTests.s3Time)
        #expect(signed.target == "/examplebucket/models/resnet/weights%20%C3%A9%2B1.bin?partNumber=2&uploadId=a%2Fb%3Dc")
        #expect(Self.header(signed, "x-amz-content-sha256") == SHA256Hasher.digest([1]).hex)
        let bucketOnly = try signer.signed(S3Request(method: "GET", key: nil, action: "listing"), at: SigV4KnownAnswerTests.s3Time)
        #expect(bucketOnly.target == "/examplebucket")
    }

    @Test func aSessionTokenIsSentAndSigned() throws {
        let signer = S3RequestSigner(try Self.access(addressing: .path, endpoint: try S3Endpoint(parsing: "https://s3.test"), token: "TOKEN"))
        let signed = try signer.signed(S3Request(method: "HEAD", key: "k", action: "looking"), at: SigV4KnownAnswerTests.s3Time)
        #expect(Self.header(signed, "x-amz-security-token") == "TOKEN")
        #expect(Self.header(signed, "Authorization")?.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,") == true)
    }
}

@Suite struct S3AddressingChecksTests {
    @Test func virtualHostedAddressingOfAnIPAddressIsBadInput() throws {
        let access = try S3RequestSignerTests.access(addressing: .virtual, endpoint: try S3Endpoint(parsing: "https://127.0.0.1:9000"))
        #expect(throws: ArtefactError.badInput("virtual-hosted addressing puts the bucket in the host name, which https://127.0.0.1:9000 cannot take (an IP address): use path-style addressing")) {
            try S3Client(access)
        }
    }
}
