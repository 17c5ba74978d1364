import ArtefactCore
import Testing

/// `cafe.be` is a name; only what inet_pton takes is an address.
@Suite struct HostAddressTests {
    @Test(arguments: ["127.0.0.1", "10.0.0.255", "::1", "fe80::1", "2001:db8::cafe", "::ffff:192.0.2.1"])
    func addressLiteralsAreAddresses(host: String) { #expect(HostAddress.isIPLiteral(host)) }

    @Test(arguments: ["cafe.be", "dead.beef", "a.b.c.d", "localhost", "1.2.3.4.be", "127.0.0.1.", "1.2.3", "", "[::1]", "registry.example"])
    func namesAreNotAddresses(host: String) { #expect(!HostAddress.isIPLiteral(host)) }
}
