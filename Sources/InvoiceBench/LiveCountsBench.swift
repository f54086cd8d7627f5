import APIWire
import Foundation
import NIOCore
import Synchronization

/// How far behind the dashboard's live counts are: from a file closed in the inbox to its
/// `job.queued` event at a subscriber of `/api/events` (what the dashboard counts from).
enum LiveCountsBench {
    /// Milliseconds per file; `files` dropped one every 100 ms while the stream is read.
    static func measure(client: APIClient, inbox: String, files: Int, images: [[UInt8]], tag: String) async throws -> Samples {
        let book = Book()
        let (subscribed, subscription) = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var pending = ""
                try await client.stream("/api/events", timeout: .seconds(Int64(files) / 10 + 60),
                                        opened: { subscription.finish() }) { chunk in
                    pending += String(buffer: chunk)
                    while let end = pending.range(of: "\n\n") {
                        let frame = String(pending[..<end.lowerBound])
                        pending.removeSubrange(..<end.upperBound)
                        book.record(frame, at: Monotonic.seconds())
                    }
                    return book.lags.withLock { $0.count } < files
                }
            }
            group.addTask {
                // The first file is dropped once the daemon has answered the subscription: a
                // later one would count the connection, not the daemon.
                for await _ in subscribed {}
                for index in 0..<files {
                    let name = "\(tag)-\(index).png"
                    try Dropper.write(Corpus.unique(images[index % images.count], tag: "\(tag)-\(index)-\(UUID())"), to: "\(inbox)/\(name)")
                    book.closedAt.withLock { $0[name] = Monotonic.seconds() }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            try await group.waitForAll()
        }
        let result = book.lags.withLock { $0 }
        guard result.count == files else { throw BenchError("\(files - result.count) of \(files) job.queued events never came") }
        return result
    }

    /// When each file was dropped, and the lags measured so far, shared by the stream's
    /// reader and the dropper.
    final class Book: Sendable {
        let closedAt = Mutex<[String: Double]>([:])
        let lags = Mutex(Samples())

        /// The lag of one SSE frame if it is the `job.queued` event of a file this run dropped.
        func record(_ frame: String, at arrival: Double) {
            guard frame.contains("event: job.queued"), let line = frame.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }),
                  let event = try? WireJSON.decoder().decode(JobEventData.self, from: Data(line.dropFirst(6).utf8)),
                  let closed = closedAt.withLock({ $0.removeValue(forKey: event.filename) }) else { return }
            lags.withLock { $0.append((arrival - closed) * 1000) }
        }
    }
}
