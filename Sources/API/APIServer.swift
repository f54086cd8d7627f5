import HummingbirdCore
import NIOCore

/// How the API's listeners serve HTTP/1: the same for the Unix socket and TCP, and for the
/// tests that run the router live.
public enum APIServer {
    /// HTTP/1 closing connections silent for `idleTimeout` seconds (between requests or
    /// halfway through one; never one whose answer is being written), and connections whose
    /// client has hung up.
    public static func http1(idleTimeout: Double?) -> HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [ClientHangUpHandler()],
                                    idleTimeout: idleTimeout.map { .milliseconds(Int64($0 * 1000)) }))
    }
}
