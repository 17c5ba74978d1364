import ArtefactCore
import Testing

/// `oci://HOST[:PORT]/REPOSITORY[:TAG]`: what each part becomes, and which forms are
/// refused as bad input before any connection is made.
@Suite struct RegistryReferenceTests {
    @Test func everyPartIsRead() throws {
        let reference = try RegistryReference(parsing: "oci://registry.internal:5000/team/models/resnet:1.2.0-rc.1")
        #expect(reference.host == "registry.internal")
        #expect(reference.port == 5000)
        #expect(reference.repository == "team/models/resnet")
        #expect(reference.tag == "1.2.0-rc.1")
        #expect(reference.address == "registry.internal:5000")
        #expect(reference.description == "oci://registry.internal:5000/team/models/resnet:1.2.0-rc.1")
    }

    @Test func theTagIsOptionalAndThePortDefaultsTo443() throws {
        let reference = try RegistryReference(parsing: "oci://127.0.0.1/resnet")
        #expect(reference.host == "127.0.0.1")
        #expect(reference.port == 443)
        #expect(reference.repository == "resnet")
        #expect(reference.tag == nil)
        #expect(reference.description == "oci://127.0.0.1:443/resnet")
    }

    @Test(arguments: ["a", "a.b", "a_b", "a__b", "a-b", "a---b", "0/1/2", "library/res.net_v2-x"])
    func validRepositoryNames(_ repository: String) throws {
        #expect(try RegistryReference(parsing: "oci://h:1/\(repository)").repository == repository)
    }

    @Test(arguments: ["latest", "v1", "_x", "1.0.0_build-7", String(repeating: "t", count: 128)])
    func validTags(_ tag: String) throws {
        #expect(try RegistryReference(parsing: "oci://h:65535/r:\(tag)").tag == tag)
    }

    /// One refused reference and the words its message must hold.
    struct BadReference: Sendable, CustomTestStringConvertible {
        let text: String
        let fragment: String
        var testDescription: String { text }
    }

    static let badReferences: [BadReference] = [
        BadReference(text: "https://h:5000/r", fragment: "is not an oci://HOST:PORT/REPOSITORY address"),
        BadReference(text: "OCI://h:5000/r", fragment: "is not an oci://HOST:PORT/REPOSITORY address"),
        BadReference(text: "h:5000/r", fragment: "is not an oci://HOST:PORT/REPOSITORY address"),
        BadReference(text: "oci://h:5000", fragment: "names no repository"),
        BadReference(text: "oci://:5000/r", fragment: "has a bad host"),
        BadReference(text: "oci://h:1:2/r", fragment: "has a bad host"),
        BadReference(text: "oci://h:/r", fragment: "has a bad port"),
        BadReference(text: "oci://h:0/r", fragment: "has a bad port"),
        BadReference(text: "oci://h:65536/r", fragment: "has a bad port"),
        BadReference(text: "oci://h:-1/r", fragment: "has a bad port"),
        BadReference(text: "oci://h:http/r", fragment: "has a bad port"),
        BadReference(text: "oci://h:5000/", fragment: "is not a valid repository name"),
        BadReference(text: "oci://h:5000/Resnet", fragment: "Resnet is not a valid repository name"),
        BadReference(text: "oci://h:5000/a//b", fragment: "a//b is not a valid repository name"),
        BadReference(text: "oci://h:5000/a/", fragment: "is not a valid repository name"),
        BadReference(text: "oci://h:5000/-a", fragment: "is not a valid repository name"),
        BadReference(text: "oci://h:5000/a..b", fragment: "is not a valid repository name"),
        BadReference(text: "oci://h:5000/a___b", fragment: "is not a valid repository name"),
        BadReference(text: "oci://h:5000/a/../b", fragment: "is not a valid repository name"),
        BadReference(text: "oci://h:5000/r:", fragment: " is not a valid tag"),
        BadReference(text: "oci://h:5000/r:.hidden", fragment: ".hidden is not a valid tag"),
        BadReference(text: "oci://h:5000/r:a/b", fragment: "is not a valid tag"),
        BadReference(text: "oci://h:5000/r:" + String(repeating: "t", count: 129), fragment: "is not a valid tag"),
        // A digest reference is not a form artefact takes: it must not be read as a tag.
        BadReference(text: "oci://h:5000/r@sha256:" + String(repeating: "a", count: 64), fragment: "r@sha256 is not a valid repository name"),
    ]

    @Test(arguments: badReferences)
    func aBadReferenceIsBadInput(_ bad: BadReference) {
        do {
            let reference = try RegistryReference(parsing: bad.text)
            Issue.record("accepted as \(reference)")
        } catch let error as ArtefactError {
            #expect(error.kind == .badInput)
            #expect(error.message.contains(bad.fragment), "\"\(bad.fragment)\" is not in: \(error.message)")
        } catch {
            Issue.record("not an ArtefactError: \(error)")
        }
    }
}
