import Foundation
import Testing

@testable import InvoiceExtraction

@Suite struct EncodingTests {
    @Test func everyKeyIsPresentWithNullForMissingFields() throws {
        let invoice = InvoiceExtractor.extract(text: "", ocrConfidence: nil)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(invoice)) as! [String: Any]
        for key in CorpusTests.fields + ["confidence_score", "field_confidence", "checks"] {
            #expect(object.keys.contains(key), "missing key \(key)")
        }
        #expect(object["total_amount"] is NSNull)
        #expect(object["invoice_type"] is String)
        let checks = object["checks"] as! [String: Any]
        #expect(checks["sum_matches"] is NSNull)
        #expect(checks["repairs"] is [Any])
        #expect(invoice.confidenceScore < 0.3)
    }

    @Test func amountsAreNumbersAndRoundTrip() throws {
        let text = """
            CÔNG TY TNHH ABC
            Mã số thuế: 0100233488
            Ký hiệu: 1C26TTU   Số: 00002486
            Ngày 16 tháng 04 năm 2026
            Cộng tiền hàng: 1.000.000
            Thuế suất GTGT: 8%   Tiền thuế GTGT: 80.000
            Tổng cộng tiền thanh toán: 1.080.000
            Số tiền viết bằng chữ: Một triệu không trăm tám mươi nghìn đồng
            """
        let invoice = InvoiceExtractor.extract(text: text, ocrConfidence: 91)
        let data = try JSONEncoder().encode(invoice)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect((object["total_amount"] as? NSNumber)?.doubleValue == 1_080_000)
        #expect(object["invoice_code"] as? String == "1C26TTU-00002486")
        #expect(try JSONDecoder().decode(ExtractedInvoice.self, from: data) == invoice)
        #expect(invoice.checks.sumMatches == true && invoice.checks.wordsMatchTotal == true)
        #expect(invoice.checks.sellerTaxCodeValid == true)
    }
}
