import Glibc
import LinuxSupport

/// One keep-alive HTTP/1.1 connection to the daemon's Unix socket, used from one thread
/// with blocking calls: the status load's client.
///
/// A load generator's own scheduling counts in the latencies it reports. With
/// AsyncHTTPClient each request crosses from a task to its event loop and back, and while
/// every core runs an OCR worker those wake-ups alone cost the client milliseconds at p99
/// (docs/BENCHMARKS.md). This does what curl or Python's http.client does: write the
/// request, read the answer, on the thread that timed it. It understands only what the
/// daemon sends to a GET: a status line, headers and a `Content-Length` body.
final class BlockingHTTPConnection {
    struct Reply {
        var status: Int
        var body: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 << 10)

    init(socket path: String) throws {
        fd = try UnixSocket.connect(to: path)
        // A daemon that stops answering is an error after 10 s, not a bench that hangs.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        guard setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            close(fd)
            throw Failure(description: "cannot set a read timeout on the socket")
        }
    }

    deinit { close(fd) }

    /// GET `path` and wait for the whole answer.
    func get(_ path: String) throws -> Reply {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: invoiced\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            sent += try request[sent...].withUnsafeBytes { raw in
                try SystemCall.retrying("write(socket)") { write(fd, raw.baseAddress, raw.count) }
            }
        }
        let headerEnd = try readUntilHeaderEnd()
        guard let head = String(validating: buffer[..<headerEnd], as: UTF8.self) else {
            throw Failure(description: "answer headers are not UTF-8")
        }
        let lines = head.split(separator: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line: \(lines.first ?? "")")
        }
        let lengthLine = lines.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
        guard let lengthLine, let length = Int(lengthLine.dropFirst("content-length:".count).filter { $0 != " " }) else {
            throw Failure(description: "answer without Content-Length: \(head)")
        }
        let bodyStart = headerEnd + 4
        while buffer.count < bodyStart + length { try fill() }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return Reply(status: status, body: body)
    }

    /// Index of the blank line's "\r\n\r\n" in `buffer`, reading until it arrives.
    private func readUntilHeaderEnd() throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= 4 {
                for index in searchFrom...(buffer.count - 4)
                where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                    return index
                }
                searchFrom = buffer.count - 3
            }
            try fill()
        }
    }

    private func fill() throws {
        let count = try chunk.withUnsafeMutableBytes { raw in
            try SystemCall.retrying("read(socket)") { read(fd, raw.baseAddress, raw.count) }
        }
        guard count > 0 else { throw Failure(description: "the daemon closed the connection") }
        buffer.append(contentsOf: chunk[..<count])
    }
}
