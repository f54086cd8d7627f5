import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// Wakes this node's idle workers when any node makes a job runnable: a connection of its
/// own LISTENs on `invoiced_jobs`, which the store's trigger NOTIFYs. When the connection
/// drops (the server restarted, the link went down) it reconnects every `retryDelay` until
/// stopped; meanwhile the workers' own poll (every few seconds) finds the jobs anyway.
/// With `onEvent`, the same connection hears the other nodes' job events
/// (`PostgresEventRelay.channel`), for this node's live subscribers.
public final class PostgresJobWakeups: Sendable {
    public static let channel = "invoiced_jobs"

    private let session: PostgresSession
    private let onRunnable: @Sendable () -> Void
    private let onEvent: (@Sendable (String) -> Void)?
    private let retryDelay: TimeAmount
    private let state = Mutex<(connection: PostgresConnection?, stopped: Bool)>((nil, false))
    /// How many times a LISTEN connection was made (the first and every reconnection).
    private let listens = Atomic<Int>(0)

    public init(session: PostgresSession, retryDelay: TimeAmount = .seconds(1), onRunnable: @escaping @Sendable () -> Void,
                onEvent: (@Sendable (String) -> Void)? = nil) {
        self.session = session
        self.retryDelay = retryDelay
        self.onRunnable = onRunnable
        self.onEvent = onEvent
    }

    /// Times a LISTEN was set up; more than one means it came back after a drop.
    public var listenCount: Int { listens.load(ordering: .relaxed) }

    /// Whether a LISTEN connection is up now.
    public var isListening: Bool { state.withLock { $0.connection.map { !$0.isClosed } ?? false } }

    /// Listens from now on; a first failure to connect is retried like a drop.
    public func start() {
        listen()
    }

    /// Stops listening and reconnecting.
    public func stop() {
        let connection = state.withLock { state -> PostgresConnection? in
            state.stopped = true
            defer { state.connection = nil }
            return state.connection
        }
        if let connection { try? connection.close().wait() }
    }

    private func listen() {
        guard !state.withLock({ $0.stopped }) else { return }
        var opened: PostgresConnection?
        do {
            let connection = try session.connect()
            opened = connection
            let onRunnable = self.onRunnable
            connection.addListener(channel: Self.channel) { _, _ in onRunnable() }
            _ = try connection.query("LISTEN \(unescaped: Self.channel)", logger: session.logger).wait()
            if let onEvent {
                connection.addListener(channel: PostgresEventRelay.channel) { _, notification in onEvent(notification.payload) }
                _ = try connection.query("LISTEN \(unescaped: PostgresEventRelay.channel)", logger: session.logger).wait()
            }
            let kept = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connection = connection
                return true
            }
            guard kept else { try? connection.close().wait(); return }
            listens.add(1, ordering: .relaxed)
            // Jobs made runnable while no one listened are found by this wake-up.
            onRunnable()
            connection.closeFuture.whenComplete { [self] _ in retryLater(on: connection.eventLoop) }
        } catch {
            if let opened, !opened.isClosed { try? opened.close().wait() }
            session.logger.warning("cannot listen for new jobs on the store; workers poll until it comes back",
                                   metadata: ["error": "\(String(reflecting: error))"])
            retryLater(on: MultiThreadedEventLoopGroup.singleton.next())
        }
    }

    /// Reconnects after `retryDelay`, off the event loop (connecting blocks).
    private func retryLater(on eventLoop: any EventLoop) {
        guard !state.withLock({ $0.stopped }) else { return }
        eventLoop.scheduleTask(in: retryDelay) { [self] in
            NIOThreadPool.singleton.submit { [self] _ in listen() }
        }
    }
}
