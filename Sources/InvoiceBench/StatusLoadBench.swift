import AsyncHTTPClient
import Foundation
import GRDB
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
        // The comparison build may predate ocr.worker_nice (and would refuse the unknown key).
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
            let samples = try await load(client: client, ids: ids, cores: cores)
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

    private func load(client: APIClient, ids: [String], cores: Int) async throws -> [Sample] {
        let total = Int(settings.statusRate * settings.statusSeconds)
        let interval = 1 / settings.statusRate
        let clock = ContinuousClock()
        let start = clock.now + .milliseconds(50)
        return try await withThrowingTaskGroup(of: Sample.self) { group in
            for index in 0..<total {
                let scheduled = start + .seconds(Double(index) * interval)
                try await Task.sleep(until: scheduled, clock: clock)
                let isStats = index % 2 == 1
                let path = isStats ? "/api/stats" : "/api/ocr/job/\(ids[index / 2 % ids.count])"
                group.addTask {
                    let sent = clock.now
                    let reply = try? await client.get(path, timeout: .seconds(10))
                    let done = clock.now
                    let ok = reply?.status == 200
                    let allBusy = isStats && (reply?.object["workers_busy"] as? Int ?? 0) >= cores
                    return Sample(isStats: isStats, milliseconds: (done - sent).milliseconds,
                                  lateMilliseconds: (sent - scheduled).milliseconds, ok: ok, allBusy: allBusy)
                }
            }
            var samples: [Sample] = []
            samples.reserveCapacity(total)
            for try await sample in group { samples.append(sample) }
            return samples
        }
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
