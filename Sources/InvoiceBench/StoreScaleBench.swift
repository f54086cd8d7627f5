import Foundation
import GRDB

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
        var latency = Samples()
        var errors = 0
        var items: Int?
    }

    struct Result {
        var rows = 0
        var fillSeconds = 0.0
        var databaseMiB = 0.0
        var queries: [Query] = []
        /// `EXPLAIN QUERY PLAN` of the SQL behind each route, for the report.
        var plans: [(String, String)] = []
    }

    func run(log: Log) async throws -> Result {
        let root = "\(settings.workRoot)/store"
        try? FileManager.default.removeItem(atPath: root)
        var result = Result()
        result.rows = settings.storeRows
        do {
            let daemon = try DaemonUnderTest(binary: settings.binary, root: root, workers: settings.cores, settleMs: 1000)
            try await daemon.waitUntilReady()
            try await daemon.stop()
        }
        let databasePath = "\(root)/data/invoiced.sqlite"
        let templates = try SyntheticStore.templates(folder: ocrTexts)
        let rows = settings.storeRows
        let started = Date()
        let templateTexts = templates.map { ($0.text, try? JSONSerialization.data(withJSONObject: $0.fields)) }
        try await Blocking.run {
            // Templates cross to the loading thread as Sendable text and JSON bytes.
            let rebuilt = templateTexts.map { text, json in
                SyntheticStore.Template(text: text, fields: json.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:])
            }
            try SyntheticStore.fill(path: databasePath, rows: rows, templates: rebuilt)
        }
        result.fillSeconds = Date().timeIntervalSince(started)
        let size = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? NSNumber)?.doubleValue ?? 0
        result.databaseMiB = size / 1_048_576
        log.say("store: \(rows) jobs and invoices inserted in \(format(result.fillSeconds, 1)) s (\(Int(result.databaseMiB)) MiB)")

        let daemon = try DaemonUnderTest(binary: settings.binary, root: root, workers: settings.cores, settleMs: 1000)
        try await daemon.waitUntilReady(timeout: 300)
        let ids = try await daemon.openDatabase().read { db in
            try String.fetchAll(db, sql: "SELECT id FROM ocr_jobs WHERE rowid IN (SELECT abs(random()) % ? + 1 FROM ocr_jobs LIMIT 1000)",
                                arguments: [rows])
        }
        let client = APIClient(socket: daemon.socket)
        var queries = [
            Query(name: "`GET /api/stats`", path: "/api/stats", target: 5),
            Query(name: "`GET /api/ocr/job/{id}`", path: "/api/ocr/job/", target: 5),
            Query(name: "`GET /api/invoices/list` (first page, 50)", path: "/api/invoices/list", target: 5),
            Query(name: "`GET /api/invoices/list?type=electricity&from=…&to=…`",
                  path: "/api/invoices/list?type=electricity&from=\(Self.isoDay(-400))&to=\(Self.isoDay(-30))", target: 5),
            Query(name: "`GET /api/search?q=dien luc gia dinh` (a supplier)", path: "/api/search?q=dien%20luc%20gia%20dinh", target: 50),
            Query(name: "`GET /api/search?q=hoang thu thao` (a customer)", path: "/api/search?q=hoang%20thu%20thao", target: 50),
            Query(name: "`GET /api/search?q=<invoice number>`", path: "/api/search?q=", target: 50),
        ]
        for index in queries.indices {
            // A few untimed requests first: the page cache and the daemon's connections warm.
            for warm in 0..<5 { _ = try? await client.get(path(queries[index], ids: ids, iteration: warm, rows: rows)) }
            for iteration in 0..<settings.storeRequests {
                let requestPath = path(queries[index], ids: ids, iteration: iteration, rows: rows)
                let clock = ContinuousClock()
                let sent = clock.now
                let reply = try? await client.get(requestPath)
                let elapsed = (clock.now - sent).milliseconds
                if reply?.status == 200 {
                    queries[index].latency.append(elapsed)
                    if iteration == 0 { queries[index].items = (reply?.object["items"] as? [Any])?.count }
                } else {
                    queries[index].errors += 1
                }
            }
            log.say("store: \(queries[index].name) p99 \(format(queries[index].latency.percentile(99) ?? 0, 2)) ms")
        }
        result.queries = queries
        try await daemon.stop()
        result.plans = try Self.plans(databasePath: databasePath)
        if !settings.keepWork { try? FileManager.default.removeItem(atPath: root) }
        return result
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

    /// The plans of the statements behind the routes above, as JobStore writes them.
    static func plans(databasePath: String) throws -> [(String, String)] {
        let statements: [(String, String)] = [
            ("stats: counts per status", "SELECT status, COUNT(*) AS n FROM ocr_jobs GROUP BY status"),
            ("stats: oldest queued", "SELECT MIN(created_at) FROM ocr_jobs WHERE status = 'queued'"),
            ("stats: invoices", "SELECT COUNT(*) FROM invoices"),
            ("stats: finished since", "SELECT COUNT(*) FROM ocr_jobs WHERE completed_at >= '2026-01-01' AND status IN ('done','failed')"),
            ("job by id", "SELECT * FROM ocr_jobs WHERE id = 'x'"),
            ("invoice list", "SELECT * FROM invoices ORDER BY id DESC LIMIT 51"),
            ("invoice list, filtered", "SELECT * FROM invoices WHERE invoice_type = 'electricity' AND invoice_date >= '2025-01-01' AND invoice_date <= '2025-12-01' ORDER BY id DESC LIMIT 51"),
            ("search", "SELECT invoices.*, bm25(invoices_fts) AS rank FROM invoices_fts JOIN invoices ON invoices.id = invoices_fts.rowid WHERE invoices_fts MATCH '\"dien\"* \"luc\"*' ORDER BY rank LIMIT 20"),
        ]
        var configuration = Configuration()
        configuration.readonly = true
        let db = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? db.close() }
        return try db.read { db in
            try statements.map { name, sql in
                let rows = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql)
                return (name, rows.map { $0["detail"] as String? ?? "" }.joined(separator: "; "))
            }
        }
    }
}
