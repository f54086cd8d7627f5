import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import TestSupport

/// A stand-in for invoiced that `invoicectl` talks to: real HTTP on a real Unix socket in a
/// temp folder, answering each `METHOD /path` with the canned reply the test gave and 404
/// `{"error": ...}` (as the daemon words it) for anything else, and keeping every request it
/// got so that a test can check what `invoicectl` asked for.
final class StubDaemon: Sendable {
    /// The folder holding the socket; also the working folder `invoicectl` runs in, so that
    /// no `./data/invoiced.sock` or `./config/invoiced.yaml` of the checkout is found.
    let folder: TemporaryDirectory
    /// The socket's path: what `--socket` is given.
    var socket: String { folder.appending("invoiced.sock") }

    private let replies: [String: StubReply]
    private let requests = Mutex<[StubRequest]>([])

    private init(replies: [String: StubReply]) throws {
        folder = try TemporaryDirectory(prefix: "invoicectl-stub")
        self.replies = replies
    }

    /// Every request so far, in order of arrival.
    var received: [StubRequest] { requests.withLock { $0 } }

    /// Runs a stub answering `replies` (keyed by `"GET /api/stats"`: method and path without
    /// the query) for the time of `body`.
    static func run<T>(_ replies: [String: StubReply] = [:], _ body: (StubDaemon) async throws -> T) async throws -> T {
        let stub = try StubDaemon(replies: replies)
        var logger = Logger(label: "invoicectl-stub")
        logger.logLevel = .warning
        let (listening, listeningNow) = AsyncStream<Void>.makeStream()
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await stub.respond(to: request) },
            configuration: .init(address: .unixDomainSocket(path: stub.socket), serverName: "invoicectl-stub"),
            onServerRunning: { _ in
                listeningNow.yield()
                listeningNow.finish()
            },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask {
                // A server that cannot bind ends the wait below instead of leaving it hanging.
                defer { listeningNow.finish() }
                try await services.run()
            }
            // invoicectl runs only once the socket accepts connections.
            var iterator = listening.makeAsyncIterator()
            guard await iterator.next() != nil else {
                _ = try await group.next()
                throw StubDidNotStart(socket: stub.socket)
            }
            do {
                let value = try await body(stub)
                await services.triggerGracefulShutdown()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }

    private func respond(to request: Request) async throws -> Response {
        var body = request.body
        let bytes = try await body.collect(upTo: 1 << 20)
        let received = StubRequest(method: request.method.rawValue, target: request.head.path ?? "/",
                                   body: Data(bytes.readableBytesView))
        requests.withLock { $0.append(received) }
        let reply = replies["\(received.method) \(received.path)"]
            ?? .json(status: 404, #"{"error":"no route for \#(received.method) \#(received.path)"}"#)
        return reply.response
    }
}

/// The stub's server stopped before it listened.
struct StubDidNotStart: Error, CustomStringConvertible {
    var socket: String
    var description: String { "the stub daemon never listened on \(socket)" }
}

/// What the stub answers one route with.
enum StubReply: Sendable {
    /// JSON text with a status, as the daemon's routes answer.
    case json(status: Int = 200, String)
    /// Any body: CSV, a proxy's HTML page, a truncated answer.
    case body(status: Int = 200, contentType: String, String)
    /// Server-Sent Events, the whole stream at once and then its end (`/api/events`, a
    /// streamed chat): each element is one frame's lines without the blank line after it.
    case events([String])

    var response: Response {
        switch self {
        case let .json(status, text):
            return Self.response(status, "application/json", text)
        case let .body(status, contentType, text):
            return Self.response(status, contentType, text)
        case let .events(frames):
            return Self.response(200, "text/event-stream", frames.map { $0 + "\n\n" }.joined())
        }
    }

    private static func response(_ status: Int, _ contentType: String, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: contentType],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A request the stub got, as `invoicectl` sent it.
struct StubRequest: Sendable {
    /// `GET`, `POST`, `DELETE`.
    var method: String
    /// The path and query exactly as sent, percent-encoding kept.
    var target: String
    /// The raw body.
    var body: Data

    /// The path without the query, still percent-encoded (`/api/ocr/job/a%2Fb`).
    var path: String { String(target.prefix { $0 != "?" }) }

    /// The query's pairs, decoded (`seller=%C4%90i%E1%BB%87n` as `Điện`).
    var query: [String: String] {
        let items = URLComponents(string: target)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
}
