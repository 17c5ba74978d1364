@testable import ArtefactCore
import Testing

/// The `s3://` branch of `TransferEndpointParser` and how `S3Options` resolve: the
/// endpoint, region and addressing defaults, the store's remembered TLS files, and the
/// refusals (a web URL, no CA, no credentials).
@Suite struct S3EndpointParserTests {
    private struct OptionsAsked: Error {}

    private func options(endpoint: String? = "https://127.0.0.1:9000", region: String? = nil, addressing: S3Addressing? = nil,
                         ca: String? = "/ca.pem", credentials: Bool = true) throws -> S3Options {
        S3Options(tls: TLSOptions(caFile: ca, certificateFile: nil, keyFile: nil, useSystemCAs: false, requestTimeout: 300, minimumRate: 1,
                                  keyPassphrase: nil),
                  endpoint: try endpoint.map(S3Endpoint.init(parsing:)), region: region, addressing: addressing,
                  credentials: credentials ? S3Credentials(accessKeyID: "AK", secretAccessKey: try [UInt8]([1, 2]).withUnsafeBytes { try SecretBytes(copying: $0) },
                                                           sessionToken: nil) : nil)
    }

    private func parse(_ source: String, _ destination: String, name: String? = nil,
                       s3Options: () throws -> S3Options) throws -> (any ModelSource, any ModelDestination) {
        let parsed = try TransferEndpointParser.parse(source: source, destination: destination, name: name, version: nil, signature: nil,
                                                      registryOptions: { throw OptionsAsked() }, s3Options: s3Options)
        return (parsed.source.endpoint, parsed.destination.endpoint)
    }

    private func badInput(_ body: () throws -> Void) -> String? {
        let error = #expect(throws: ArtefactError.self) { try body() }
        #expect(error?.kind == .badInput)
        return error?.message
    }

    @Test func aPushAndAPullResolveWithTheStoresRememberedTLSFiles() throws {
        let scratch = try ScratchStores()
        defer { scratch.remove() }
        try scratch.write("trust/store-ca.pem")
        _ = try scratch.makeStore("store", tls: StoredTLSFiles(caFile: scratch.path("trust/store-ca.pem"), certificateFile: nil, keyFile: nil))
        let push = try #require(try parse(scratch.path("store"), "s3://models/resnet/1.0.0/", name: "resnet",
                                          s3Options: { try options(ca: nil) }).1 as? S3Destination)
        #expect(push.access.location.description == "s3://models/resnet/1.0.0")
        #expect(push.access.tls.caFile?.hasSuffix("trust/store-ca.pem") == true)
        #expect(push.access.addressing == .path)
        #expect(push.access.region == "us-east-1")
        #expect(push.access.endpoint.authority == "127.0.0.1:9000")
        let pull = try #require(try parse("s3://models/resnet", scratch.path("store"), s3Options: { try options(region: "eu-west-1") }).0
            as? S3Source)
        #expect(pull.access.tls.caFile == "/ca.pem")
        #expect(pull.access.region == "eu-west-1")
        #expect(pull.access.location.bundleKey == "resnet/model.sig")
    }

    @Test func awsItselfIsReachedInItsRegionAndAddressesBucketsByHostName() throws {
        let location = try S3Location(parsing: "s3://models/resnet")
        let access = try options(endpoint: nil, region: "eu-west-1").access(location, remembered: nil)
        #expect(access.endpoint == .aws(region: "eu-west-1"))
        #expect(access.addressing == .virtual)
        #expect(try options(endpoint: nil).access(location, remembered: nil).endpoint.host == "s3.us-east-1.amazonaws.com")
        let dotted = try S3Location(parsing: "s3://models.example/resnet")
        #expect(badInput { _ = try options(endpoint: nil, region: "eu-west-1").access(dotted, remembered: nil) }?
            .contains("--s3-addressing path") == true)
        #expect(try options(endpoint: nil, region: "eu-west-1", addressing: .path).access(dotted, remembered: nil).addressing == .path)
    }

    @Test func noCANoCredentialsOrAPlainHTTPEndpointIsRefused() throws {
        let location = try S3Location(parsing: "s3://models/resnet")
        #expect(badInput { _ = try options(ca: nil).access(location, remembered: nil) }?.contains("--tls-ca") == true)
        // The system's CA bundle alone, when asked for explicitly (AWS itself).
        var system = try options(endpoint: nil, region: "eu-west-1", ca: nil)
        system.tls.useSystemCAs = true
        let access = try system.access(location, remembered: nil)
        #expect(access.tls.caFile == nil && access.tls.useSystemCAs)
        #expect(badInput { _ = try options(credentials: false).access(location, remembered: nil) }?.contains("AWS_ACCESS_KEY_ID") == true)
        #expect(badInput { _ = try options(endpoint: "http://127.0.0.1:9000") }?.contains("HTTPS only") == true)
    }

    @Test func aWebURLIsNeitherAPathNorAnEndpoint() throws {
        for url in ["https://bucket.s3.amazonaws.com/resnet", "http://127.0.0.1:9000/models"] {
            for (source, destination) in [(url, "/tmp/nonexistent-export"), ("s3://models/m", url)] {
                let message = badInput { _ = try parse(source, destination, s3Options: { try options() }) }
                #expect(message?.contains("oci://") == true && message?.contains("s3://") == true, "\(message ?? "")")
            }
        }
        #expect(badInput { _ = try parse("s3://UPPER/x", "/tmp/nonexistent-export", s3Options: { try options() }) } != nil)
        // Options are read only when an endpoint is in object storage.
        #expect(throws: OptionsAsked.self) { _ = try parse("oci://127.0.0.1:5000/m:1", "/tmp/nonexistent-export", s3Options: { throw OptionsAsked() }) }
    }
}
