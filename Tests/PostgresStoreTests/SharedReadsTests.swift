import APIWire
import Foundation
import JobStore
import Logging
import PostgresStore
import TestSupport
import Testing

/// What the API and chat read, held by one suite against both stores: the same invoices in,
/// the same answers out, whichever store a daemon runs on.
@Suite struct SharedReadsTests {
    /// Three read invoices: two of one electricity seller (in đồng) and one in dollars whose
    /// cents do not add up exactly in binary floating point.
    private func threeInvoices(_ q: QueueUnderTest) throws -> [Int64] {
        let base = Date().addingTimeInterval(-60)
        let readings: [(String, String?, Double?, String, Double?, String?)] = [
            ("CÔNG TY ĐIỆN LỰC GIA ĐỊNH", "0357427679", 1_851_768, "VND", 0.95, "Hoàng Thu Thảo"),
            ("Công ty Điện lực Gia Định", "0357427679", 2_000_000, "VND", nil, "Nguyễn Văn An"),
            ("ACME Corp", nil, 0.1, "USD", 0.5, nil),
        ]
        var ids: [Int64] = []
        for (index, reading) in readings.enumerated() {
            let at = base.addingTimeInterval(Double(index))
            let (job, _) = try q.queuedJob("\(index).jpg", sha: "sha-\(index)", at: at)
            _ = try #require(try q.queue.claimNext(holder: "n:1/w0", now: at, lease: 60))
            var invoice = Invoice(jobId: job.id, filename: job.filename, rawText: "HÓA ĐƠN \(reading.0) tiền điện", createdAt: at)
            invoice.sellerName = reading.0
            invoice.sellerTaxCode = reading.1
            invoice.totalAmount = reading.2
            invoice.currency = reading.3
            invoice.confidenceScore = reading.4
            invoice.buyerName = reading.5
            invoice.invoiceDate = "2026-0\(index + 1)-15"
            invoice.invoiceNumber = "000\(index)"
            ids.append(try #require(try q.queue.complete(jobId: job.id, holder: "n:1/w0", invoice: invoice, pages: 1,
                                                         resultPath: "/r", archivePath: "/a", now: at)))
        }
        return ids
    }

    @Test(arguments: StoreKind.allCases)
    func search_foldsDiacriticsAndĐ_newestFirst(kind: StoreKind) async throws {
        let q = try QueueUnderTest(kind)
        let ids = try threeInvoices(q)
        let hits = try await q.queue.search("dien luc gia", limit: 10)
        #expect(hits.map(\.invoice.id) == [ids[1], ids[0]])
        #expect(hits.first?.snippet?.contains("<mark>Điện</mark>") == true, "\(hits.first?.snippet ?? "")")
        // The last word is a prefix; punctuation alone finds nothing rather than everything.
        #expect(try await q.queue.search("tien di", limit: 10).count == 3)
        #expect(try await q.queue.search("%%' OR 1=1 --", limit: 10).isEmpty)
        let page = try await q.queue.search("dien", filters: InvoiceQuery(currency: "vnd"), limit: 1, before: nil)
        #expect(page.items.map(\.invoice.id) == [ids[1]])
        let next = try await q.queue.search("dien", filters: InvoiceQuery(), limit: 1, before: Int64(try #require(page.nextCursor)))
        #expect(next.items.map(\.invoice.id) == [ids[0]])
    }

    /// Twelve invoices, more than the PostgreSQL search's first window holds in these tests
    /// (its newest 3): pages of a common word come newest first with nothing skipped or
    /// repeated across the window's edge, a word only the oldest has is found, and a filter
    /// applies on both sides of the edge.
    @Test(arguments: StoreKind.allCases)
    func search_pagesNewestFirst_pastItsFirstWindow(kind: StoreKind) async throws {
        let q = try QueueUnderTest(kind)
        let base = Date().addingTimeInterval(-60)
        var ids: [Int64] = []
        for index in 0..<12 {
            let at = base.addingTimeInterval(Double(index))
            let (job, _) = try q.queuedJob("\(index).jpg", sha: "sha-\(index)", at: at)
            _ = try #require(try q.queue.claimNext(holder: "n:1/w0", now: at, lease: 60))
            var invoice = Invoice(jobId: job.id, filename: job.filename,
                                  rawText: "Tiền điện kỳ \(index)" + (index == 0 ? " bảo hiểm" : ""), createdAt: at)
            invoice.currency = index.isMultiple(of: 3) ? "USD" : "VND"
            ids.append(try #require(try q.queue.complete(jobId: job.id, holder: "n:1/w0", invoice: invoice, pages: 1,
                                                         resultPath: "/r", archivePath: "/a", now: at)))
        }
        var seen: [Int64] = []
        var cursor: Int64?
        repeat {
            let page = try await q.queue.search("tien dien", filters: InvoiceQuery(), limit: 5, before: cursor)
            seen += page.items.compactMap(\.invoice.id)
            cursor = page.nextCursor.flatMap { Int64($0) }
        } while cursor != nil
        #expect(seen == ids.reversed())
        #expect(try await q.queue.search("bao hiem", limit: 10).map(\.invoice.id) == [ids[0]])
        let dollars = try await q.queue.search("dien", filters: InvoiceQuery(currency: "usd"), limit: 10, before: nil)
        #expect(dollars.items.map(\.invoice.id) == [ids[9], ids[6], ids[3], ids[0]])
    }

    @Test(arguments: StoreKind.allCases)
    func sums_areExactToTheCent_perCurrency(kind: StoreKind) async throws {
        let q = try QueueUnderTest(kind)
        _ = try threeInvoices(q)
        let sums = try await q.queue.sumsByCurrency(InvoiceQuery())
        #expect(sums.map(\.currency) == ["USD", "VND"])
        #expect(sums.map(\.totalCents) == [10, 385_176_800])
        #expect(sums.map(\.count) == [1, 2])
        // Sellers grouped folded: case and diacritics do not split one seller.
        let bySeller = try await q.queue.aggregateInvoices(InvoiceQuery(currency: "VND"), by: .seller)
        #expect(bySeller.count == 1 && bySeller.first?.count == 2 && bySeller.first?.invoiceIds.count == 2)
        #expect(bySeller.first?.firstDate == "2026-01-15" && bySeller.first?.lastDate == "2026-02-15")
        let byBuyer = try await q.queue.findInvoices(InvoiceQuery(buyer: "hoang thu"), limit: 5)
        #expect(byBuyer.total == 1 && byBuyer.invoices.first?.buyerName == "Hoàng Thu Thảo")
        let big = try await q.queue.findInvoices(InvoiceQuery(minTotal: 1_900_000), limit: 5)
        #expect(big.total == 1 && big.invoices.first?.totalAmount == 2_000_000)
    }

    @Test(arguments: StoreKind.allCases)
    func lists_pageThroughEveryRow_inEachOrder(kind: StoreKind) async throws {
        let q = try QueueUnderTest(kind)
        let ids = try threeInvoices(q)
        // The review queue: no score first, then the lowest.
        var seen: [Int64] = []
        var cursor: String?
        repeat {
            let page = try await q.queue.invoices(InvoiceFilter(limit: 1, cursor: cursor, order: .score))
            seen += page.items.compactMap(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == [ids[1], ids[2], ids[0]])
        let byDate = try await q.queue.invoices(InvoiceFilter(from: "2026-01-01", to: "2026-02-28", limit: 1))
        #expect(byDate.items.map(\.id) == [ids[1]])
        let after = try await q.queue.invoices(InvoiceFilter(from: "2026-01-01", to: "2026-02-28", limit: 1, cursor: byDate.nextCursor))
        #expect(after.items.map(\.id) == [ids[0]] && after.nextCursor == nil)
        let seller = try await q.queue.invoices(InvoiceFilter(seller: "điện lực"))
        #expect(seller.items.count == 2)
        let jobs = try await q.queue.jobs(JobFilter(status: .done, limit: 2))
        let rest = try await q.queue.jobs(JobFilter(status: .done, limit: 2, cursor: jobs.nextCursor))
        #expect(jobs.items.count == 2 && rest.items.count == 1 && rest.nextCursor == nil)
        let stats = try await q.queue.stats()
        #expect(stats.counts[.done] == 3 && stats.invoices == 3 && stats.finishedLastHour == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func corrections_areRecorded_searchable_andTeachTheSeller(kind: StoreKind) async throws {
        let q = try QueueUnderTest(kind)
        let ids = try threeInvoices(q)
        let outcome = try #require(try q.queue.correctInvoice(
            id: ids[0], changes: [.sellerName: .text("Tổng Công ty Điện lực TP.HCM"), .totalAmount: .number(1_851_769)],
            confirm: true, editor: "ke-toan", now: Date()))
        #expect(outcome.invoice.totalAmount == 1_851_769 && outcome.edits.count == 2)
        #expect(try await q.queue.edits(invoiceId: ids[0]).map(\.field).sorted() == ["seller_name", "total_amount"])
        #expect(try await q.queue.search("tong cong ty", limit: 5).map(\.invoice.id) == [ids[0]])
        let profile = try #require(try q.queue.supplierProfile(taxCode: "0357427679"))
        #expect(profile.sellerName == "Tổng Công ty Điện lực TP.HCM" && profile.corrections == 1)
        #expect(try q.queue.correctInvoice(id: 999_999, changes: [:], confirm: true, editor: "x", now: Date()) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func chatHistory_keepsTheLastTurnsOfEachUser(kind: StoreKind) async throws {
        let q = try QueueUnderTest(kind)
        for turn in 0..<4 {
            try await q.queue.appendChatTurn(userId: "an", question: "q\(turn)", answer: "a\(turn)", invoiceIds: [Int64(turn)], keep: 2, now: Date())
        }
        try await q.queue.appendChatTurn(userId: "binh", question: "q", answer: "a", invoiceIds: [], keep: 2, now: Date())
        #expect(try await q.queue.chatHistory(userId: "an", turns: 5).map(\.content) == ["q2", "a2", "q3", "a3"])
        #expect(try await q.queue.clearChatHistory(userId: "an") == 4)
        #expect(try await q.queue.chatHistory(userId: "binh", turns: 5).count == 2)
    }
}

