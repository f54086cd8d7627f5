import Foundation
import JobStore
import JobStoreTestSupport
@testable import Pipeline
import TestSupport
import Testing

/// Issue 16: a seller's next invoice gets what a person wrote for that seller (its supplier
/// profile, taught by a correction), in the row and in the result JSON, which says where the
/// name came from; without a profile the document's own name stands.
@Suite struct SupplierProfilePipelineTests {
    static var einvoice: String { "\(Fixtures.repositoryRoot)/Tests/Fixtures/formats/einvoice.xml" }

    func processed(_ f: PipelineFixture) async throws -> (Invoice, [String: Any]) {
        let id = try f.enqueue(path: Self.einvoice, filename: "hoa-don.xml")
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        let outcome = try await onWorkerThread { f.processor().process(job, reader: try f.reader(), shouldCancel: { false }) }
        let done: Int64? = if case let .done(invoiceId) = outcome { invoiceId } else { nil }
        let invoiceId = try #require(done, "outcome \(outcome)")
        let result = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.layout.resultPath(id: id)))) as? [String: Any]
        let checks = (result?["invoice"] as? [String: Any])?["checks"] as? [String: Any] ?? [:]
        return (try #require(try f.store.invoice(id: invoiceId)), checks)
    }

    @Test func aProfiledSeller_getsThePersonsNameAndType_andTheResultSaysSo() async throws {
        let f = try PipelineFixture()
        // An earlier invoice of the seller, corrected by a person.
        let earlier = try f.enqueue(path: Self.einvoice, filename: "earlier.xml")
        while try f.store.claimNext(holder: testHolder, now: Date(), lease: 60)?.id != earlier {}
        var row = Invoice(jobId: earlier, filename: "earlier.xml", rawText: "", createdAt: Date())
        row.sellerTaxCode = "0100233488"
        row.invoiceNumber = "00000001"
        let earlierId = try f.store.completeForTest(jobId: earlier, invoice: row, pages: 1, resultPath: "/r", archivePath: "/a", now: Date())
        _ = try f.store.correctInvoice(id: earlierId, changes: [.sellerName: .text("Công ty TNHH Thương mại Hòa Bình"), .invoiceType: .text("service")],
                                       confirm: false, editor: "lan", now: Date())
        let (invoice, checks) = try await processed(f)
        #expect(invoice.sellerName == "Công ty TNHH Thương mại Hòa Bình")
        #expect(invoice.invoiceType == "service")
        #expect(invoice.fieldConfidence["seller_name"] == 1)
        #expect(checks["seller_from_supplier_profile"] as? Bool == true)
        let stored = try JSONSerialization.jsonObject(with: Data((invoice.checksJson ?? "{}").utf8)) as? [String: Any]
        #expect(stored?["seller_from_supplier_profile"] as? Bool == true, "the row's checks say it too")
    }

    @Test func withoutAProfile_theDocumentsOwnNameStands() async throws {
        let f = try PipelineFixture()
        let (invoice, checks) = try await processed(f)
        #expect(invoice.sellerName == "CÔNG TY TNHH THƯƠNG MẠI HÒA BÌNH")
        #expect((invoice.fieldConfidence["seller_name"] ?? 0) > 0.5, "the row keeps the extractor's trust per field: \(invoice.fieldConfidence)")
        #expect(checks["seller_from_supplier_profile"] is NSNull)
    }
}
