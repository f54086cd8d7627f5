import AsyncHTTPClient
import NIOCore
import Synchronization

/// The HTTP client to the chat server, made at the first question and closed once.
///
/// An `HTTPClient` must be shut down before it goes away (AsyncHTTPClient stops the process
/// otherwise). Made lazily, a daemon that fails to start, or never gets a question, has none
/// to close; once closed, a late question fails instead of opening a new one.
final class LazyHTTPClient: Sendable {
    private enum State {
        case idle
        case open(HTTPClient)
        case closed
    }

    private let state = Mutex(State.idle)
    private let configuration: HTTPClient.Configuration

    init(configuration: HTTPClient.Configuration) {
        self.configuration = configuration
    }

    /// The client, made on first use.
    func get() throws -> HTTPClient {
        try state.withLock { state in
            switch state {
            case .idle:
                let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
                state = .open(client)
                return client
            case let .open(client):
                return client
            case .closed:
                throw ChatError.unreachable("the daemon is shutting down")
            }
        }
    }

    /// Closes the client if one was made; later calls to `get` fail.
    func shutdown() async throws {
        let client = state.withLock { state -> HTTPClient? in
            defer { state = .closed }
            if case let .open(client) = state { return client }
            return nil
        }
        try await client?.shutdown()
    }
}
