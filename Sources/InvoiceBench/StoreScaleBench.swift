import Foundation
import GRDB
import JobStore
import LocalPostgres

/// Figure 6: the API's reads on a store of many jobs and invoices. The schema is the
/// daemon's own (it is started once on an empty data folder so its migrations run), the
/// rows are bulk-inserted (`SyntheticStore`), and the daemon is started again on them.
struct StoreScaleBench {
    let settings: BenchSettings
    /// `Tests/InvoiceExtractionTests/Corpus/ocr` of the checkout.
    let ocrTexts: String

    /// A query of the API and what it answered, timed.
    struct Query {
        var name: String
        var path: String
        var target: Double
        /// Requests made after `path` and timed with it, as one figure (a page and its data).
        var morePaths: [String] = []
        var latency = Samples()
        var errors = 0
        var items: Int?
    }

    /// One statement of JobStore as the previous schema ran it and as it runs now, timed
    /// directly on the store (what a migration or a query change bought).
    struct Statement {
        var name: String
        var before: String
        var after: String
        var beforeMs = Samples()
        var afterMs = Samples()
    }

    struct Result {
        var rows = 0
        var fillSeconds = 0.0
        var databaseMiB = 0.0
        var queries: [Query] = []
        var statements: [Statement] = []
        /// Search statements: the one JobStore runs and the alternatives considered, timed.
        var searches: [(name: String, milliseconds: Samples)] = []
        /// Drop-to-queued on the large store, settle 0 (intake reads the store too).
        var intake = Samples()
        /// `EXPLAIN QUERY PLAN` of the SQL behind each route, for the report.
        var plans: [(String, String)] = []
        /// Bytes a browser fetches for the invoices page, nothing cached (`WorkspaceTransfer`);
        /// nil for a build without the workspace.
        var workspaceBytes: Int?
        /// From a file dropped to its `job.queued` event on `/api/events`: how far behind the
        /// dashboard's live counts are; empty for a build without the workspace.
        var liveCountsLag = Samples()
        /// The same store on PostgreSQL (measured build only).
        var postgres: PostgresReads?
    }

    /// The store copied by `invoiced store copy` into a private PostgreSQL server, and the
    /// same reads of a daemon started on it.
    struct PostgresReads {
        var copySeconds = 0.0
        var queries: [Query] = []
    }

    /// Fills a store made by `binary`'s own migrations and times the API of `binary` on it.
    func run(binary: String, log: Log) async throws -> Result {
        let isBefore = binary != settings.binary
        let tag = "store\(isBefore ? " (before)" : "")"
        let root = "\(settings.workRoot)/store\(isBefore ? "-before" : "")"
        try? FileManager.default.removeItem(atPath: root)
        var result = Result()
        result.rows = settings.storeRows
        try await createSchema(binary: binary, root: root)
        let databasePath = "\(root)/data/invoiced.sqlite"
        let rows = settings.storeRows
        result.fillSeconds = try await fill(databasePath: databasePath, rows: rows)
        let size = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? NSNumber)?.doubleValue ?? 0
        result.databaseMiB = size / 1_048_576
        log.say("\(tag): \(rows) jobs and invoices inserted in \(format(result.fillSeconds, 1)) s (\(Int(result.databaseMiB)) MiB)")

