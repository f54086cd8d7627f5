import Foundation
import GRDB
import TestSupport
import Testing

@testable import JobStore
import JobStoreTestSupport

/// Issue 16: a correction changes the row, the search index and the folded seller in one
/// transaction, records each real change, teaches the supplier profile of a seller with a
/// tax code, goes with its invoice, and is not overwritten by a later reading of the same
/// invoice.
@Suite struct CorrectionStoreTests {
    @discardableResult
    func invoice(_ f: StoreFixture, _ name: String, taxCode: String? = "0100233488", number: String = "0000123",
                 seller: String = "CONG TY HOA BINH", score: Double = 0.6) throws -> Int64 {
        let (job, _) = try f.queuedJob(name, sha: name)
        while try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)?.id != job.id {}
        var invoice = Invoice(jobId: job.id, filename: name, rawText: "HOA DON", createdAt: Date())
        invoice.sellerName = seller
        invoice.sellerTaxCode = taxCode
        invoice.invoiceNumber = number
        invoice.confidenceScore = score
        invoice.needsReview = true
        return try f.store.completeForTest(jobId: job.id, invoice: invoice, pages: 1, resultPath: "/r", archivePath: "/a", now: Date())
    }

    @Test func onlyRealChanges_areRecorded_andTheSellerFilterAndSearchSeeTheNewName() async throws {
        let f = try StoreFixture()
        let id = try invoice(f, "a.png")
        let at = Date(timeIntervalSince1970: 1_791_187_200)
        let outcome = try #require(try f.store.correctInvoice(
            id: id, changes: [.sellerName: .text("CÔNG TY HÒA BÌNH"), .invoiceNumber: .text("0000123"), .totalAmount: .number(50_000)],
            confirm: false, editor: "lan", now: at))
        #expect(outcome.edits.map(\.field) == ["seller_name", "total_amount"], "the unchanged number is no edit")
        #expect(outcome.edits.map(\.editedAt) == [at, at])
        #expect(outcome.edits.map(\.newValue) == ["CÔNG TY HÒA BÌNH", "50000"])
        #expect(outcome.invoice.sellerFolded == "cong ty hoa binh")
        let hits = try await f.store.search("hòa bình", limit: 5)
        #expect(hits.map(\.invoice.id) == [id])
        let listed = try await f.store.invoices(InvoiceFilter(seller: "hoa binh", limit: 10))
        #expect(listed.items.first?.sellerName == "CÔNG TY HÒA BÌNH")
        #expect(try f.store.correctInvoice(id: 999, changes: [.sellerName: .text("X")], confirm: false, editor: "lan", now: at) == nil)
    }

    @Test func theProfile_followsTheLatestCorrection_andASellerWithoutTaxCodeHasNone() throws {
        let f = try StoreFixture()
        let first = try invoice(f, "a.png", number: "1")
        let second = try invoice(f, "b.png", number: "2")
        let anonymous = try invoice(f, "c.png", taxCode: nil, number: "3")
        _ = try f.store.correctInvoice(id: first, changes: [.sellerName: .text("CÔNG TY HÒA BÌNH"), .invoiceType: .text("service")],
                                       confirm: false, editor: "lan", now: Date())
        _ = try f.store.correctInvoice(id: second, changes: [.sellerName: .text("CÔNG TY TNHH HÒA BÌNH")], confirm: true, editor: "minh", now: Date())
        _ = try f.store.correctInvoice(id: anonymous, changes: [.sellerName: .text("Quán Phở")], confirm: false, editor: "lan", now: Date())
        let profile = try #require(try f.store.supplierProfile(taxCode: "0100233488"))
        #expect(profile.sellerName == "CÔNG TY TNHH HÒA BÌNH")
        #expect(profile.corrections == 2)
        let count = try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM supplier_profiles") }
        #expect(count == 1)
    }

    @Test func removingAnInvoice_removesItsHistory() throws {
        let f = try StoreFixture()
        let id = try invoice(f, "a.png")
        _ = try f.store.correctInvoice(id: id, changes: [.sellerName: .text("CÔNG TY HÒA BÌNH")], confirm: true, editor: "lan", now: Date())
        #expect(try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice_edits") } == 2)
        _ = try f.store.removeInvoice(id: id, layout: DataLayout(root: f.dir.path))
        #expect(try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice_edits") } == 0)
    }

    /// The same invoice read again (a second scan) with a higher score used to replace the
    /// stored reading: a person's correction must survive it.
    @Test func aCorrectedInvoice_isNotReplacedByABetterScoredRereading() throws {
        let f = try StoreFixture()
        let id = try invoice(f, "a.png", score: 0.6)
        _ = try f.store.correctInvoice(id: id, changes: [.sellerName: .text("CÔNG TY HÒA BÌNH")], confirm: false, editor: "lan", now: Date())
        let again = try invoice(f, "a-again.png", seller: "CONG TY HOA BINH", score: 0.99)
        #expect(again == id, "the same seller, series and number is one invoice")
        let stored = try #require(try f.store.invoice(id: id))
        #expect(stored.sellerName == "CÔNG TY HÒA BÌNH")
    }
}
