import Foundation
import GRDB
import JobStore
import JobStoreTestSupport
import TestSupport
import Testing

extension StoreFixture {
    /// A done job with an invoice set up by `configure`; returns the invoice id.
    @discardableResult
    func invoice(_ name: String, userId: String? = nil, uploader: String? = nil, at date: Date = Date(),
                 _ configure: (inout Invoice) -> Void) throws -> Int64 {
        let id = UUID().uuidString.lowercased()
        let job = Job(id: id, filepath: dir.appending("spool/\(id).png"), filename: name, uploader: uploader, userId: userId,
                      sourcePath: nil, now: date)
        try store.beginIntake(job)
        _ = try store.finishIntake(id: id, sha256: id, sizeBytes: 1, skipDuplicates: false, duplicatePath: "", now: date)
        while try store.claimNext(holder: testHolder, now: date, lease: 60)?.id != id {}
        var invoice = Invoice(jobId: id, filename: name, rawText: "", createdAt: date)
        configure(&invoice)
        return try store.completeForTest(jobId: id, invoice: invoice, pages: 1, resultPath: "", archivePath: "", now: date)
    }
}

@Suite struct InsightsTests {
    /// Electricity in two months, a water bill, two dollar invoices whose float sum is not exact.
    func seeded() throws -> (StoreFixture, [Int64]) {
        let f = try StoreFixture()
        var ids: [Int64] = []
        ids.append(try f.invoice("hk.png") {
            $0.invoiceType = "electricity"; $0.sellerName = "CÔNG TY ĐIỆN LỰC HOÀN KIẾM"; $0.invoiceDate = "2026-10-05"
            $0.totalAmount = 1_080_000; $0.vatAmount = 80_000; $0.currency = "VND"; $0.buyerName = "Nguyễn Văn Đức"
        })
        ids.append(try f.invoice("gd.png") {
            $0.invoiceType = "electricity"; $0.sellerName = "Công ty Điện lực Gia Định"; $0.invoiceDate = "2026-10-20"
            $0.totalAmount = 1_851_768; $0.vatAmount = 137_168; $0.currency = "VND"; $0.rawText = "kWh tiêu thụ 412"
        })
        ids.append(try f.invoice("sep.png") {
            $0.invoiceType = "electricity"; $0.sellerName = "CÔNG TY ĐIỆN LỰC HOÀN KIẾM"; $0.invoiceDate = "2026-09-18"
            $0.totalAmount = 935_400; $0.currency = "VND"
        })
        ids.append(try f.invoice("unread.png") {
            $0.invoiceType = "electricity"; $0.invoiceDate = "2026-10-25"; $0.currency = "VND"
        })
        ids.append(try f.invoice("usd1.png") {
            $0.invoiceType = "general"; $0.sellerName = "Blue Harbor Trading"; $0.invoiceDate = "2026-10-03"
            $0.totalAmount = 286.67; $0.vatAmount = 26.06; $0.currency = "USD"
        })
        ids.append(try f.invoice("usd2.png") {
            $0.invoiceType = "general"; $0.sellerName = "Blue Harbor Trading"; $0.invoiceDate = "2026-10-09"
            $0.totalAmount = 12.5; $0.currency = "usd"
        })
        return (f, ids)
    }

    @Test func aggregate_sumsExactlyPerCurrency_andCountsInvoicesWithoutTotals() async throws {
        let (f, ids) = try seeded()
        let october = InvoiceQuery(from: "2026-10-01", to: "2026-10-31")
        let groups = try await f.store.aggregateInvoices(october, by: .none)
        #expect(groups.map(\.currency) == ["USD", "VND"])
        let usd = try #require(groups.first)
        #expect(usd.totalCents == 29_917) // 286.67 + 12.5 as doubles is 299.17000000000002
        #expect(usd.count == 2 && usd.countWithTotal == 2 && usd.vatCents == 2_606 && usd.countWithVAT == 1)
        let vnd = try #require(groups.last)
        #expect(vnd.count == 3 && vnd.countWithTotal == 2)
        #expect(vnd.totalCents == (1_080_000 + 1_851_768) * 100)
        #expect(vnd.invoiceIds == [ids[0], ids[1], ids[3]])
        #expect(vnd.firstDate == "2026-10-05" && vnd.lastDate == "2026-10-25")

        let electricity = try await f.store.aggregateInvoices(InvoiceQuery(type: "electricity"), by: .month)
        #expect(electricity.map(\.key) == ["2026-09", "2026-10"])
        #expect(electricity.map(\.totalCents) == [93_540_000, 293_176_800])

        let sellers = try await f.store.aggregateInvoices(InvoiceQuery(type: "electricity"), by: .seller)
        // Case and accents do not split a seller; an invoice without one is its own group, last.
        #expect(sellers.map(\.key) == ["cong ty dien luc gia dinh", "cong ty dien luc hoan kiem", nil])
        #expect(sellers.map(\.count) == [1, 2, 1])
        #expect(sellers[1].label == "CÔNG TY ĐIỆN LỰC HOÀN KIẾM")
    }

