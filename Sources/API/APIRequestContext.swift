import Hummingbird
import LinuxSupport
import NIOCore

/// A request context that can say who is at the other end of the connection.
public protocol PeerCredentialsContext: RequestContext {
    /// The caller's credentials on a Unix socket; nil over TCP, where there are none.
    func peerCredentials() async -> PeerCredentials?
}

/// The context of every route: Hummingbird's basics, and the connection the request came on,
/// whose peer credentials tell who the caller on the Unix socket is.
public struct APIRequestContext: PeerCredentialsContext {
    public var coreContext: CoreRequestContextStorage
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    public func peerCredentials() async -> PeerCredentials? {
        guard case .unixDomainSocket = channel.localAddress, let socket = channel as? any SocketOptionProvider else { return nil }
        let value: EventLoopFuture<PeerCredentials> = socket.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: PeerCredentials.socketOption))
        return try? await value.get()
    }
}
