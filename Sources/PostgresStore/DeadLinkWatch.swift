import Glibc
import NIOCore
import NIOPosix

/// How soon a TCP connection over a dead link is given up, on both of its ends. A link that
/// goes silent (a node cut off from the network, the server's host gone without a word)
/// sends no error: without this, a worker waits on its statement for TCP's retransmissions
/// (a quarter of an hour), and the server keeps the node's sessions, and any row locks they
/// hold, for its keepalive default of two hours.
///
/// Both ends probe a connection quiet for 10 s, 5 s apart, and give up after 3 unanswered
/// probes; data unacknowledged for 20 s ends it too. A link back within that time loses
/// nothing; one down longer costs the connection, and the next call opens a new one.
enum DeadLinkWatch {
    static let idleSeconds = 10
    static let probeIntervalSeconds = 5
    static let probes = 3
    static let unacknowledgedMilliseconds = 20_000

    /// The server's side, as startup parameters of each connection (PostgreSQL 12 and newer;
    /// ignored on a socket folder's connections).
    static let serverParameters: [(String, String)] = [
        ("tcp_keepalives_idle", "\(idleSeconds)"),
        ("tcp_keepalives_interval", "\(probeIntervalSeconds)"),
        ("tcp_keepalives_count", "\(probes)"),
        ("tcp_user_timeout", "\(unacknowledgedMilliseconds)"),
    ]

    /// The daemon's side: a bootstrap whose sockets carry the same limits.
    static func bootstrap(on eventLoop: any EventLoop, connectTimeout: TimeAmount) -> ClientBootstrap {
        ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelOption(.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_KEEPIDLE)), value: SocketOptionValue(idleSeconds))
            .channelOption(.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_KEEPINTVL)), value: SocketOptionValue(probeIntervalSeconds))
            .channelOption(.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_KEEPCNT)), value: SocketOptionValue(probes))
            .channelOption(.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_USER_TIMEOUT)), value: SocketOptionValue(unacknowledgedMilliseconds))
    }
}