    @Test func find_countsAllMatches_filtersFoldedNames_andRanksWords() async throws {
        let (f, ids) = try seeded()
        let hoanKiem = try await f.store.findInvoices(InvoiceQuery(seller: "dien luc hoan kiem"), limit: 1)
        #expect(hoanKiem.total == 2)
        #expect(hoanKiem.invoices.map(\.id) == [ids[0]]) // the newer invoice date first
        #expect(try await f.store.findInvoices(InvoiceQuery(buyer: "nguyen van duc"), limit: 10).invoices.map(\.id) == [ids[0]])
        #expect(try await f.store.findInvoices(InvoiceQuery(text: "tieu thu"), limit: 10).invoices.map(\.id) == [ids[1]])
        #expect(try await f.store.findInvoices(InvoiceQuery(minTotal: 1_000_000, currency: "vnd"), limit: 10).total == 2)
        #expect(try await f.store.findInvoices(InvoiceQuery(text: "\")*"), limit: 10).total == 0)
        #expect(try await f.store.findInvoices(InvoiceQuery(seller: "%"), limit: 10).total == 0)
    }

    @Test func recentUploads_areTheUsersNewestJobs_withTheirInvoices() async throws {
        let f = try StoreFixture()
        let base = Date()
        let older = try f.invoice("a.png", userId: "lan", at: base) { $0.totalAmount = 1 }
        let newer = try f.invoice("b.png", userId: "lan", at: base.addingTimeInterval(5)) { $0.totalAmount = 2 }
        _ = try f.invoice("c.png", uploader: "scanner-2", at: base.addingTimeInterval(9)) { $0.totalAmount = 3 }
        let (queued, _) = try f.queuedJob("d.png", sha: "d", at: base.addingTimeInterval(10))

        let lan = try await f.store.recentUploads(userId: "lan", limit: 5)
        #expect(lan.map { $0.invoice?.id } == [newer, older])
        #expect(try await f.store.recentUploads(userId: "scanner-2", limit: 5).count == 1)
        let everyone = try await f.store.recentUploads(userId: nil, limit: 2)
        #expect(everyone.first?.job.id == queued.id && everyone.first?.invoice == nil)
    }

    @Test func readers_cannotWrite() async throws {
        let (f, _) = try seeded()
        // The queries above run on the pool's reader connections; SQLite refuses writes there.
        await #expect(throws: DatabaseError.self) {
            try await f.store.pool.read { db in try db.execute(sql: "DELETE FROM invoices") }
        }
        #expect(try await f.store.findInvoices(InvoiceQuery(), limit: 1).total == 6)
    }

    @Test func chatHistory_keepsTheLastTurnsPerUser_andClears() async throws {
        let f = try StoreFixture()
        for turn in 1...4 {
            try await f.store.appendChatTurn(userId: "lan", question: "q\(turn)", answer: "a\(turn)", invoiceIds: [Int64(turn)],
                                             keep: 3, now: Date())
        }
        try await f.store.appendChatTurn(userId: "minh", question: "x", answer: "y", invoiceIds: [], keep: 3, now: Date())
        let lan = try await f.store.chatHistory(userId: "lan", turns: 2)
        #expect(lan.map(\.content) == ["q3", "a3", "q4", "a4"])
        #expect(lan.last?.invoiceIds == "[4]")
        #expect(try await f.store.chatHistory(userId: "lan", turns: 10).count == 6) // 3 turns kept
        #expect(try await f.store.clearChatHistory(userId: "lan") == 6)
        #expect(try await f.store.chatHistory(userId: "lan", turns: 10).isEmpty)
        #expect(try await f.store.chatHistory(userId: "minh", turns: 10).count == 2)
    }
}

/// Issue 13, item 5: one stored 1e300 once made every aggregate fail with "integer
/// overflow", and chat answered 500 from then on. Rows from before amounts were checked may
/// still hold such values: they count as "no amount", and sums cannot overflow.
@Suite struct AggregateOverflowTests {
    @Test func aStoredAbsurdAmount_doesNotBreakTheSums() async throws {
        let f = try StoreFixture()
        try f.invoice("poison.xml") { $0.totalAmount = 1e300; $0.vatAmount = -1e300; $0.currency = "VND" }
        try f.invoice("big-1.png") { $0.totalAmount = 9e14; $0.currency = "VND" }
        try f.invoice("big-2.png") { $0.totalAmount = 9e14; $0.currency = "VND" }
        try f.invoice("plain.png") { $0.totalAmount = 1_080_000; $0.vatAmount = 80_000; $0.currency = "VND" }
        let groups = try await f.store.aggregateInvoices(InvoiceQuery(), by: .none)
        let vnd = try #require(groups.first)
        #expect(vnd.count == 4)
        #expect(vnd.countWithTotal == 3)
        #expect(vnd.totalCents == Int64(1_800_000_000_000_000 + 1_080_000) * 100)
        #expect(vnd.countWithVAT == 1 && vnd.vatCents == 8_000_000)
    }
}
