import Foundation
import InvoiceExtraction
import Testing

/// Issue 16: what a person wrote for a seller is given to its next invoices, but only when
/// the tax code they are matched on passed its check digit, and the result says so.
@Suite struct SupplierProfileTests {
    static let knowledge = SupplierKnowledge(sellerName: "CÔNG TY TNHH HÒA BÌNH", invoiceType: "service")

    static func read(validTaxCode: Bool?, name: String? = "CONG TY TNHH HOA BINH", type: String? = "general") -> ExtractedInvoice {
        var invoice = ExtractedInvoice(invoiceType: type, sellerName: name, sellerTaxCode: "0100233488", confidenceScore: 0.7,
                                       fieldConfidence: ["seller_name": 0.6, "invoice_type": 0.5])
        invoice.checks.sellerTaxCodeValid = validTaxCode
        return invoice
    }

    @Test func aCheckedTaxCode_getsThePersonsNameAndType_andTheCheckSaysSo() {
        let applied = Self.read(validTaxCode: true).applying(Self.knowledge)
        #expect(applied.sellerName == "CÔNG TY TNHH HÒA BÌNH")
        #expect(applied.invoiceType == "service")
        #expect(applied.checks.sellerFromSupplierProfile == true)
        #expect(applied.fieldConfidence["seller_name"] == 1)
        #expect(applied.sellerTaxCode == "0100233488")
    }

    @Test func anUncheckedOrFailedTaxCode_isNotMatched() {
        for valid in [false, nil] as [Bool?] {
            let read = Self.read(validTaxCode: valid)
            #expect(read.applying(Self.knowledge) == read, "tax code check \(String(describing: valid))")
        }
    }

    @Test func aReadingThatAlreadyAgrees_isLeftAsItIs_withoutTheCheck() {
        let read = Self.read(validTaxCode: true, name: "CÔNG TY TNHH HÒA BÌNH", type: "service")
        let applied = read.applying(Self.knowledge)
        #expect(applied == read)
        #expect(applied.checks.sellerFromSupplierProfile == nil)
    }

    @Test func theCheck_isInTheResultJSON() throws {
        let applied = Self.read(validTaxCode: true).applying(Self.knowledge)
        let encoded = String(decoding: try JSONEncoder().encode(applied.checks), as: UTF8.self)
        #expect(encoded.contains(#""seller_from_supplier_profile":true"#))
    }
}
