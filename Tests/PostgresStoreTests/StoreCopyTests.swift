import APIWire
import Foundation
import GRDB
import JobStore
import JobStoreTestSupport
import Logging
import PostgresStore
import TestSupport
import Testing

/// `invoiced store copy`: a single host's SQLite store into an empty PostgreSQL store.
@Suite struct StoreCopyTests {
    /// A SQLite store with what a working host has: done, failed and queued jobs, invoices
    /// in two currencies, a correction (and the supplier profile it taught), chat history.
    static func workedStore(_ dir: TemporaryDirectory) async throws -> JobStore {
        let store = try JobStore(path: dir.appending("invoiced.sqlite"))
        let base = Date(timeIntervalSince1970: 1_780_000_000.5)
        let amounts: [(String, Double)] = [("VND", 1_080_000), ("VND", 2_200_000.5), ("USD", 12.34), ("VND", 330_000)]
        for (index, (currency, total)) in amounts.enumerated() {
            let id = "job-\(index)"
            try store.beginIntake(Job(id: id, filepath: "/spool/\(id).png", filename: "hóa đơn \(index).png", uploader: "scanner-1",
                                      userId: nil, sourcePath: nil, now: base.addingTimeInterval(Double(index))))
            _ = try store.finishIntake(id: id, sha256: "sha-\(index)", sizeBytes: 100, skipDuplicates: true, duplicatePath: "/d", now: base)
            var invoice = Invoice(jobId: id, filename: "hóa đơn \(index).png", rawText: "HÓA ĐƠN \(index)", createdAt: base)
            invoice.sellerName = "CÔNG TY ĐẠI PHÁT \(index)"
            invoice.sellerTaxCode = "010123456\(index)"
            invoice.totalAmount = total
            invoice.currency = currency
            try store.completeForTest(jobId: id, invoice: invoice, pages: 1, resultPath: "/r/\(id).json",
                                      archivePath: "/archive/\(id).png", now: base)
        }
        try store.beginIntake(Job(id: "failed", filepath: "/spool/f.png", filename: "f.png", uploader: nil, userId: nil, sourcePath: nil, now: base))
        _ = try store.finishIntake(id: "failed", sha256: "sha-f", sizeBytes: 1, skipDuplicates: true, duplicatePath: "/d", now: base)
        try store.failForTest(jobId: "failed", message: "not an image", failedPath: "/failed/f.png", now: base)
        try store.beginIntake(Job(id: "queued", filepath: "/spool/q.png", filename: "q.png", uploader: nil, userId: nil, sourcePath: nil, now: base))
        _ = try store.finishIntake(id: "queued", sha256: "sha-q", sizeBytes: 1, skipDuplicates: true, duplicatePath: "/d", now: base)
        let first = try #require(try store.job(id: "job-0")?.invoiceId)
        _ = try store.correctInvoice(id: first, changes: [.sellerName: .text("Công ty Đại Phát")], confirm: true, editor: "lan", now: base)
        try await store.appendChatTurn(userId: "lan", question: "Tổng tháng 10?", answer: "3.610.000 VND", invoiceIds: [first], keep: 50, now: base)
        return store
    }

