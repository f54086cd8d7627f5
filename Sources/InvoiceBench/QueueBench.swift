import Foundation
import GRDB
import JobStore
import LinuxSupport
import LocalPostgres
import Logging
import PostgresStore
import Synchronization

/// Figure 8: the job queue itself, on a store of many finished jobs: how long a worker
/// waits for its claim, on the SQLite store (one host) and on PostgreSQL (a private server
/// of the bench's own; `FOR UPDATE SKIP LOCKED`, two claimers as two nodes), same rows and
/// same claimers in one run.
struct QueueBench {
    let settings: BenchSettings

    struct Result {
        var finishedRows = 0
        var runnable = 0
        var claimers = 2
        var sqlite = Samples()
        var sqliteSeconds = 0.0
        var postgres = Samples()
        var postgresSeconds = 0.0
    }

    func run(log: Log) async throws -> Result {
        var result = Result(finishedRows: settings.storeRows, runnable: settings.quick ? 200 : 2_000)
        let root = "\(settings.workRoot)/queue"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if !settings.keepWork { try? FileManager.default.removeItem(atPath: root) } }

        log.say("queue: SQLite store of \(result.finishedRows.formatted()) finished jobs and \(result.runnable) runnable")
        let sqlite = try JobStore(path: "\(root)/invoiced.sqlite")
        let (done, queued) = (result.finishedRows, result.runnable)
        try await sqlite.pool.write { db in try db.execute(sql: Self.sqliteFill, arguments: ["done": done, "queued": queued]) }
        (result.sqlite, result.sqliteSeconds) = await claimAll(from: [sqlite, sqlite])

        log.say("queue: a private PostgreSQL server, the same rows")
        let server = try await Blocking.run { () throws -> LocalPostgresServer in
            let server = try LocalPostgresServer()
            try server.createDatabase("bench")
            return server
        }
        let location = try PostgresLocation(parsing: server.socketAddress("bench"))
        let claimers = result.claimers
        let nodes = try await Blocking.run {
            try (0..<claimers).map { index in
                try PostgresInvoiceStore(session: PostgresSession(location: location, password: nil, logger: Logger(label: "bench-node-\(index)")))
            }
        }
        try await Blocking.run {
            try nodes[0].session.run(Self.postgresFill(done: done, queued: queued))
            try nodes[0].session.run("ANALYZE ocr_jobs")
        }
        (result.postgres, result.postgresSeconds) = await claimAll(from: nodes)
        try await Blocking.run { nodes.forEach { $0.session.close() } }
        log.say("queue: claim p99 \(format(result.sqlite.percentile(99) ?? 0, 2)) ms on SQLite, "
            + "\(format(result.postgres.percentile(99) ?? 0, 2)) ms on PostgreSQL")
        return result
    }

    /// Each claimer on a thread of its own claims until the queue is empty; every claim's
    /// wait in milliseconds, and the seconds the whole queue took.
    private func claimAll(from queues: [any JobQueue]) async -> (Samples, Double) {
        let samples = Mutex<[Double]>([])
        let started = ContinuousClock.now
        let threads = queues.enumerated().map { index, queue in
            DedicatedThread(name: "queue-bench-\(index)") {
                var mine: [Double] = []
                while true {
                    let before = ContinuousClock.now
                    guard (try? queue.claimNext(holder: "bench-\(index)/worker-0", now: Date(), lease: 600)) != nil else { break }
                    mine.append((ContinuousClock.now - before).milliseconds)
                }
                samples.withLock { $0 += mine }
            }
        }
        for thread in threads { await thread.join() }
        let elapsed = ContinuousClock.now - started
        return (Samples(samples.withLock { $0 }), elapsed.milliseconds / 1000)
    }

    /// Finished jobs spread over three years, then the runnable ones, newest.
    static let sqliteFill = """
        WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < :done + :queued)
        INSERT INTO ocr_jobs(id, filepath, filename, status, attempts, created_at, updated_at, sha256, size_bytes, progress, intake_pending)
        SELECT printf('%08x-%04x-4000-8000-%012x', (k * 2654435761) % 4294967296, k % 65536, k),
            'data/spool/' || k || '.png', 'scan-' || k || '.png',
            CASE WHEN k <= :done THEN 'done' ELSE 'queued' END, CASE WHEN k <= :done THEN 1 ELSE 0 END,
            strftime('%Y-%m-%d %H:%M:%f', julianday('now') - 1 - (:done + :queued - k) * (1095.0 / (:done + :queued))),
            strftime('%Y-%m-%d %H:%M:%f', 'now'), lower(hex(randomblob(32))), 100000, 0, 0
        FROM k
        """

    static func postgresFill(done: Int, queued: Int) -> String {
        let all = done + queued
        return """
            INSERT INTO ocr_jobs(id, filepath, filename, status, attempts, created_at, updated_at, sha256, size_bytes, progress, intake_pending)
            SELECT md5(k::text), 'data/spool/' || k || '.png', 'scan-' || k || '.png',
                CASE WHEN k <= \(done) THEN 'done' ELSE 'queued' END, CASE WHEN k <= \(done) THEN 1 ELSE 0 END,
                now() - interval '1 day' - (\(all) - k) * (interval '1095 days' / \(all)), now(), md5('s' || k), 100000, 0, false
            FROM generate_series(1, \(all)) AS k
            """
    }
}
