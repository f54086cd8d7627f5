import Testing

@testable import InvoiceExtraction

/// Vietnamese shop receipts: the shop's name above or below the title, totals under
/// the many labels shops print, cash, change, discount and barcodes that are not the
/// total, and numbers in the shapes tills print them.
@Suite struct VietnameseReceiptTests {
    @Test func aChainsReceipt_withABarcodeAndAnItemCount_hasItsTotal() {
        let invoice = extracted("""
BÁCH HÓA XANH
HÓA ĐƠN BÁN HÀNG
CH: 4521 - 120 Lê Văn Việt, Q9
Số HĐ: 4521-0034567
Ngày: 20/06/2024 18:22
Rau cải ngọt 1 15.000 15.000
Thịt ba rọi 0,5 kg 141.000
8936036020137
Tổng SL: 2
Tổng tiền thanh toán: 156.000
Tiền khách đưa: 200.000
Tiền thối lại: 44.000
""")
        #expect(invoice.sellerName == "BÁCH HÓA XANH")
        #expect(invoice.totalAmount == 156_000)
        #expect(invoice.invoiceNumber == "4521-0034567")
        #expect(invoice.invoiceType == "retail")
    }

    @Test func aMinimartsBrandInMixedCase_isTheSeller_andTTOANIsTheTotal() {
        let invoice = extracted("""
Minimart Anh Khoa
ĐC: 15 Trần Phú, Hà Đông, Hà Nội
HÓA ĐƠN BÁN HÀNG
HĐ: 000231 12/07/2024 08:05
Bia Hà Nội lon 6 15.000 90.000
Đá viên 1 9.000 9.000
TỔNG TIỀN PHẢI T.TOÁN 99.000
TIỀN MẶT 100.000
TIỀN THỐI LẠI 1.000
""")
        #expect(invoice.sellerName == "Minimart Anh Khoa")
        #expect(invoice.totalAmount == 99_000)
        #expect(invoice.invoiceNumber == "000231")
        #expect(invoice.invoiceDate == "2024-07-12")
        #expect(invoice.invoiceType == "retail")
    }

    @Test func aDiscount_isTakenOffTheSubtotal_andTheTotalKept() {
        let invoice = extracted("""
PHIẾU TÍNH TIỀN
Highlands Coffee
Vincom Bà Triệu
Số: 00871 Bàn 5
Ngày 03/08/2024 Giờ 15:40
Phin sữa đá 2 29.000 58.000
Bánh mì que 1 19.000 19.000
Cộng tiền hàng 77.000
Chiết khấu 7.700
Tổng cộng 69.300
Tiền mặt 100.000
Tiền thừa 30.700
""")
        #expect(invoice.subtotal == 77_000)
        #expect(invoice.totalAmount == 69_300)
        #expect(invoice.sellerName == "Highlands Coffee")
        #expect(invoice.invoiceType == "retail")
        #expect(invoice.checks.sumMatches == true)
        #expect(invoice.checks.cashChangeMatches == true)
    }

    @Test func aReceiptCode_withLettersBeforeItsDigits_isTheNumber() {
        let invoice = extracted("""
HÓA ĐƠN BÁN HÀNG
CỬA HÀNG TIỆN LỢI MINH CHÂU
Đ/c: 45 Nguyễn Trãi, Thanh Xuân, Hà Nội
ĐT: 0243 888 9999

Số CT: HD0023981 Ngày: 02/05/2024
Thu ngân: Lan

Mặt hàng SL Giá T.Tiền
Mì Hảo Hảo 5 4.500 22.500
Coca Cola 330ml 2 10.000 20.000
Tổng cộng: 42.500
Tiền mặt: 50.000
Tiền thừa: 7.500
""")
        #expect(invoice.invoiceNumber == "HD0023981")
        #expect(invoice.sellerName == "CỬA HÀNG TIỆN LỢI MINH CHÂU")
        #expect(invoice.invoiceType == "retail")
    }
}
