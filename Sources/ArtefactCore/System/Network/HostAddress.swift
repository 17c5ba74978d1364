import Glibc

/// What kind of name a network host is. Whether a name is an IP address decides how a TLS
/// peer's identity is checked (an IP SAN, or a DNS name and SNI), so it is decided the way
/// the resolver does, by `inet_pton`, and never by the characters a name happens to use:
/// `cafe.be` is a DNS name made only of hex digits and dots.
public enum HostAddress {
    /// Whether `host` is an IPv4 or IPv6 address literal (`inet_pton`, AF_INET and AF_INET6).
    public static func isIPLiteral(_ host: String) -> Bool {
        var buffer = in6_addr()
        return withUnsafeMutableBytes(of: &buffer) { storage in
            inet_pton(AF_INET, host, storage.baseAddress) == 1 || inet_pton(AF_INET6, host, storage.baseAddress) == 1
        }
    }
}
