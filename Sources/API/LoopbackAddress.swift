import Glibc

/// What counts as loopback: an IP literal in 127.0.0.0/8 or `::1`. A host name is never
/// loopback, whatever it looks like (`127.attacker.example`) or resolves to today: DNS
/// decides where a name points, and can change its mind between two lookups.
public enum LoopbackAddress {
    /// Whether `host` (without brackets or port) is a loopback IP literal.
    public static func isLiteral(_ host: String) -> Bool {
        // Plain byte buffers, not in_addr/in6_addr: with NIOPosix in the module, a release
        // build found those structs in CNIOLinux as well as Glibc and refused their init().
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, host, &v4) == 1 {
            // Network order: the first byte is the first octet.
            return v4[0] == 127
        }
        var v6 = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return v6.prefix(15).allSatisfy { $0 == 0 } && v6[15] == 1
        }
        return false
    }

    /// Whether `host` is an IP literal at all (v4 or v6), loopback or not.
    public static func isIPLiteral(_ host: String) -> Bool {
        var v4 = [UInt8](repeating: 0, count: 4), v6 = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
