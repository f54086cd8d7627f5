import APIWire
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Talks HTTP to the daemon over its Unix socket.
struct DaemonClient: Sendable {
    /// The socket path.
    let socket: String

    /// The HTTP client for the socket. Not `HTTPClient.shared`: that one retries a refused
    /// connection until the request's deadline (a minute, for `watch` the connect timeout of
    /// 90 s), so the socket file a killed daemon leaves made every command hang before saying
    /// that nothing listens. A local socket connects at once or not at all.
    private static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// What went wrong talking to the daemon, worded for the person at the terminal.
    enum Failure: Error, CustomStringConvertible {
        /// Nothing listens on the socket.
        case notRunning(socket: String, detail: String)
        /// The daemon answered with an error status.
        case daemon(status: Int, message: String)

        var description: String {
            switch self {
            case let .notRunning(socket, detail):
                return "cannot reach invoiced at \(socket) (\(detail)). Is it running? Start it with `make run` or `systemctl start invoiced`, or point --socket (INVOICED_SOCKET) at its socket."
            case let .daemon(status, message):
                return "invoiced answered \(status): \(message)"
            }
        }
    }

    /// A response: status and body.
    struct Reply {
        var status: Int
        var body: ByteBuffer
        var text: String { String(buffer: body) }

        /// The body as the API's type for it (APIWire).
        func decode<Body: Decodable>(_ type: Body.Type) throws -> Body {
            do {
                return try WireJSON.decoder().decode(type, from: Data(body.readableBytesView))
            } catch {
                throw Failure.daemon(status: status, message: "unexpected answer: \(text.prefix(200))")
            }
        }

        /// The body as a JSON object of any keys, for views that list every field.
        func object() throws -> [String: JSONValue] {
            guard case let .object(members) = try decode(JSONValue.self) else {
                throw Failure.daemon(status: status, message: "unexpected answer: \(text.prefix(200))")
            }
            return members
        }

        /// The `error` of an error answer, or its text.
        var errorMessage: String {
            (try? WireJSON.decoder().decode(ErrorBody.self, from: Data(body.readableBytesView)))?.error ?? text
        }
    }

    func url(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: socket) else {
            throw Failure.notRunning(socket: socket, detail: "no socket there")
        }
        guard let url = URL(httpURLWithSocketPath: socket, uri: path) else {
            throw Failure.notRunning(socket: socket, detail: "not a usable socket path")
        }
        return url.absoluteString
    }

    /// Sends a request; error statuses throw `Failure.daemon` with the daemon's message,
    /// except those in `accepting` (an answer there, such as `/healthz`'s 503).
    func send(_ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, contentType: String? = nil,
              timeout: TimeAmount = .seconds(60), accepting: Set<Int> = []) async throws -> Reply {
        var request = HTTPClientRequest(url: try url(path))
        request.method = method
        if let body {
            request.body = .bytes(body)
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        }
        let response: HTTPClientResponse
        do {
            response = try await Self.http.execute(request, timeout: timeout)
        } catch {
            throw Failure.notRunning(socket: socket, detail: "\(error)")
        }
        let buffer = try await response.body.collect(upTo: 256 << 20)
        let reply = Reply(status: Int(response.status.code), body: buffer)
        guard reply.status < 400 || accepting.contains(reply.status) else {
            throw Failure.daemon(status: reply.status, message: reply.errorMessage)
        }
        return reply
    }

    /// POSTs a JSON `body` to `path` and reads the Server-Sent Events it answers with, calling
    /// `handle` with each event's name and `data` (JSON). An error status before the stream
    /// throws `Failure.daemon` like `send`.
    func streamPost(_ path: String, body: ByteBuffer, handle: (String, Data) async throws -> Void) async throws {
        var request = HTTPClientRequest(url: try url(path))
        request.method = .POST
        request.body = .bytes(body)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response: HTTPClientResponse
        do {
            response = try await Self.http.execute(request, timeout: .minutes(5))
        } catch {
            throw Failure.notRunning(socket: socket, detail: "\(error)")
        }
        guard response.status.code < 400 else {
            let reply = Reply(status: Int(response.status.code), body: try await response.body.collect(upTo: 1 << 20))
            throw Failure.daemon(status: reply.status, message: reply.errorMessage)
        }
        // Bytes, not text, until a frame is whole: a Vietnamese letter may be split between chunks.
        var pending: [UInt8] = []
        for try await chunk in response.body {
            pending += chunk.readableBytesView
            while let end = Self.frameEnd(in: pending) {
                let frame = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(..<(end + 2))
                var name = "message"
                var data = ""
                for line in frame.split(separator: "\n") {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data += line.dropFirst(6) }
                }
                try await handle(name, Data(data.utf8))
            }
        }
    }

    /// Where the first blank line (`\n\n`) of `bytes` starts.
    private static func frameEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in 0..<(bytes.count - 1) where bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
        return nil
    }

    /// Reads `/api/events` until the daemon ends it, calling `handle` with each event's
    /// `data`; one that is not a job event is skipped.
    func streamEvents(_ handle: (JobEventData) async throws -> Void) async throws {
        var request = HTTPClientRequest(url: try url("/api/events"))
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response: HTTPClientResponse
        do {
            response = try await Self.http.execute(request, timeout: .hours(24 * 365))
        } catch {
            throw Failure.notRunning(socket: socket, detail: "\(error)")
        }
        var pending = ""
        for try await chunk in response.body {
            pending += String(buffer: chunk)
            while let end = pending.range(of: "\n\n") {
                let frame = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                for line in frame.split(separator: "\n") where line.hasPrefix("data: ") {
                    if let event = try? WireJSON.decoder().decode(JobEventData.self, from: Data(line.dropFirst(6).utf8)) {
                        try await handle(event)
                    }
                }
            }
        }
    }
}
