import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport

extension DaemonProcess {
    /// The TCP port the daemon listens on, from its "API listening http=..." line: started
    /// with port 0, the kernel picks a free one and nothing can take it in between.
    func waitForTCPPort(timeout: Double = 60) async throws -> Int {
        var port: Int?
        _ = await waitUntil(timeout: timeout) {
            // "... http=[IPv4]127.0.0.1/127.0.0.1:40123 [InvoiceDaemon] API listening"
            guard let line = log.split(separator: "\n").first(where: { $0.contains("API listening") && $0.contains("http=") }),
                  let start = line.range(of: "http=") else { return false }
            let address = line[start.upperBound...].prefix { $0 != " " }
            port = address.split(separator: ":").last.flatMap { Int($0) }
            return port != nil
        }
        guard let port else { throw TestFailure("no TCP listener within \(timeout) s; log:\n\(log)") }
        return port
    }
}

/// HTTP over TCP as a browser sends it: the `Host` it names (a proxy's public name, say), its
/// cookies, and redirects left for the test to look at rather than followed.
final class TCPClient {
    struct Reply {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: String
        /// The `Set-Cookie` value for `name`, whole (with its attributes).
        func setCookie(_ name: String) -> String? { headers["Set-Cookie"].first { $0.hasPrefix("\(name)=") } }
    }

    let port: Int
    let host: String
    /// The IP address connected to.
    let address: String
    private let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                    configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10))))

    /// A client of `address`:`port` whose requests say `Host: host` (by default the address itself).
    init(address: String = "127.0.0.1", port: Int, host: String? = nil) {
        self.address = address
        self.port = port
        self.host = host ?? "\(address):\(port)"
    }

    /// Runs `body` with a client, shut down however `body` ends (AsyncHTTPClient requires it).
    static func with<T>(address: String = "127.0.0.1", port: Int, host: String? = nil, _ body: (TCPClient) async throws -> T) async throws -> T {
        let client = TCPClient(address: address, port: port, host: host)
        do {
            let result = try await body(client)
            try await client.client.shutdown()
            return result
        } catch {
            try? await client.client.shutdown()
            throw error
        }
    }

    /// `method` `path` with `headers` (Host added unless given) and `body`, read whole.
    func send(_ method: HTTPMethod = .GET, _ path: String, headers: [(String, String)] = [], body: String? = nil) async throws -> Reply {
        let response = try await client.execute(request(method, path, headers: headers, body: body), timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: response.status, headers: response.headers, body: String(buffer: bytes))
    }

    /// Opens `path` as a stream and reads until what arrived contains `marker`, for at most
    /// `timeout` seconds; returns what arrived, and whether the marker was in it.
    func stream(_ path: String, headers: [(String, String)] = [], until marker: String, timeout: Double,
                whenOpen: () async throws -> Void) async throws -> (status: HTTPResponseStatus, text: String, found: Bool) {
        let response = try await client.execute(request(.GET, path, headers: headers), timeout: .seconds(Int64(timeout) + 5))
        guard response.status == .ok else { return (response.status, "", false) }
        let body = response.body
        let deadline = ContinuousClock.now + .seconds(timeout)
        // Signals the first chunk (the stream's opening comment: open through every hop).
        let (opened, openedIn) = AsyncStream<Void>.makeStream()
        let result = try await withThrowingTaskGroup(of: (String, Bool)?.self) { group in
            group.addTask {
                var text = ""
                // Cancelled at the deadline, the read throws: what arrived until then is the answer.
                do {
                    for try await chunk in body {
                        text += String(buffer: chunk)
                        openedIn.yield()
                        if text.contains(marker) { break }
                    }
                } catch {}
                openedIn.finish()
                return (text, text.contains(marker))
            }
            group.addTask {
                // The body's next chunk may never come: the deadline ends the wait by cancelling.
                try? await Task.sleep(until: deadline)
                openedIn.finish()
                return nil
            }
            var signals = opened.makeAsyncIterator()
            _ = await signals.next()
            if ContinuousClock.now < deadline { try await whenOpen() }
            var outcome: (String, Bool) = ("", false)
            while let next = try await group.next() {
                if let next { outcome = next }
                group.cancelAll()
            }
            return outcome
        }
        return (response.status, result.0, result.1)
    }

    private func request(_ method: HTTPMethod, _ path: String, headers: [(String, String)], body: String? = nil) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "http://\(address):\(port)\(path)")
        request.method = method
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { request.headers.add(name: "Host", value: host) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        return request
    }
}
