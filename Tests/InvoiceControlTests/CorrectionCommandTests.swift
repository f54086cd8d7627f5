import Foundation
import TestSupport
import Testing

/// Issue 16: `invoicectl invoice <id> --set field=value … --confirm` sends one PATCH with
/// those fields (an empty value clears one), prints the daemon's warnings, then shows the
/// invoice with its corrections.
@Suite struct CorrectionCommandTests {
    static func detail(edits: [[String: Any]]) -> [String: Any] {
        var invoice = DaemonAnswer.invoice(id: 12, seller: "CÔNG TY HÒA BÌNH")
        invoice["raw_text"] = "HÓA ĐƠN"
        invoice["checks"] = NSNull()
        invoice["job"] = NSNull()
        invoice["edits"] = edits
        return invoice
    }

    static var edit: [String: Any] { ["id": 1, "field": "seller_name", "old_value": "CONG TY HOA BINH", "new_value": "CÔNG TY HÒA BÌNH",
                                      "edited_by": "lan", "edited_at": "2026-12-04T10:00:00.000Z"] }

    @Test func set_andConfirm_sendOnePatch_thenShowTheCorrections() async throws {
        let corrected = DaemonAnswer.text(["invoice": Self.detail(edits: [Self.edit]), "warnings": ["subtotal + VAT = 1100000.0, not the total 1200000.0"]])
        try await StubDaemon.run([
            "PATCH /api/invoices/12": .json(corrected),
            "GET /api/invoices/12": .json(DaemonAnswer.text(Self.detail(edits: [Self.edit]))),
        ]) { stub in
            let run = try await stub.invoicectl(["invoice", "12", "--set", "seller_name=CÔNG TY HÒA BÌNH", "--set", "buyer_name=",
                                                 "--set", "total_amount=1200000", "--confirm"])
            #expect(run.status == 0, "\(run)")
            #expect(stub.received.map { "\($0.method) \($0.path)" } == ["PATCH /api/invoices/12", "GET /api/invoices/12"])
            let body = try #require(try JSONSerialization.jsonObject(with: stub.received[0].body) as? [String: Any])
            #expect(body["seller_name"] as? String == "CÔNG TY HÒA BÌNH")
            #expect(body["buyer_name"] is NSNull)
            #expect(body["total_amount"] as? String == "1200000")
            #expect(body["confirm"] as? Bool == true)
            #expect(body["user_id"] as? String == "ke-toan", "who corrects: the login (USER)")
            #expect(body.count == 5)
            #expect(run.lines.first == "warning: subtotal + VAT = 1100000.0, not the total 1200000.0", "\(run)")
            #expect(run.lines.contains("corrections:"), "\(run)")
            #expect(run.lines.contains { $0.contains("lan") && $0.contains("seller_name: CONG TY HOA BINH -> CÔNG TY HÒA BÌNH") }, "\(run)")
        }
    }

    @Test func aRefusedCorrection_isExitCode1_withTheDaemonsReason() async throws {
        try await StubDaemon.run([
            "PATCH /api/invoices/12": .json(status: 400, DaemonAnswer.error("seller_tax_code: '123' is not a valid tax code")),
        ]) { stub in
            let run = try await stub.invoicectl(["invoice", "12", "--set", "seller_tax_code=123"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr == "invoicectl: invoiced answered 400: seller_tax_code: '123' is not a valid tax code\n", "\(run)")
            #expect(stub.received.count == 1)
        }
    }

    @Test func setWithoutAnEqualsSign_isAUsageError_andNothingIsSent() async throws {
        try await StubDaemon.run { stub in
            let run = try await stub.invoicectl(["invoice", "12", "--set", "seller_name"])
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("--set takes FIELD=VALUE"), "\(run)")
            #expect(stub.received.isEmpty)
        }
    }
}
