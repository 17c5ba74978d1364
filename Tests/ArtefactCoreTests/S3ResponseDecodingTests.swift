@testable import ArtefactCore
import Testing

/// The S3 answers artefact reads, decoded from documents shaped as AWS and SeaweedFS send
/// them, and refused when a field is missing or malformed.
@Suite struct S3ResponseDecodingTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func listObjectsV2Page() throws {
        let page = try S3ListPage(Self.bytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>m/</Prefix><KeyCount>2</KeyCount>
            <MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
            <Contents><Key>m/a &amp; b.bin</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified><ETag>&quot;x&quot;</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>
            <Contents><Key>m/model.sig</Key><Size>0</Size></Contents></ListBucketResult>
            """), from: "s")
        #expect(page.objects == [S3ObjectInfo(key: "m/a & b.bin", size: 434_234), S3ObjectInfo(key: "m/model.sig", size: 0)])
        #expect(page.isTruncated)
        #expect(page.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        let last = try S3ListPage(Self.bytes("<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"), from: "s")
        #expect(last.objects.isEmpty && !last.isTruncated && last.nextContinuationToken == nil)
    }

    @Test func badListingsAreRefused() {
        for text in ["<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>",
                     "<ListBucketResult><Contents><Key>k</Key></Contents></ListBucketResult>",
                     "<ListBucketResult><Contents><Key>k</Key><Size>-1</Size></Contents></ListBucketResult>",
                     "<ListBucketResult><Contents><Key>k</Key><Size>99999999999999999999</Size></Contents></ListBucketResult>",
                     "<ListBucketResult><IsTruncated>yes</IsTruncated></ListBucketResult>",
                     "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>",
                     "<ListAllMyBucketsResult/>"] {
            #expect(throws: ArtefactError.self, "\(text)") { try S3ListPage(Self.bytes(text), from: "s") }
        }
    }

    @Test func listPartsPage() throws {
        let page = try S3PartsPage(Self.bytes("""
            <ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>u</UploadId><PartNumberMarker>0</PartNumberMarker>
            <NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>2</MaxParts><IsTruncated>true</IsTruncated>
            <Part><PartNumber>1</PartNumber><ETag>"7778aef83f66abc1fa1e8477f296d394"</ETag><Size>5242880</Size></Part>
            <Part><PartNumber>2</PartNumber><ETag>"aaaa18db4cc2f85cedef654fccc4a4x8"</ETag><Size>10</Size>
            <ChecksumSHA256>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</ChecksumSHA256></Part></ListPartsResult>
            """), from: "s")
        #expect(page.parts.map(\.number) == [1, 2])
        #expect(page.parts[0].etag == "\"7778aef83f66abc1fa1e8477f296d394\"" && page.parts[0].size == 5_242_880 && page.parts[0].sha256 == nil)
        #expect(page.parts[1].sha256 == SHA256Hasher.digest([]))
        #expect(page.isTruncated && page.nextPartNumberMarker == 2)
    }

    @Test func badPartListingsAreRefused() {
        for text in ["<ListPartsResult><Part><PartNumber>0</PartNumber><ETag>e</ETag><Size>1</Size></Part></ListPartsResult>",
                     "<ListPartsResult><Part><PartNumber>10001</PartNumber><ETag>e</ETag><Size>1</Size></Part></ListPartsResult>",
                     "<ListPartsResult><Part><PartNumber>1</PartNumber><Size>1</Size></Part></ListPartsResult>",
                     "<ListPartsResult><Part><PartNumber>1</PartNumber><ETag>e</ETag><Size>1</Size><ChecksumSHA256>abc</ChecksumSHA256></Part></ListPartsResult>",
                     "<ListPartsResult><IsTruncated>true</IsTruncated></ListPartsResult>",
                     "<ListPartsResult><NextPartNumberMarker>20000</NextPartNumberMarker></ListPartsResult>"] {
            #expect(throws: ArtefactError.self, "\(text)") { try S3PartsPage(Self.bytes(text), from: "s") }
        }
    }

    @Test func multipartStartAndCompletion() throws {
        #expect(try S3MultipartResponses.uploadID(Self.bytes("""
            <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket><Key>k</Key>
            <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId></InitiateMultipartUploadResult>
            """), from: "s") == "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA")
        #expect(throws: ArtefactError.self) { try S3MultipartResponses.uploadID(Self.bytes("<InitiateMultipartUploadResult><UploadId>a b</UploadId></InitiateMultipartUploadResult>"), from: "s") }
        #expect(throws: ArtefactError.self) { try S3MultipartResponses.uploadID(Self.bytes("<InitiateMultipartUploadResult/>"), from: "s") }
        #expect(try S3MultipartResponses.completion(Self.bytes("""
            <CompleteMultipartUploadResult><Location>l</Location><Bucket>b</Bucket><Key>k</Key><ETag>"e-2"</ETag>
            <ChecksumSHA256>Pzwo8ktQdFdrBAj+icAp+C61/unerws/MPnusoWXx3A=-2</ChecksumSHA256></CompleteMultipartUploadResult>
            """), from: "s") == "Pzwo8ktQdFdrBAj+icAp+C61/unerws/MPnusoWXx3A=-2")
        #expect(throws: ArtefactError.self) { try S3MultipartResponses.completion(Self.bytes("<Error><Code>InternalError</Code></Error>"), from: "s") }
    }

    @Test func errorDocuments() {
        #expect(S3ErrorResponse.decode(Self.bytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchKey</Code><Message>The resource you requested does not exist</Message><Resource>/b/k</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>
            """), from: "s") == S3ErrorResponse(code: "NoSuchKey", message: "The resource you requested does not exist"))
        #expect(S3ErrorResponse.decode([], from: "s") == nil)
        #expect(S3ErrorResponse.decode(Self.bytes("<html><body>proxy error</body></html>"), from: "s") == nil)
        #expect(S3ErrorResponse.decode(Self.bytes("<Error><Code>x"), from: "s") == nil)
    }

    @Test func completionDocumentEscapesETagsAndOrdersParts() {
        let digest = SHA256Hasher.digest([])
        let xml = S3CompletionDocument.xml(for: [S3UploadedPart(number: 2, etag: "\"b\"", sha256: digest), S3UploadedPart(number: 1, etag: "a&<", sha256: nil)])
        #expect(xml == "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Part><PartNumber>1</PartNumber><ETag>a&amp;&lt;</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>&quot;b&quot;</ETag><ChecksumSHA256>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</ChecksumSHA256></Part>"
                + "</CompleteMultipartUpload>")
    }
}
