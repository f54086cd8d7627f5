import APIWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobStore
import Testing

/// Issue 16: `PATCH /api/invoices/{id}` corrects fields with the extractor's own rules (a
/// wrong value is a 400 naming the field and what is accepted, all at once), records who
/// changed what, clears `needs_review` on confirm, warns (never refuses) when the amounts do
/// not add up, and teaches the seller's supplier profile.
@Suite struct CorrectionRouteTests {
    static let headers: HTTPFields = [.contentType: "application/json"]

    func seeded() throws -> (APIFixture, Int64) {
        let f = try APIFixture()
        let id = try f.invoice("dien.png") {
            $0.sellerName = "CONG TY DIEN LUC HA NOI"
            $0.sellerTaxCode = "0100101114"
            $0.invoiceType = "general"
            $0.subtotal = 1_000_000
            $0.vatAmount = 100_000
            $0.totalAmount = 1_100_000
            $0.confidenceScore = 0.6
            $0.needsReview = true
            $0.currency = "VND"
        }
        return (f, id)
    }

    func patch(_ client: some TestClientProtocol, _ id: Int64, _ body: String,
               headers: HTTPFields = CorrectionRouteTests.headers) async throws -> TestResponse {
        try await client.execute(uri: "/api/invoices/\(id)", method: .patch, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func aCorrection_isApplied_recorded_searchable_andTeachesTheSupplierProfile() async throws {
        let (f, id) = try seeded()
        try await f.app.test(.router) { client in
            let response = try await patch(client, id, #"{"seller_name": "CÔNG TY ĐIỆN LỰC HÀ NỘI", "invoice_type": "electricity", "user_id": "lan"}"#)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let result = try WireJSON.decoder().decode(CorrectionResult.self, from: Data(response.body.readableBytesView))
            #expect(result.invoice.invoice.sellerName == "CÔNG TY ĐIỆN LỰC HÀ NỘI")
            #expect(result.invoice.invoice.invoiceType == "electricity")
            #expect(result.warnings == [])
            #expect(result.invoice.edits.map(\.field) == ["invoice_type", "seller_name"])
            #expect(result.invoice.edits.last?.oldValue == "CONG TY DIEN LUC HA NOI")
            #expect(result.invoice.edits.allSatisfy { $0.editedBy == "lan" })
            #expect(result.invoice.invoice.needsReview, "only confirming clears needs_review")
            #expect(result.invoice.fieldConfidence["seller_name"] == 1 && result.invoice.fieldConfidence["invoice_type"] == 1,
                    "a field a person wrote is trusted fully")

            let shown = try WireJSON.decoder().decode(InvoiceDetail.self, from: Data(try await client.execute(uri: "/api/invoices/\(id)", method: .get).body.readableBytesView))
            #expect(shown.edits == result.invoice.edits)
            let found = try json(try await client.execute(uri: "/api/search?q=dien%20luc%20ha%20noi", method: .get))["items"] as? [[String: Any]]
            #expect(found?.first?["seller_name"] as? String == "CÔNG TY ĐIỆN LỰC HÀ NỘI")
        }
        let profile = try #require(try f.store.supplierProfile(taxCode: "0100101114"))
        #expect(profile.sellerName == "CÔNG TY ĐIỆN LỰC HÀ NỘI")
        #expect(profile.invoiceType == "electricity")
        #expect(profile.currency == "VND")
        #expect(profile.corrections == 1)
    }

    @Test func confirming_clearsNeedsReview_once_andTheCountFollows() async throws {
        let (f, id) = try seeded()
        try await f.app.test(.router) { client in
            #expect(try json(try await client.execute(uri: "/api/stats", method: .get))["needs_review"] as? Int == 1)
            let first = try await patch(client, id, #"{"confirm": true}"#)
            #expect(first.status == .ok)
            let result = try WireJSON.decoder().decode(CorrectionResult.self, from: Data(first.body.readableBytesView))
            #expect(!result.invoice.invoice.needsReview)
            #expect(result.invoice.edits.map(\.field) == ["needs_review"])
            #expect(result.invoice.edits.first?.editedBy == "anonymous")
            #expect(try json(try await client.execute(uri: "/api/stats", method: .get))["needs_review"] as? Int == 0)
            let again = try WireJSON.decoder().decode(CorrectionResult.self, from: Data(try await patch(client, id, #"{"confirm": true}"#).body.readableBytesView))
            #expect(again.invoice.edits.count == 1, "a second confirmation changes nothing")
        }
    }

    @Test func amountsThatDoNotAddUp_areAWarning_notARefusal() async throws {
        let (f, id) = try seeded()
        try await f.app.test(.router) { client in
            let response = try await patch(client, id, #"{"total_amount": "1200000"}"#)
            #expect(response.status == .ok)
            let result = try WireJSON.decoder().decode(CorrectionResult.self, from: Data(response.body.readableBytesView))
            #expect(result.invoice.invoice.totalAmount == 1_200_000)
            #expect(result.warnings == ["subtotal + VAT = 1100000, not the total 1200000"])
            #expect(result.invoice.edits.first.map { [$0.oldValue, $0.newValue] } == ["1100000", "1200000"])
        }
    }

    @Test(arguments: [
        (#"{"seller_tax_code": "0100101115"}"#, "seller_tax_code: '0100101115' is not a valid tax code"),
        (#"{"invoice_date": "2026-02-30"}"#, "invoice_date: '2026-02-30' is not a date: write YYYY-MM-DD"),
        (#"{"invoice_date": "05/10/2026"}"#, "invoice_date: '05/10/2026' is not a date"),
        (#"{"total_amount": -5}"#, "total_amount: -5.0 is not an amount"),
        (#"{"vat_rate": 800}"#, "vat_rate: 800.0 is not a VAT rate"),
        (#"{"total_amount": "many"}"#, "total_amount: must be a number or null"),
        (#"{"seller_name": 12}"#, "seller_name: must be text or null"),
        (#"{"seller_name": "  "}"#, "seller_name: empty: send null to clear a field"),
        (#"{"seller_name": "a\u0007b"}"#, "seller_name: contains a control character"),
        (#"{"invoice_type": "bribe"}"#, "invoice_type: 'bribe' is not a type: one of general"),
        (#"{"currency": "dollars"}"#, "currency: 'DOLLARS' is not a currency"),
        (#"{"raw_text": "x"}"#, "raw_text: not a field that can be corrected"),
        (#"{"needs_review": false}"#, "needs_review: not a field that can be corrected"),
        (#"{"confirm": "yes"}"#, "confirm must be true or false"),
        (#"{}"#, "nothing to change"),
        (#"[1]"#, "send a JSON object"),
    ])
    func aWrongValue_isA400_namingTheFieldAndTheRule(body: String, message: String) async throws {
        let (f, id) = try seeded()
        try await f.app.test(.router) { client in
            let response = try await patch(client, id, body)
            #expect(response.status == .badRequest, "\(body)")
            let error = try json(response)["error"] as? String ?? ""
            #expect(error.contains(message), "\(body): \(error)")
        }
        #expect(try await f.store.edits(invoiceId: id).isEmpty, "nothing was changed by \(body)")
    }

    @Test func everyProblem_isNamedAtOnce() async throws {
        let (f, id) = try seeded()
        try await f.app.test(.router) { client in
            let error = try json(try await patch(client, id, #"{"invoice_date": "tomorrow", "buyer_tax_code": "123", "seller_name": "OK"}"#))["error"] as? String ?? ""
            #expect(error.contains("buyer_tax_code:") && error.contains("invoice_date:"), "\(error)")
        }
        #expect(try await f.store.edits(invoiceId: id).isEmpty)
    }

    @Test func notJSON_isA415_anUnknownInvoiceA404() async throws {
        let (f, id) = try seeded()
        try await f.app.test(.router) { client in
            let form = try await patch(client, id, "seller_name=x", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            #expect(try await patch(client, 999, #"{"confirm": true}"#).status == .notFound)
            #expect(try await patch(client, id + 1000, #"{"seller_name": "X"}"#).status == .notFound)
        }
    }

    @Test func clearingAField_withNull_isRecorded() async throws {
        let (f, id) = try seeded()
        try await f.app.test(.router) { client in
            let result = try WireJSON.decoder().decode(CorrectionResult.self, from: Data(try await patch(client, id, #"{"currency": null}"#).body.readableBytesView))
            #expect(result.invoice.invoice.currency == nil)
            #expect(result.invoice.edits.first.map { [$0.oldValue, $0.newValue] } == ["VND", nil])
        }
    }
}
