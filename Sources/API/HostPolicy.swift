/// The `Host` (and `Origin`) values the TCP listener answers to. A page in the user's browser
/// can make its own name resolve to 127.0.0.1 (DNS rebinding) and then read the API as if it
/// were that page's own site; its requests still carry its own name in `Host`, so answering
/// only to names we know closes that door.
public struct HostPolicy: Sendable, Equatable {
    /// Host names accepted besides `localhost` and loopback literals (`api.http_hosts`), lower case.
    public var names: Set<String>
    /// Also accept any IP literal: the listener is bound beyond loopback (with a token), and
    /// other machines address it by its IP. A rebinding page never sends an IP literal.
    public var acceptsIPLiterals: Bool

    /// A policy accepting `names` (case ignored).
    public init(names: [String] = [], acceptsIPLiterals: Bool = false) {
        self.names = Set(names.map { $0.lowercased() })
        self.acceptsIPLiterals = acceptsIPLiterals
    }

    /// Whether a request for `host` (no port, no brackets, lower case) is for this daemon.
    public func accepts(host: String) -> Bool {
        LoopbackAddress.isLiteral(host) || host == "localhost" || names.contains(host)
            || (acceptsIPLiterals && LoopbackAddress.isIPLiteral(host))
    }

    /// The host of a `Host` header or URL authority: `name`, `name:port`, `[v6]` or
    /// `[v6]:port`, lower-cased; nil for anything else (user info, a bad port, an empty name).
    public static func host(ofAuthority authority: some StringProtocol) -> String? {
        var rest = Substring(authority)
        let host: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            rest = rest[colon...]
        } else {
            host = rest
            rest = ""
        }
        if !rest.isEmpty {
            let port = rest.dropFirst()
            guard rest.first == ":", (1...5).contains(port.count), port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:".contains($0)) }) else { return nil }
        return host.lowercased()
    }

    /// The host of an `Origin` header (`scheme://authority`); nil for `null` or anything odd.
    public static func host(ofOrigin origin: String) -> String? {
        let lowered = origin.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            return host(ofAuthority: lowered.dropFirst(scheme.count))
        }
        return nil
    }
}
