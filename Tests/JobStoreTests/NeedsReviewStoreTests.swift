import Foundation
import GRDB
import TestSupport
import Testing

@testable import JobStore
import JobStoreTestSupport

/// Issue 14, confidence: `needs_review` is stored with each invoice (migration v8), lists
/// filter on it through an index, `/api/stats` counts it from a count kept by triggers, and
/// a new threshold re-marks the invoices already stored.
@Suite struct NeedsReviewStoreTests {
    /// A finished job whose invoice has `score`, `checksFailed` and `needsReview` as given.
    @discardableResult
    func invoice(_ f: StoreFixture, _ name: String, score: Double?, checksFailed: Bool = false, needsReview: Bool,
                 number: String? = nil) throws -> Int64 {
        let (job, _) = try f.queuedJob(name, sha: name)
        while try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)?.id != job.id {}
        var invoice = Invoice(jobId: job.id, filename: name, rawText: "x", createdAt: Date())
        invoice.confidenceScore = score
        invoice.checksFailed = checksFailed
        invoice.needsReview = needsReview
        if let number { invoice.sellerTaxCode = "0100233488"; invoice.invoiceNumber = number }
        return try f.store.completeForTest(jobId: job.id, invoice: invoice, pages: 1, resultPath: "/r", archivePath: "/a", now: Date())
    }

    func marked(_ store: JobStore) throws -> [Int64: Bool] {
        try store.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, needs_review FROM invoices").map { ($0["id"], $0["needs_review"]) })
        }
    }

    func truth(_ store: JobStore) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices WHERE needs_review = 1") ?? 0 }
    }

    /// A store of the previous release (schema v7) with invoices in it: each is marked from
    /// its stored checks and score, under the default 0.8.
    @Test func migration_marksExistingInvoices_fromTheirStoredChecksAndScore() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("old.sqlite")
        let rows: [(score: Double?, checks: String?)] = [
            (0.95, #"{"sum_matches":true,"words_match_total":true,"seller_tax_code_valid":true}"#),  // 1: fine
            (0.5, #"{"sum_matches":true}"#),                                                          // 2: low score
            (0.95, #"{"sum_matches":false,"words_match_total":true}"#),                               // 3: a failed check
            (nil, nil),                                                                               // 4: no score at all
            (0.95, "not json"),                                                                       // 5: unreadable checks
            (0.95, #"{"series_format_valid":false,"buyer_tax_code_valid":null}"#),                    // 6: not review checks
            (0.95, #"{"buyer_tax_code_valid":false}"#),                                               // 7: a tax code that cannot exist
            (0.8, "{}"),                                                                              // 8: at the threshold
        ]
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreMigrations.migrator.migrate(queue, upTo: "v7: runs that died holding a job")
            try queue.write { db in
                for (index, row) in rows.enumerated() {
                    try db.execute(sql: """
                        INSERT INTO ocr_jobs(id, filepath, filename, status, created_at, updated_at)
                        VALUES (?, '/s', 'f', 'done', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')
                        """, arguments: ["job-\(index)"])
                    try db.execute(sql: """
                        INSERT INTO invoices(id, job_id, filename, raw_text, created_at, confidence_score, checks_json)
                        VALUES (?, ?, 'f', 'x', '2026-01-01', ?, ?)
                        """, arguments: [index + 1, "job-\(index)", row.score, row.checks])
                }
            }
            try queue.close()
        }
        let store = try JobStore(path: path)
        #expect(try marked(store) == [1: false, 2: true, 3: true, 4: true, 5: false, 6: false, 7: true, 8: false])
        #expect(try store.statusReader.stats().invoicesNeedingReview == 4)
        let review = try store.pool.read { db in try Invoice.fetchAll(db, sql: "SELECT * FROM invoices ORDER BY id") }
        #expect(review.map(\.checksFailed) == [false, false, true, false, false, false, true, false])
        #expect(try store.applyReviewThreshold(0.8) == nil, "the migration applied the default")
    }

    @Test func listFilter_takesEitherSide_andCombinesWithOthers() async throws {
        let f = try StoreFixture()
        let good = try invoice(f, "good.png", score: 0.95, needsReview: false)
        let low = try invoice(f, "low.png", score: 0.4, needsReview: true)
        let failed = try invoice(f, "failed.png", score: 0.95, checksFailed: true, needsReview: true)
        #expect(try await f.store.invoices(InvoiceFilter(needsReview: true)).items.map(\.id) == [failed, low])
        #expect(try await f.store.invoices(InvoiceFilter(needsReview: false)).items.map(\.id) == [good])
        #expect(try await f.store.invoices(InvoiceFilter()).items.count == 3)
        #expect(try await f.store.invoices(InvoiceFilter(needsReview: true, limit: 1)).nextCursor != nil)
        let second = try await f.store.invoices(InvoiceFilter(needsReview: true, limit: 1, cursor: "\(failed)"))
        #expect(second.items.map(\.id) == [low])
    }

    /// The count `/api/stats` reads follows inserts, a twin that replaces its first reading,
    /// re-marking and deletes, and always equals a real count.
    @Test func count_followsInsertsReplacementsRemarkingAndDeletes() throws {
        let f = try StoreFixture()
        func check(_ expected: Int, _ step: String) throws {
            #expect(try f.store.statusReader.stats().invoicesNeedingReview == expected, "\(step)")
            #expect(try truth(f.store) == expected, "\(step)")
        }
        try check(0, "empty")
        try invoice(f, "a.png", score: 0.5, needsReview: true, number: "0000001")
        try invoice(f, "b.png", score: 0.9, needsReview: false)
        try check(1, "inserts")
        // The same invoice read again, more certainly (its XML): the better reading replaces
        // the first, which needed review; the second does not.
        try invoice(f, "a.xml", score: 1.0, needsReview: false, number: "0000001")
        try check(0, "replaced by a certain twin")
        #expect(try f.store.applyReviewThreshold(0.95) == 1)
        try check(1, "threshold raised")
        #expect(try f.store.applyReviewThreshold(0.95) == nil)
        try f.store.pool.write { db in try db.execute(sql: "DELETE FROM invoices WHERE needs_review = 1") }
        try check(0, "deleted")
    }

    /// A new threshold re-marks by score; failed checks stay marked at any threshold, and
    /// the threshold applied is remembered across opens.
    @Test func newThreshold_remarksStoredInvoices_andIsRemembered() throws {
        let f = try StoreFixture()
        let high = try invoice(f, "high.png", score: 0.95, needsReview: false)
        let middle = try invoice(f, "middle.png", score: 0.85, needsReview: false)
        let checked = try invoice(f, "checked.png", score: 1.0, checksFailed: true, needsReview: true)
        #expect(try f.store.applyReviewThreshold(0.9) == 1)
        #expect(try marked(f.store) == [high: false, middle: true, checked: true])
        #expect(try f.store.applyReviewThreshold(0) == 1)
        #expect(try marked(f.store) == [high: false, middle: false, checked: true])
        let reopened = try JobStore(path: f.store.path)
        #expect(try reopened.applyReviewThreshold(0) == nil)
        #expect(try reopened.applyReviewThreshold(1) == 2)
    }

    /// The list of invoices to review walks its index newest first, with no sort.
    @Test func reviewList_walksItsIndex_withoutSorting() throws {
        let f = try StoreFixture()
        let plan = try f.store.pool.read { db in
            let statement = try JobStore.invoiceListRequest(InvoiceFilter(needsReview: true), after: (nil, 500)).makePreparedRequest(db).statement
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                .map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("invoices_review") && !plan.contains("TEMP B-TREE"), "plan: \(plan)")
    }
}
