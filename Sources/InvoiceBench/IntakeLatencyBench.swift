import Foundation
import GRDB
import Glibc

/// Figure 2: from a file closed in the inbox to its job row visible (`queued`, intake
/// finished), with `inbox.settle_ms` 0 and with the default 1000 ms.
struct IntakeLatencyBench {
    let settings: BenchSettings
    let smallImages: [[UInt8]]

    /// Milliseconds per file, by settle time.
    func run(settles: [Int], log: Log) async throws -> [Int: Samples] {
        var result: [Int: Samples] = [:]
        for settle in settles {
            let daemon = try await DaemonUnderTest.fresh("latency-\(settle)", settings: settings, settleMs: settle)
            let inbox = daemon.inbox
            let databasePath = daemon.databasePath
            let files = settings.latencyFiles
            let images = smallImages
            let samples = try await Blocking.run {
                try Self.measure(files: files, images: images, tag: "lat\(settle)", inbox: inbox, databasePath: databasePath,
                                 timeout: Double(settle) / 1000 + 30)
            }
            result[settle] = samples
            log.say("drop-to-queued, settle \(settle) ms: p50 \(format(samples.median ?? 0, 1)) ms, p99 \(format(samples.percentile(99) ?? 0, 1)) ms")
            try await daemon.stopAndRemove()
        }
        return result
    }

    /// One thread drops a file every 50 ms (write, close: the time is taken when `close`
    /// returns) and, between drops, polls the database every 0.5 ms for the jobs whose
    /// intake has finished. Resolution: the poll interval plus one query (~0.1 ms).
    static func measure(files: Int, images: [[UInt8]], tag: String, inbox: String, databasePath: String,
                        timeout: Double) throws -> Samples {
        var configuration = Configuration()
        configuration.readonly = true
        let db = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? db.close() }
        var closedAt: [String: Double] = [:]
        var samples = Samples()
        let since = Date().addingTimeInterval(-1)
        var next = Monotonic.seconds()
        var dropped = 0
        var deadline = Double.infinity
        while samples.count < files {
            let now = Monotonic.seconds()
            if dropped < files && now >= next {
                let name = "\(tag)-\(dropped).png"
                try Dropper.write(Corpus.unique(images[dropped % images.count], tag: "\(tag)-\(dropped)-\(UUID())"),
                                  to: "\(inbox)/\(name)")
                closedAt[name] = Monotonic.seconds()
                dropped += 1
                next += 0.05
                if dropped == files { deadline = Monotonic.seconds() + timeout }
            }
            // Only rows created since the start (the `created_at` index): on a store of a
            // million jobs, reading them all every 0.5 ms would measure the poll, not intake.
            let visible = try db.read { db in
                try String.fetchAll(db, sql: "SELECT filename FROM ocr_jobs WHERE created_at >= ? AND intake_pending = 0",
                                    arguments: [since])
            }
            let seenAt = Monotonic.seconds()
            for name in visible {
                if let closed = closedAt.removeValue(forKey: name) { samples.append((seenAt - closed) * 1000) }
            }
            if Monotonic.seconds() > deadline { throw BenchError("\(closedAt.count) files never queued") }
            usleep(500)
        }
        return samples
    }
}

/// A clock that never jumps (CLOCK_MONOTONIC), in seconds.
enum Monotonic {
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Sleeps until `seconds` on the same clock (for threads that keep a schedule).
    static func sleep(until seconds: Double) {
        var time = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
    }
}
