import AsyncHTTPClient
import Foundation
import GRDB
import LinuxSupport
import NIOCore

/// Figure 3: `GET /api/ocr/job/{id}` and `GET /api/stats` over the Unix socket at a steady
/// rate while every worker is busy with OCR. The load is open-loop: requests leave on a
/// fixed schedule whether or not earlier ones have answered, so a slow answer cannot hide
/// the ones that would have queued behind it.
struct StatusLoadBench {
    let settings: BenchSettings
    let corpus: [Corpus.Invoice]

    struct Result {
        /// `ocr.worker_nice` the daemon ran with.
        var workerNice = 10
        /// Whether every worker was reading during the load (false: the idle reference).
        var busy = true
        /// Whether this is the comparison build.
        var before = false
        /// Milliseconds from send to the end of the body, per route.
        var job = Samples()
        var stats = Samples()
        /// Milliseconds each request left after its scheduled time (the load generator's own lag).
        var lateness = Samples()
        var errors = 0
        /// Share of `/api/stats` answers that reported every worker busy.
        var busyShare = 0.0
        var rate = 0.0
        var seconds = 0.0
    }

    private struct Sample: Sendable {
        var isStats: Bool
        var milliseconds: Double
        var lateMilliseconds: Double
        var ok: Bool
        var allBusy: Bool
    }

    /// One measurement with the worker threads at `workerNice` (the daemon's default is 10;
    /// 0 shows what lowering their priority bought); with `busy` false, the same load on an
    /// idle daemon, for reference.
    func run(workerNice: Int, busy: Bool = true, before: Bool = false, log: Log) async throws -> Result {
        // The comparison build runs with its own default (nice 10 in builds that have
        // ocr.worker_nice; an older one would refuse the setting).
        let daemon = try await DaemonUnderTest.fresh("status-\(workerNice)-\(busy)-\(before)", settings: settings, settleMs: 0,
                                                     binary: before ? settings.compareBinary! : nil,
                                                     environment: before ? [:] : ["INVOICED_OCR_WORKER_NICE": "\(workerNice)"])
        // Enough OCR to keep every worker busy past the end of the load (about 1 s a page).
        let documents = busy ? Int(settings.statusSeconds * Double(settings.cores) * 1.5) + 2 * settings.cores : settings.cores
        let sources = try corpus.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0.path))) }
        for index in 0..<documents {
            try Dropper.renameIn(Corpus.unique(sources[index % sources.count], tag: "status-\(index)-\(UUID())"),
                                 to: "\(daemon.inbox)/status-\(index).png")
        }
        let httpClient = APIClient.makeLoadClient()
        let client = APIClient(socket: daemon.socket, client: httpClient)
        let cores = settings.cores
        var result = Result(workerNice: workerNice, busy: busy, before: before)
        do {
            // Wait until every worker reads a page (or, idle, until all are read), and warm
            // the connection pool.
            let deadline = Date().addingTimeInterval(120)
            while true {
                let stats = try await client.get("/api/stats").object
                if busy, stats["workers_busy"] as? Int ?? 0 >= cores { break }
                if !busy, stats["done"] as? Int ?? 0 >= documents { break }
                guard Date() < deadline else { throw BenchError("workers never reached the state wanted:\n\(daemon.logTail)") }
                try await Task.sleep(for: .milliseconds(20))
            }
            let ids = try await daemon.openDatabase().read { db in try String.fetchAll(db, sql: "SELECT id FROM ocr_jobs") }
            guard !ids.isEmpty else { throw BenchError("no jobs to look up") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 { group.addTask { _ = try await client.get("/api/stats") } }
                try await group.waitForAll()
            }
            let samples = try await load(socket: daemon.socket, ids: ids, cores: cores)
            for sample in samples {
                if !sample.ok { result.errors += 1; continue }
                if sample.isStats { result.stats.append(sample.milliseconds) } else { result.job.append(sample.milliseconds) }
                result.lateness.append(sample.lateMilliseconds)
            }
            let statsSamples = samples.filter { $0.isStats && $0.ok }
            result.busyShare = statsSamples.isEmpty ? 0 : Double(statsSamples.filter(\.allBusy).count) / Double(statsSamples.count)
            result.rate = settings.statusRate
            result.seconds = settings.statusSeconds
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        try await daemon.stopAndRemove()
        log.say("status load, \(before ? "before, " : "")worker_nice \(workerNice), \(busy ? "busy" : "idle"): job p99 \(format(result.job.percentile(99) ?? 0, 2)) ms, stats p99 \(format(result.stats.percentile(99) ?? 0, 2)) ms, errors \(result.errors), busy \(format(result.busyShare * 100, 0)) %")
        return result
    }

    /// The open-loop load: `connections` threads, each with its own keep-alive connection,
    /// take every `connections`-th request of the schedule. A request leaves at its time
    /// unless the previous answer on its connection is still awaited (then it is late, and
    /// its lateness is reported); with 8 connections that needs an answer slower than 16 ms.
    private func load(socket: String, ids: [String], cores: Int, connections: Int = 8) async throws -> [Sample] {
        let total = Int(settings.statusRate * settings.statusSeconds)
        let interval = 1 / settings.statusRate
        let start = Monotonic.seconds() + 0.05
        let perConnection = BlockingQueue<[Sample]>()
        let threads = (0..<connections).map { first in
            DedicatedThread(name: "status-load-\(first)") {
                var samples: [Sample] = []
                defer { perConnection.push(samples) }
                guard let connection = try? BlockingHTTPConnection(socket: socket) else { return }
                for index in stride(from: first, to: total, by: connections) {
                    let scheduled = start + Double(index) * interval
                    Monotonic.sleep(until: scheduled)
                    let isStats = index % 2 == 1
                    let path = isStats ? "/api/stats" : "/api/ocr/job/\(ids[index / 2 % ids.count])"
                    let sent = Monotonic.seconds()
                    let reply = try? connection.get(path)
                    let done = Monotonic.seconds()
                    let allBusy = isStats && reply.map { Self.workersBusy(in: $0.body) >= cores } ?? false
                    samples.append(Sample(isStats: isStats, milliseconds: (done - sent) * 1000,
                                          lateMilliseconds: (sent - scheduled) * 1000, ok: reply?.status == 200,
                                          allBusy: allBusy))
                    if reply == nil { return } // the connection is gone; the rest of its share are errors
                }
            }
        }
        for thread in threads { await thread.join() }
        var samples: [Sample] = []
        for _ in 0..<connections { samples += perConnection.pop() ?? [] }
        // Requests a broken connection never sent count as errors too.
        for _ in samples.count..<max(samples.count, total) {
            samples.append(Sample(isStats: false, milliseconds: 0, lateMilliseconds: 0, ok: false, allBusy: false))
        }
        return samples
    }

    private static func workersBusy(in body: [UInt8]) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return object?["workers_busy"] as? Int ?? 0
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
