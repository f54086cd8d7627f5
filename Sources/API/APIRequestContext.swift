import Hummingbird
import LinuxSupport
import NIOCore

/// A request context that knows its connection: who is at the other end, and when it goes.
public protocol ConnectionContext: RequestContext {
    /// The caller's credentials on a Unix socket; nil over TCP, where there are none.
    func peerCredentials() async -> PeerCredentials?
    /// Returns when the connection has closed, or when the calling task is cancelled.
    func connectionClosed() async
}

/// The context of every route: Hummingbird's basics, and the connection the request came on,
/// whose peer credentials tell who the caller on the Unix socket is.
public struct APIRequestContext: ConnectionContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The peer of a TCP connection (who is asking, or the proxy in front); nil on the Unix socket.
    public var remoteAddress: SocketAddress? {
        guard case .unixDomainSocket = channel.localAddress else { return channel.remoteAddress }
        return nil
    }

    public func peerCredentials() async -> PeerCredentials? {
        guard case .unixDomainSocket = channel.localAddress, let socket = channel as? any SocketOptionProvider else { return nil }
        let value: EventLoopFuture<PeerCredentials> = socket.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: PeerCredentials.socketOption))
        return try? await value.get()
    }

    public func connectionClosed() async {
        // A future cannot be cancelled; a stream it finishes can be left on cancellation.
        let (closed, signal) = AsyncStream<Void>.makeStream()
        channel.closeFuture.whenComplete { _ in signal.finish() }
        for await _ in closed {}
    }
}