/// On a shared store, each node's reconciliation settles its own and nobody else's.
@Suite struct SharedStoreReconciliationTests {
    @Test func eachNodeSeesOnlyItsOwnIntakesAndLeases() throws {
        let (_, location) = try SharedCluster.newDatabase()
        let nodeA = try PostgresInvoiceStore(session: PostgresSession(location: location, password: nil, logger: .init(label: "a")), node: "node-a")
        let nodeB = try PostgresInvoiceStore(session: PostgresSession(location: location, password: nil, logger: .init(label: "b")), node: "node-b")
        var pending = Job(id: "pending-a", filepath: "/s/p.jpg", filename: "p.jpg", uploader: nil, userId: nil, sourcePath: "/in/p.jpg", now: Date())
        pending.intakePending = true
        try nodeA.beginIntake(pending)
        let q = QueueUnderTestOn(store: nodeA)
        try q.queued("held-by-a")
        try q.queued("held-by-a2")
        _ = try #require(try nodeA.claimNext(holder: "node-a:111/worker-0", now: Date(), lease: 600))
        _ = try #require(try nodeB.claimNext(holder: "node-b:222/worker-0", now: Date(), lease: 600))

        #expect(try nodeA.pendingIntakes().map(\.id) == ["pending-a"])
        #expect(try nodeB.pendingIntakes().isEmpty)
        #expect(try nodeB.pendingIntake(sourcePath: "/in/p.jpg") == nil)
        #expect(try nodeA.interruptedJobs().map(\.id) == ["held-by-a"])
        #expect(try nodeB.interruptedJobs().map(\.id) == ["held-by-a2"])
        // Node B cannot requeue or fail node A's job, even by id.
        try nodeB.requeueInterrupted(jobId: "held-by-a", now: Date(), refundAttempt: true)
        try nodeB.failInterrupted(jobId: "held-by-a", message: "x", failedPath: "/f", now: Date())
        #expect(try nodeA.job(id: "held-by-a")?.status == .processing)
        try nodeA.requeueInterrupted(jobId: "held-by-a", now: Date(), refundAttempt: true)
        #expect(try nodeA.job(id: "held-by-a")?.status == .queued)
    }
}

/// Jobs straight into the queue of one store, for the reconciliation test.
private struct QueueUnderTestOn {
    let store: PostgresInvoiceStore

    func queued(_ id: String) throws {
        let job = Job(id: id, filepath: "/s/\(id).jpg", filename: "\(id).jpg", uploader: nil, userId: nil, sourcePath: "/in/\(id).jpg",
                      now: Date().addingTimeInterval(id.hasSuffix("2") ? -1 : -2))
        try store.beginIntake(job)
        _ = try store.finishIntake(id: id, sha256: id, sizeBytes: 1, skipDuplicates: true, duplicatePath: "/a", now: Date())
    }
}