    @Test func aWorkedStore_isCopiedWhole_andCheckedByCountsAndSums() async throws {
        let dir = try TemporaryDirectory()
        let source = try await Self.workedStore(dir)
        let (_, location) = try SharedCluster.newDatabase()
        let target = try QueueUnderTest.node(location)
        let report = try await onOwnThread { try StoreCopy.copy(from: source, to: target) }
        #expect(report.rows == ["ocr_jobs": 6, "job_history": 10, "invoices": 4, "invoice_edits": 1, "supplier_profiles": 1, "chat_messages": 2])
        #expect(report.totals == ["VND": "3610000.50", "USD": "12.34"])
        for job in try source.allJobs() {
            #expect(try target.job(id: job.id) == job, "\(job.id)")
            #expect(try await target.jobHistory(id: job.id) == source.jobHistory(id: job.id), "\(job.id)")
        }
        let first = try #require(try source.job(id: "job-0")?.invoiceId)
        #expect(try target.invoice(id: first) == source.invoice(id: first))
        #expect(try target.invoice(id: first)?.sellerName == "Công ty Đại Phát")
        #expect(try target.supplierProfile(taxCode: "0101234560")?.sellerName == "Công ty Đại Phát")
        // Searchable there as here: diacritics and đ folded.
        let found = try await target.search("dai phat", limit: 10)
        #expect(found.count == 4, "\(found)")
        // The copied queue goes on: the queued job is claimable there, and new invoices get new ids.
        let claimed = try #require(try target.claimNext(holder: "n/w0", now: Date(), lease: 60))
        #expect(claimed.id == "queued")
        let next = try #require(try target.complete(jobId: "queued", holder: "n/w0",
                                                    invoice: Invoice(jobId: "queued", filename: "q.png", rawText: "x", createdAt: Date()),
                                                    pages: 1, resultPath: "/r", archivePath: "/a", now: Date()))
        #expect(next > 4)
    }

    /// A store of more rows than one statement carries is copied whole, in batches, each
    /// invoice searchable, the sums exact.
    @Test func aStoreOfManyBatches_isCopiedWhole() async throws {
        let dir = try TemporaryDirectory()
        let source = try JobStore(path: dir.appending("invoiced.sqlite"))
        let base = Date(timeIntervalSince1970: 1_780_000_000)
        let count = 2_345
        for index in 0..<count {
            let id = "job-\(index)"
            try source.beginIntake(Job(id: id, filepath: "/spool/\(id).png", filename: "\(id).png", uploader: nil,
                                       userId: nil, sourcePath: nil, now: base.addingTimeInterval(Double(index))))
            _ = try source.finishIntake(id: id, sha256: "sha-\(index)", sizeBytes: 1, skipDuplicates: true, duplicatePath: "/d", now: base)
            var invoice = Invoice(jobId: id, filename: "\(id).png", rawText: "hóa đơn số \(index)", createdAt: base)
            invoice.sellerName = index.isMultiple(of: 7) ? "ĐIỆN LỰC HÀ NỘI" : "Nước sạch"
            invoice.totalAmount = Double(index) + 0.25
            invoice.currency = "VND"
            try source.completeForTest(jobId: id, invoice: invoice, pages: 1, resultPath: "/r", archivePath: "/a/\(id).png", now: base)
        }
        let (_, location) = try SharedCluster.newDatabase()
        let target = try QueueUnderTest.node(location)
        let report = try await onOwnThread { try StoreCopy.copy(from: source, to: target) }
        #expect(report.rows["ocr_jobs"] == count && report.rows["invoices"] == count)
        // 0.25 × 2,345 + (0 + … + 2,344), to the cent.
        #expect(report.totals == ["VND": "2748926.25"])
        let page = try await target.search("dien luc", filters: InvoiceQuery(), limit: 500, before: nil)
        #expect(page.items.count == (count + 6) / 7, "every seventh is ĐIỆN LỰC's")
    }

    /// A second copy into the same database is refused before anything is written.
    @Test func aStoreThatIsNotEmpty_isRefused() async throws {
        let dir = try TemporaryDirectory()
        let source = try await Self.workedStore(dir)
        let (_, location) = try SharedCluster.newDatabase()
        let target = try QueueUnderTest.node(location)
        _ = try await onOwnThread { try StoreCopy.copy(from: source, to: target) }
        let problem = await #expect(throws: StoreCopy.Problem.self) { try await onOwnThread { try StoreCopy.copy(from: source, to: target) } }
        #expect(problem?.description.contains("already holds 6 jobs") == true)
        #expect(try target.allJobs().count == 6)
    }
}
