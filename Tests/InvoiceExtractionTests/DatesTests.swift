import Testing

@testable import InvoiceExtraction

@Suite struct DatesTests {
    func dates(_ text: String, monthFirst: Bool = false) -> [String] {
        let line = TextLine(index: 0, page: 0, scalars: Array(text.unicodeScalars))
        return DateParser.dates(in: line, monthFirst: monthFirst).map(\.iso)
    }

    @Test func vietnameseForms() {
        #expect(dates("Ngày 16 tháng 04 năm 2026") == ["2026-04-16"])
        #expect(dates("Ngay 16 thang 4 nam 2026") == ["2026-04-16"])
        #expect(dates("Ngày (Date) 03 thang (month) 02 năm (year) 2026") == ["2026-02-03"])
        #expect(dates("Ngay (Date) 03 thang 02 ndm 2026") == ["2026-02-03"])
        #expect(dates("Ngày 22 tháng Ø2 nắm 2026") == ["2026-02-22"])
        #expect(dates("Ngày16tháng04năm2026") == ["2026-04-16"])
    }

    @Test func numericForms() {
        #expect(dates("Ngày: 21-08-2025") == ["2025-08-21"])
        #expect(dates("Ngày hóa đơn: 21.04.2025") == ["2025-04-21"])
        #expect(dates("Ngày: 31/05/2026 13:07") == ["2026-05-31"])
        #expect(dates("Ngày: 05/03/25 18:19") == ["2025-03-05"])
        #expect(dates("2026-04-16") == ["2026-04-16"])
        #expect(dates("16/O4/2O26") == ["2026-04-16"])
        #expect(dates("Kỳ: tháng 02/2026 (từ 01/02/2026 đến 28/02/2026)") == ["2026-02-01", "2026-02-28"])
    }

    @Test func englishForms() {
        #expect(dates("Invoice Date: June 27, 2026") == ["2026-06-27"])
        #expect(dates("Date: 3 August 2014") == ["2014-08-03"])
        #expect(dates("August 3 , 2014") == ["2014-08-03"])
        #expect(dates("31-Dec-2017") == ["2017-12-31"])
        #expect(dates("Date: 02/15/2026", monthFirst: true) == ["2026-02-15"])
        #expect(dates("Date: 01/05/2026", monthFirst: true) == ["2026-01-05"])
        // A first number above 12 is a day whichever order the document uses.
        #expect(dates("Date: 15/02/2026", monthFirst: true) == ["2026-02-15"])
    }

    @Test func rejectsImpossibleDates() {
        #expect(dates("31/02/2026").isEmpty)
        #expect(dates("Ngày 32 tháng 01 năm 2026").isEmpty)
        #expect(dates("1.080.000").isEmpty)
        #expect(dates("29/02/2024") == ["2024-02-29"])
        #expect(dates("29/02/2026").isEmpty)
    }

    @Test func picksTheIssueDateAmongOthers() {
        let text = """
            CÔNG TY ĐIỆN LỰC GIA ĐỊNH
            Kỳ: 1 Tháng 01/2026 (29 ngày từ 16/12/2025 đến 14/01/2026)
            Tổng cộng tiền thanh toán: 1.851.768 đồng
            Hạn thanh toán: 27/01/2026.
            Ngày 17 tháng 01 năm 2026
            Ký ngày: 18/01/2026
            """
        #expect(InvoiceExtractor.extract(text: text, ocrConfidence: nil).invoiceDate == "2026-01-17")
    }
}
