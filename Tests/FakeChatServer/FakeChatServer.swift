import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// An OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1 at a port the kernel
/// picks, answering `POST /v1/chat/completions` with what the test's script says, and keeping
/// every request it got for the test to check.
public final class FakeChatServer: Sendable {
    /// What the script decides for one request: the request and its 0-based number.
    public typealias Script = @Sendable (ReceivedRequest, Int) async throws -> FakeReply

    private let script: Script
    private let state = Mutex(State())
    private let gate = Gate()

    private struct State {
        var port = 0
        var received: [ReceivedRequest] = []
    }

    private init(script: @escaping Script) {
        self.script = script
    }

    /// `http://127.0.0.1:PORT/v1`: what `chat.base_url` is set to.
    public var baseURL: String { "http://127.0.0.1:\(state.withLock { $0.port })/v1" }

    /// Every request so far, in order of arrival.
    public var received: [ReceivedRequest] { state.withLock { $0.received } }

    /// Runs a server with `script` for the time of `body`. Requests held by `.hang` or
    /// `.stallAfterHead` are let go before the server stops.
    public static func run<T>(_ script: @escaping Script, _ body: (FakeChatServer) async throws -> T) async throws -> T {
        let server = FakeChatServer(script: script)
        var logger = Logger(label: "fake-chat-server")
        logger.logLevel = .warning
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await server.respond(to: request) }
        let (ports, portFound) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-chat"),
            onServerRunning: { channel in
                portFound.yield(channel.localAddress?.port ?? 0)
                portFound.finish()
            },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            server.state.withLock { $0.port = port }
            do {
                let value = try await body(server)
                server.gate.open()
                await services.triggerGracefulShutdown()
                return value
            } catch {
                server.gate.open()
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }

    private func respond(to request: Request) async throws -> Response {
        var body = request.body
        let bytes = try await body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let received = ReceivedRequest(headers: headers, body: Data(bytes.readableBytesView))
        let index = state.withLock { state -> Int in
            state.received.append(received)
            return state.received.count - 1
        }
        return try await script(received, index).response(gate: gate)
    }
}

/// Lets held requests go: once open, every waiter and every later one passes.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let passNow = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if passNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
