import Glibc

/// What counts as loopback: an IP literal in 127.0.0.0/8 or `::1`. A host name is never
/// loopback, whatever it looks like (`127.attacker.example`) or resolves to today: DNS
/// decides where a name points, and can change its mind between two lookups.
public enum LoopbackAddress {
    /// Whether `host` (without brackets or port) is a loopback IP literal.
    public static func isLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // s_addr is in network order: its first byte in memory is the first octet.
            return withUnsafeBytes(of: &v4.s_addr) { $0[0] } == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// Whether `host` is an IP literal at all (v4 or v6), loopback or not.
    public static func isIPLiteral(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