        let daemon = try DaemonUnderTest(binary: binary, root: root, workers: settings.cores, settleMs: 0)
        try await daemon.waitUntilReady(timeout: 300)
        let ids = try await daemon.openDatabase().read { db in
            try String.fetchAll(db, sql: "SELECT id FROM ocr_jobs WHERE rowid IN (SELECT abs(random()) % ? + 1 FROM ocr_jobs LIMIT 1000)",
                                arguments: [rows])
        }
        result.queries = try await timeQueries(socket: daemon.socket, ids: ids, rows: rows, tag: tag, workspace: !isBefore, log: log)
        if !isBefore {
            result.workspaceBytes = try await WorkspaceTransfer.bytes(client: APIClient(socket: daemon.socket))
            log.say("\(tag): the invoices page transfers \((result.workspaceBytes ?? 0) / 1024) KiB")
            let images = try Corpus(fixtures: settings.fixtures).smallImages()
            result.liveCountsLag = try await LiveCountsBench.measure(client: APIClient(socket: daemon.socket), inbox: daemon.inbox,
                                                                     files: settings.quick ? 10 : 50, images: images, tag: "live")
            log.say("\(tag): live counts p99 \(format(result.liveCountsLag.percentile(99) ?? 0, 1)) ms behind the inbox")
        }
        let inbox = daemon.inbox
        let small = try Corpus(fixtures: settings.fixtures).smallImages()
        let files = settings.quick ? 10 : 50
        result.intake = try await Blocking.run {
            try IntakeLatencyBench.measure(files: files, images: small, tag: "store", inbox: inbox, databasePath: databasePath, timeout: 60)
        }
        log.say("\(tag): drop-to-queued p99 \(format(result.intake.percentile(99) ?? 0, 2)) ms")
        try await daemon.stop()
        if !isBefore {
            result.plans = try Self.plans(databasePath: databasePath)
            result.statements = try await Blocking.run { try Self.timeStatements(databasePath: databasePath, runs: 10) }
            result.searches = try await Blocking.run { try Self.timeSearches(databasePath: databasePath, runs: 10) }
            result.postgres = try await postgresReads(binary: binary, root: root, ids: ids, log: log)
        }
        if !settings.keepWork { try? FileManager.default.removeItem(atPath: root) }
        return result
    }

    /// The schema is `binary`'s own: it is started once on an empty data folder under `root`,
    /// so that its migrations run, and stopped.
    private func createSchema(binary: String, root: String) async throws {
        let daemon = try DaemonUnderTest(binary: binary, root: root, workers: settings.cores, settleMs: 1000)
        try await daemon.waitUntilReady()
        try await daemon.stop()
    }

    /// Bulk-inserts `rows` jobs and invoices copied from the corpus texts; the seconds it took.
    private func fill(databasePath: String, rows: Int) async throws -> Double {
        let templates = try SyntheticStore.templates(folder: ocrTexts)
        let started = Date()
        let templateTexts = templates.map { ($0.text, try? JSONSerialization.data(withJSONObject: $0.fields)) }
        try await Blocking.run {
            // Templates cross to the loading thread as Sendable text and JSON bytes.
            let rebuilt = templateTexts.map { text, json in
                SyntheticStore.Template(text: text, fields: json.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:])
            }
            try SyntheticStore.fill(path: databasePath, rows: rows, templates: rebuilt)
        }
        return Date().timeIntervalSince(started)
    }

    /// The SQLite store of `root` copied into a private PostgreSQL server by the daemon's own
    /// `store copy` (which checks counts and sums), then the same reads of a daemon on it.
    private func postgresReads(binary: String, root: String, ids: [String], log: Log) async throws -> PostgresReads {
        let server = try await Blocking.run { () throws -> LocalPostgresServer in
            let server = try LocalPostgresServer()
            try server.createDatabase("store")
            return server
        }
        let address = server.socketAddress("store")
        var result = PostgresReads()
        let started = Date()
        let copied = try await Blocking.run {
            try Shell.output("\(shellQuoted(binary)) store copy --from \(shellQuoted("sqlite:\(root)/data/invoiced.sqlite")) --to \(shellQuoted(address))")
        }
        result.copySeconds = Date().timeIntervalSince(started)
        log.say("store (PostgreSQL): copied in \(format(result.copySeconds, 1)) s: \(copied.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300))")
        _ = try await Blocking.run { try server.psql("ANALYZE", database: "store") }
        let daemon = try DaemonUnderTest(binary: binary, root: "\(root)/postgres-node", workers: settings.cores, settleMs: 0,
                                         environment: ["INVOICED_STORE": address], dataDir: "\(root)/data")
        try await daemon.waitUntilReady(timeout: 300)
        result.queries = try await timeQueries(socket: daemon.socket, ids: ids, rows: settings.storeRows, tag: "store (PostgreSQL)",
                                               workspace: true, log: log)
        try await daemon.stop()
        withExtendedLifetime(server) {}
        return result
    }

    /// Each of the API's reads, asked `settings.storeRequests` times of the daemon on `socket`
    /// (`ids`, a thousand of its jobs picked at random, for the job route), with each answer's time.
    private func timeQueries(socket: String, ids: [String], rows: Int, tag: String, workspace: Bool, log: Log) async throws -> [Query] {
        let client = APIClient(socket: socket)
        var queries = [
            Query(name: "`GET /api/stats`", path: "/api/stats", target: 5),
            Query(name: "`GET /api/ocr/job/{id}`", path: "/api/ocr/job/", target: 5),
            Query(name: "`GET /api/invoices/list` (first page, 50)", path: "/api/invoices/list", target: 5),
            Query(name: "`GET /api/invoices/list?type=electricity&from=…&to=…`",
                  path: "/api/invoices/list?type=electricity&from=\(Self.isoDay(-400))&to=\(Self.isoDay(-30))", target: 5),
            Query(name: "`GET /api/invoices/list?from=…&to=…` (a month, dates only)",
                  path: "/api/invoices/list?from=\(Self.isoDay(-60))&to=\(Self.isoDay(-30))", target: 5),
            Query(name: "`GET /api/search?q=dien luc gia dinh` (a supplier)", path: "/api/search?q=dien%20luc%20gia%20dinh", target: 50),
            Query(name: "`GET /api/search?q=hoang thu thao` (a customer)", path: "/api/search?q=hoang%20thu%20thao", target: 50),
            Query(name: "`GET /api/search?q=<invoice number>`", path: "/api/search?q=", target: 50),
        ]
        // The web workspace's reads, last (a build before it has none: its table stops above).
        if workspace {
            queries += [
                Query(name: "the invoices page's first screen: `GET /` and `GET /api/invoices/list` (50)", path: "/", target: 150,
                      morePaths: ["/api/invoices/list"]),
                Query(name: "`GET /api/invoices/sums` (every invoice, per currency)", path: "/api/invoices/sums", target: 1000),
                Query(name: "`GET /api/invoices/sums?from=…&to=…` (a month)",
                      path: "/api/invoices/sums?from=\(Self.isoDay(-60))&to=\(Self.isoDay(-30))", target: 150),
                Query(name: "`GET /api/invoices/list?needs_review=true&order=score` (the review queue)",
                      path: "/api/invoices/list?needs_review=true&order=score", target: 5),
            ]
        }
        for index in queries.indices {
            // A few untimed requests first: the page cache and the daemon's connections warm.
            for warm in 0..<5 { _ = try? await client.get(path(queries[index], ids: ids, iteration: warm, rows: rows)) }
            let started = Monotonic.seconds()
            for iteration in 0..<settings.storeRequests {
                // A slow query (search on a large store, or an old build) stops after 100
                // answers once it has taken 20 s: its p99 is then the second-slowest answer.
                if iteration >= 100 && Monotonic.seconds() - started > 20 { break }
                let requestPath = path(queries[index], ids: ids, iteration: iteration, rows: rows)
                let clock = ContinuousClock()
                let sent = clock.now
                var reply = try? await client.get(requestPath)
                for more in queries[index].morePaths where reply?.status == 200 { reply = try? await client.get(more) }
                let elapsed = (clock.now - sent).milliseconds
                if reply?.status == 200 {
                    queries[index].latency.append(elapsed)
                    if iteration == 0 { queries[index].items = (reply?.object["items"] as? [Any])?.count }
                } else {
                    queries[index].errors += 1
                }
            }
            log.say("\(tag): \(queries[index].name) p99 \(format(queries[index].latency.percentile(99) ?? 0, 2)) ms")
        }
        return queries
    }

    private func path(_ query: Query, ids: [String], iteration: Int, rows: Int) -> String {
        switch query.path {
        case "/api/ocr/job/": return query.path + ids[iteration % ids.count]
        // Invoice numbers are the row numbers, zero-padded to seven digits.
        case "/api/search?q=": return query.path + String(format: "%07d", (iteration * 7919) % rows + 1)
        default: return query.path
        }
    }

    static func isoDay(_ offset: Int) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }

    /// Statements whose cost grew with the store, before and after the change that fixed them.
    static var statements: [Statement] { [
        Statement(name: "invoice list, a month of dates (by invoice date, not id)",
                  before: "SELECT * FROM invoices WHERE invoice_date >= '\(isoDay(-60))' AND invoice_date <= '\(isoDay(-30))' ORDER BY id DESC LIMIT 51",
                  after: "SELECT * FROM invoices WHERE invoice_date >= '\(isoDay(-60))' AND invoice_date <= '\(isoDay(-30))' ORDER BY invoice_date DESC, id DESC LIMIT 51"),
        Statement(name: "stats: jobs per status and invoices (migration v4: counts kept by triggers)",
                  before: "SELECT (SELECT group_concat(status || '=' || n) FROM (SELECT status, COUNT(*) AS n FROM ocr_jobs GROUP BY status)), (SELECT COUNT(*) FROM invoices)",
                  after: "SELECT name, n FROM store_counts"),
        Statement(name: "stats: jobs finished in the last hour (`+status` keeps SQLite on `completed_at`)",
                  before: "SELECT COUNT(*) FROM ocr_jobs WHERE completed_at >= datetime('now', '-1 hour') AND status IN ('done','failed')",
                  after: "SELECT COUNT(*) FROM ocr_jobs WHERE completed_at >= datetime('now', '-1 hour') AND +status IN ('done','failed')"),
        Statement(name: "intake: is a pending intake taking this file? (migration v4: partial index)",
                  before: "SELECT COUNT(*) FROM ocr_jobs NOT INDEXED WHERE intake_pending = 1 AND source_path = '/inbox/a.png'",
                  after: "SELECT COUNT(*) FROM ocr_jobs WHERE intake_pending = 1 AND source_path = '/inbox/a.png'"),
    ] }

    static func timeStatements(databasePath: String, runs: Int) throws -> [Statement] {
        let db = try DatabaseQueue(path: databasePath, configuration: ThroughputBench.readOnly)
        defer { try? db.close() }
        return try db.read { db in
            try statements.map { statement in
                var timed = statement
                for _ in 0..<runs {
                    for (sql, isBefore) in [(statement.before, true), (statement.after, false)] {
                        let started = Monotonic.seconds()
                        _ = try Row.fetchAll(db, sql: sql)
                        let ms = (Monotonic.seconds() - started) * 1000
                        if isBefore { timed.beforeMs.append(ms) } else { timed.afterMs.append(ms) }
                    }
                }
                return timed
            }
        }
    }

    /// Ways to search the same words, SQL only (no snippets, no JSON): what JobStore runs,
    /// and what it ran before (bm25-ranked, every word a prefix) with the steps between.
    static let searchWords = "dien luc gia dinh"
    static var searches: [(String, String, StatementArguments)] {
        let current = SearchText.ftsQuery(searchWords) ?? ""
        let everyPrefix = #""dien"* "luc"* "gia"* "dinh"*"#
        let bm25 = "SELECT invoices.*, bm25(invoices_fts) AS rank FROM invoices_fts JOIN invoices ON invoices.id = invoices_fts.rowid WHERE invoices_fts MATCH ? ORDER BY rank, invoices.id DESC LIMIT 20"
        return [
            ("ranked by bm25, every word a prefix (before)", bm25, [everyPrefix]),
            ("ranked by bm25, whole words but the last", bm25, [current]),
            ("newest first, every word a prefix", JobStore.searchSQL, [everyPrefix, 20]),
            ("newest first, whole words but the last (what JobStore runs)", JobStore.searchSQL, [current, 20]),
        ]
    }

    static func timeSearches(databasePath: String, runs: Int) throws -> [(name: String, milliseconds: Samples)] {
        let db = try DatabaseQueue(path: databasePath, configuration: ThroughputBench.readOnly)
        defer { try? db.close() }
        return try db.read { db in
            try searches.map { name, sql, arguments in
                var samples = Samples()
                for _ in 0..<runs {
                    let started = Monotonic.seconds()
                    _ = try Row.fetchAll(db, sql: sql, arguments: arguments)
                    samples.append((Monotonic.seconds() - started) * 1000)
                }
                return (name: name, milliseconds: samples)
            }
        }
    }

    /// The plans of the statements behind the routes above, as JobStore writes them.
    static func plans(databasePath: String) throws -> [(String, String)] {
        let statements: [(String, String)] = [
            ("stats: counts", "SELECT name, n FROM store_counts"),
            ("stats: oldest queued", "SELECT MIN(created_at) FROM ocr_jobs WHERE status = 'queued'"),
            ("stats: finished since", "SELECT COUNT(*) FROM ocr_jobs WHERE completed_at >= '2026-01-01' AND +status IN ('done','failed')"),
            ("job by id", "SELECT * FROM ocr_jobs WHERE id = 'x'"),
            ("invoice list", "SELECT * FROM invoices ORDER BY id DESC LIMIT 51"),
            ("invoice list, filtered", "SELECT * FROM invoices WHERE invoice_type = 'electricity' AND invoice_date >= '2025-01-01' AND invoice_date <= '2025-12-01' ORDER BY invoice_date DESC, id DESC LIMIT 51"),
            ("invoice list, dates only", "SELECT * FROM invoices WHERE invoice_date >= '2025-01-01' AND invoice_date <= '2025-02-01' ORDER BY invoice_date DESC, id DESC LIMIT 51"),
            ("search", JobStore.searchSQL.replacingOccurrences(of: "MATCH ?", with: "MATCH '\"dien\" \"luc\"*'").replacingOccurrences(of: "LIMIT ?", with: "LIMIT 20")),
            ("intake: pending intake of a file", "SELECT COUNT(*) FROM ocr_jobs WHERE intake_pending = 1 AND source_path = '/x'"),
            ("worker: claim the oldest runnable job", """
                SELECT * FROM ocr_jobs WHERE ((status = 'queued') AND (intake_pending = 0) AND ((next_attempt_at IS NULL) OR (next_attempt_at <= '2026-01-01')))
                OR ((status = 'processing') AND (lease_expires_at < '2026-01-01')) ORDER BY created_at LIMIT 1
                """),
        ]
        let db = try DatabaseQueue(path: databasePath, configuration: ThroughputBench.readOnly)
        defer { try? db.close() }
        return try db.read { db in
            try statements.map { name, sql in
                let rows = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql)
                return (name, rows.map { $0["detail"] as String? ?? "" }.joined(separator: "; "))
            }
        }
    }
}
