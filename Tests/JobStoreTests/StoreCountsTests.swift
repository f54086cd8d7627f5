import APIWire
import Foundation
import GRDB
import TestSupport
import Testing

@testable import JobStore
import JobStoreTestSupport

/// `/api/stats` reads counts that triggers keep (migration v4) instead of counting rows:
/// they must match a real count after every kind of change.
@Suite struct StoreCountsTests {
    /// The counts as a full scan finds them, for comparison with `stats()`.
    func counted(_ store: JobStore) throws -> (jobs: [JobStatus: Int], invoices: Int) {
        try store.pool.read { db in
            var jobs = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM ocr_jobs GROUP BY status") {
                jobs[JobStatus(rawValue: row["status"])!] = row["n"]
            }
            return (jobs, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") ?? 0)
        }
    }

    @Test func counts_followInsertsClaimsCompletionsFailuresAndDeletes() throws {
        let f = try StoreFixture()
        var expectations = 0
        func check() throws {
            let stats = try f.store.statusReader.stats()
            let truth = try counted(f.store)
            #expect(stats.counts == truth.jobs)
            #expect(stats.invoices == truth.invoices)
            expectations += 1
        }
        let pendingId = UUID().uuidString.lowercased()
        try f.store.beginIntake(Job(id: pendingId, filepath: "/s/p.jpg", filename: "p.jpg", uploader: nil, userId: nil,
                                    sourcePath: "/in/p.jpg", now: Date()))
        try check()
        try f.store.abandonIntake(id: pendingId)
        try check()
        try f.queuedJob("a.jpg", sha: "a")
        try f.queuedJob("dup.jpg", sha: "a")
        let (b, _) = try f.queuedJob("b.jpg", sha: "b")
        try check()
        let claimed = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        try check()
        _ = try f.store.completeForTest(jobId: claimed.id, invoice: Invoice(jobId: claimed.id, filename: claimed.filename, rawText: "x", createdAt: Date()),
                                 pages: 1, resultPath: "/r", archivePath: "/a", now: Date())
        try check()
        try f.store.failForTest(jobId: b.id, message: "bad", failedPath: "/f", now: Date())
        try check()
        try f.store.pool.write { db in try db.execute(sql: "DELETE FROM ocr_jobs WHERE id = ?", arguments: [b.id]) }
        try check()
        #expect(expectations == 7)
        #expect(try f.store.statusReader.stats().counts[.done] == 1)
        #expect(try f.store.statusReader.stats().invoices == 1)
    }

    @Test func migration_countsTheRowsAnOlderStoreAlreadyHas() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("old.sqlite")
        // A store as the previous release left it: schema v2 with jobs in it.
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreMigrations.migrator.migrate(queue, upTo: "v2: search index and folded seller")
            try queue.write { db in
                for (index, status) in ["queued", "done", "done", "failed"].enumerated() {
                    try db.execute(sql: """
                        INSERT INTO ocr_jobs(id, filepath, filename, status, created_at, updated_at)
                        VALUES (?, '/s', 'f', ?, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')
                        """, arguments: ["job-\(index)", status])
                }
                try db.execute(sql: "INSERT INTO invoices(job_id, filename, raw_text, created_at) VALUES ('job-1', 'f', 'x', '2026-01-01')")
            }
            try queue.close()
        }
        let store = try JobStore(path: path)
        let stats = try store.statusReader.stats()
        #expect(stats.counts == [.queued: 1, .processing: 0, .done: 2, .failed: 1, .duplicate: 0])
        #expect(stats.invoices == 1)
    }

    @Test func pendingIntakeLookup_usesItsIndex() throws {
        let f = try StoreFixture()
        let plan = try f.store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ocr_jobs WHERE intake_pending = 1 AND source_path = ?",
                             arguments: ["/in/x"]).map { $0["detail"] as String }.joined()
        }
        #expect(plan.contains("ocr_jobs_pending_intake"), "plan: \(plan)")
    }

    /// Each kind of invoice list walks an index in the list's order and stops at the page:
    /// no sort of every matching invoice (what made a month of dates take ~200 ms at a
    /// million invoices). The plans are of the statements `JobStore.invoices` runs.
    @Test(arguments: [
        (InvoiceFilter(), nil as (date: String?, id: Int64)?, "invoices"),
        (InvoiceFilter(type: "electricity"), (nil, 500), "invoices_type_id_date"),
        (InvoiceFilter(from: "2025-01-01", to: "2025-01-31"), ("2025-01-20", 500), "invoices_date"),
        (InvoiceFilter(type: "electricity", from: "2025-01-01", to: "2025-12-31"), nil, "invoices_type_date"),
    ])
    func invoiceLists_walkAnIndexInTheirOrder_withoutSorting(filter: InvoiceFilter, after: (date: String?, id: Int64)?, index: String) throws {
        let f = try StoreFixture()
        let plan = try f.store.pool.read { db in
            let statement = try JobStore.invoiceListRequest(filter, after: after).makePreparedRequest(db).statement
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                .map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains(index) && !plan.contains("TEMP B-TREE"), "plan: \(plan)")
    }
}
