import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Talks HTTP to the daemon over its Unix socket.
struct DaemonClient: Sendable {
    /// The socket path.
    let socket: String

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

        /// The body as a JSON object.
        func object() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw Failure.daemon(status: status, message: "unexpected answer: \(text.prefix(200))")
            }
            return object
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

    /// Sends a request; error statuses throw `Failure.daemon` with the daemon's message.
    func send(_ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, contentType: String? = nil,
              timeout: TimeAmount = .seconds(60)) async throws -> Reply {
        var request = HTTPClientRequest(url: try url(path))
        request.method = method
        if let body {
            request.body = .bytes(body)
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch {
            throw Failure.notRunning(socket: socket, detail: "\(error)")
        }
        let buffer = try await response.body.collect(upTo: 256 << 20)
        let reply = Reply(status: Int(response.status.code), body: buffer)
        guard reply.status < 400 else {
            let message = (try? reply.object())?["error"] as? String ?? reply.text
            throw Failure.daemon(status: reply.status, message: message)
        }
        return reply
    }

    /// Reads `/api/events` until the daemon ends it, calling `handle` with each event's
    /// `data` as a JSON object.
    func streamEvents(_ handle: ([String: Any]) async throws -> Void) async throws {
        var request = HTTPClientRequest(url: try url("/api/events"))
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .hours(24 * 365))
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
                    if let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any] {
                        try await handle(object)
                    }
                }
            }
        }
    }
}
