import NIOCore

/// Closes a connection whose client has stopped sending (EOF on its side). Hummingbird keeps
/// such a half-closed connection open, and nothing reads it while an answer is being written:
/// an event stream whose client had gone would hold its descriptor and subscription until the
/// next job event failed to send. HTTP/1 clients do not half-close and then wait for an
/// answer, so a client that closes its side is treated as gone.
final class ClientHangUpHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
