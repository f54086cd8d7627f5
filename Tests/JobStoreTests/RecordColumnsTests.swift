import APIWire
import Foundation
import GRDB
@testable import JobStore
import TestSupport
import Testing

/// Each column is named once, in its record's `CodingKeys`: the migrations' tables and the
/// records hold the same columns (a column added by a migration without its property, or a
/// property without its column, fails here rather than reading nil), and what the API shows
/// of a row is named as the row's columns are.
@Suite struct RecordColumnsTests {
    static func columns(_ table: String, in store: JobStore) throws -> Set<String> {
        try store.pool.read { db in Set(try db.columns(in: table).map(\.name)) }
    }

    static func keys(_ value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try WireJSON.encode(value)) as? [String: Any]
        return Set((object ?? [:]).keys)
    }

    @Test func eachTable_hasTheColumnsOfItsRecord_andNoOther() throws {
        let dir = try TemporaryDirectory()
        let store = try JobStore(path: dir.appending("store.sqlite"))
        #expect(try Self.columns("ocr_jobs", in: store) == Set(Job.CodingKeys.allCases.map(\.stringValue)))
        #expect(try Self.columns("invoices", in: store) == Set(Invoice.CodingKeys.allCases.map(\.stringValue)))
        #expect(try Self.columns("chat_messages", in: store) == Set(ChatMessage.CodingKeys.allCases.map(\.stringValue)))
    }

    @Test func whatTheAPIShows_ofARow_isNamedAsItsColumns() throws {
        let now = Date()
        let job = Job(id: "7f3c", filepath: "spool/7f3c.jpg", filename: "a.jpg", uploader: nil, userId: nil, sourcePath: nil, now: now)
        let shown = try Self.keys(job.resource)
        #expect(shown.subtracting(Job.CodingKeys.allCases.map(\.stringValue)) == [])
        #expect(shown.count == 21)
        var invoice = Invoice(jobId: "7f3c", filename: "a.jpg", rawText: "", createdAt: now)
        invoice.id = 1
        let shownInvoice = try Self.keys(invoice.resource)
        #expect(shownInvoice.subtracting(Invoice.CodingKeys.allCases.map(\.stringValue)) == [])
        #expect(shownInvoice.count == 24)
    }

    @Test func aRowWritten_readsBackWhole() throws {
        let dir = try TemporaryDirectory()
        let store = try JobStore(path: dir.appending("store.sqlite"))
        let now = Date(timeIntervalSince1970: 1_791_187_200.25)
        var job = Job(id: "7f3c", filepath: "spool/7f3c.jpg", filename: "hóa đơn.jpg", uploader: "scanner-2", userId: "lan",
                      sourcePath: "/srv/inbox/a.jpg", now: now)
        job.status = .done
        job.attempts = 2
        job.sha256 = "ab"
        job.sizeBytes = 12
        job.pages = 3
        job.startedAt = now
        job.completedAt = now
        job.leaseExpiresAt = now
        job.nextAttemptAt = now
        job.errorMessage = "first try failed"
        job.resultPath = "results/7f3c.json"
        job.duplicateOf = "1a2b"
        job.interruptions = 1
        job.progress = 100
        let written = job
        try store.pool.write { db in try written.insert(db) }
        let read = try store.pool.read { db in try Job.fetchOne(db, key: "7f3c") }
        #expect(read == job)
    }
}
