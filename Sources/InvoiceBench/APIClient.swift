import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP to the daemon over its Unix socket (`http+unix://`), as `invoicectl` talks to it.
public struct APIClient: Sendable {
    /// One answer: status and body.
    public struct Reply: Sendable {
        public var status: Int
        public var body: ByteBuffer
        /// The body as text.
        public var text: String { String(buffer: body) }
        /// The body as a JSON object (empty when it is not one).
        public var object: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// A request that could not be sent or answered.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let client: HTTPClient
    private let socket: String

    /// A client of the daemon listening on `socket`, sending through `client`.
    public init(socket: String, client: HTTPClient = .shared) {
        self.socket = socket
        self.client = client
    }

    /// A client whose connection pool keeps enough connections open for a steady open-loop
    /// load (requests are issued on schedule, not when the previous one answered).
    public static func makeLoadClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// GET `path`.
    public func get(_ path: String, timeout: TimeAmount = .seconds(30)) async throws -> Reply {
        try await send(HTTPClientRequest(url: try url(path)), timeout: timeout)
    }

    /// POST a multipart form with `bytes` in field `field` (named `filename`).
    public func upload(_ path: String, field: String, filename: String, bytes: ByteBuffer,
                       timeout: TimeAmount = .seconds(30)) async throws -> Reply {
        let boundary = "invoiced-bench-\(UUID().uuidString)"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n")
        body.writeImmutableBuffer(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var request = HTTPClientRequest(url: try url(path))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(body)
        return try await send(request, timeout: timeout)
    }

    /// GET `path` and hand each chunk of the body to `chunk` as it arrives, until it returns
    /// false, the body ends, or `timeout` passes (a Server-Sent Events stream); `opened` is
    /// called once the daemon has answered, i.e. the subscription exists.
    public func stream(_ path: String, timeout: TimeAmount, opened: () -> Void = {}, _ chunk: (ByteBuffer) throws -> Bool) async throws {
        var request = HTTPClientRequest(url: try url(path))
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response = try await client.execute(request, timeout: timeout)
        opened()
        for try await part in response.body where try !chunk(part) { return }
    }

    private func send(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> Reply {
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), body: body)
    }

    private func url(_ path: String) throws -> String {
        guard let url = URL(httpURLWithSocketPath: socket, uri: path) else {
            throw Failure(description: "cannot make a URL for socket \(socket)")
        }
        return url.absoluteString
    }
}
