import Testing

@testable import InvoiceExtraction

/// The abbreviations Vietnamese offices print (HĐ, KH, SL, TT, CK) and a utility bill whose
/// title names its money ("HÓA ĐƠN GTGT (TIỀN ĐIỆN)").
@Suite struct AbbreviationTests {
    @Test func aBillsCustomer_underTenKH_isTheBuyer_evenWhenTheTitleNamesTheMoney() {
        let invoice = extracted("""
TỔNG CÔNG TY ĐIỆN LỰC MIỀN NAM
CÔNG TY ĐIỆN LỰC ĐỒNG NAI
HÓA ĐƠN GTGT (TIỀN ĐIỆN)
Ký hiệu: 1K26TDN
Số: 0098765
Tên KH: TRẦN THỊ HOA
Địa chỉ: Tổ 5, KP3, P. Tân Phong, Biên Hòa
Mã KH: PB12000345678
Điện tiêu thụ (kWh): 150
Cộng: 300.000
Thuế suất GTGT: 8% Thuế GTGT: 24.000
Tổng cộng tiền thanh toán: 324.000
Ngày ký: 06/04/2026
""")
        #expect(invoice.buyerName == "TRẦN THỊ HOA")
        #expect(invoice.invoiceNumber == "0098765")
        #expect(invoice.totalAmount == 324_000)
    }

    @Test func soHD_isTheNumber_tongTT_isTheTotal_CKIsADiscount() {
        let invoice = extracted("""
            CỬA HÀNG VẬT TƯ PHƯƠNG NAM
            Số HĐ: 0004512
            Ngày: 12/05/2026
            Tên KH: Lê Văn Tâm
            Tiền hàng: 500.000
            CK: 50.000
            Tổng TT: 450.000
            """)
        #expect(invoice.invoiceNumber == "0004512")
        #expect(invoice.buyerName == "Lê Văn Tâm")
        #expect(invoice.totalAmount == 450_000)
        #expect(invoice.checks.sumMatches == true)
    }
}
