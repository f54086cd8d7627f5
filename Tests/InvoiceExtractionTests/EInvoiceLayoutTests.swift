import Testing

@testable import InvoiceExtraction

/// Vietnamese VAT e-invoices as their providers print them: the provider's imprint
/// and its tax code at the foot or the head, branch tax codes, seller names that
/// wrap, carry an English name below or run on into the address.
@Suite struct EInvoiceLayoutTests {
    /// A text-layer page of a branch's invoice: the provider's lookup line and imprint at the foot.
    static let branchInvoice = """
                                   HÓA ĐƠN GIÁ TRỊ GIA TĂNG                            Ký hiệu (Serial): 1C24TAA
                                          (VAT INVOICE)                                 Số (No.): 00000789
                         Ngày (Date) 15 tháng (month) 03 năm (year) 2024
                                   Mã của CQT: 00A2B3C4D5E6F7A8B9C0D1E2F3
Đơn vị bán hàng (Seller): CÔNG TY TNHH NTT DATA VIỆT NAM - CHI NHÁNH TẠI THÀNH PHỐ HÀ
NỘI
Mã số thuế (Tax code): 0100686209-096
Địa chỉ (Address): Tầng 4, tòa nhà Capital Tower, 109 Trần Hưng Đạo, Phường Cửa Nam, Quận Hoàn Kiếm, Hà Nội
Điện thoại (Tel): 024 3936 9999
Số tài khoản (A/C No.): 0011004012345 tại Ngân hàng Vietcombank
Họ tên người mua hàng (Buyer):
Tên đơn vị (Company name): CÔNG TY CỔ PHẦN ĐẦU TƯ XÂY DỰNG HÒA BÌNH
Mã số thuế (Tax code): 0101245486
Địa chỉ (Address): 235 Võ Thị Sáu, Phường Võ Thị Sáu, Quận 3, TP Hồ Chí Minh
Hình thức thanh toán (Payment method): TM/CK
 STT            Tên hàng hóa, dịch vụ          Đơn vị tính     Số lượng       Đơn giá          Thành tiền
 (No.)          (Description)                    (Unit)       (Quantity)   (Unit price)       (Amount)
  1     Phí dịch vụ tư vấn phần mềm tháng 3         Tháng             1       20.000.000        20.000.000
                                                        Cộng tiền hàng (Sub total):                  20.000.000
 Thuế suất GTGT (VAT rate): 8%                           Tiền thuế GTGT (VAT amount):                 1.600.000
                                                   Tổng cộng tiền thanh toán (Total payment):        21.600.000
Số tiền viết bằng chữ (Amount in words): Hai mươi mốt triệu sáu trăm nghìn đồng chẵn.
              Người mua hàng (Buyer)                                     Người bán hàng (Seller)
                                                                   Signature Valid
                                                                   Ký bởi: CÔNG TY TNHH NTT DATA VIỆT NAM - CHI NHÁNH
                                                                   Ký ngày: 15/03/2024
 Tra cứu hóa đơn tại: https://tracuu.vnpt-invoice.com.vn  Mã tra cứu: 7F3K9Q2M
 Đơn vị cung cấp giải pháp hóa đơn điện tử: Tổng Công ty Dịch vụ Viễn thông - VNPT VinaPhone, MST: 0106869738
"""

    /// The imprint printed above the title, and the seller unlabelled at the top with its English name below.
    static let imprintOnTop = """
Đơn vị cung cấp dịch vụ Hóa đơn điện tử: Công ty Cổ phần MISA, MST: 0101243150
                                HÓA ĐƠN GIÁ TRỊ GIA TĂNG
                                    (VAT INVOICE)
                  Ngày (Date) 02 tháng (month) 11 năm (year) 2023               Ký hiệu (Serial): 1C23TMS
                                                                                  Số (No.): 2451
CÔNG TY TNHH THƯƠNG MẠI VÀ DỊCH VỤ KỸ THUẬT SAO VIỆT
SAO VIET TECHNICAL SERVICES AND TRADING COMPANY LIMITED
Mã số thuế (Tax code): 0 3 1 2 5 4 8 7 9 6
Địa chỉ (Address): Số 12 Đường số 7, KCN Tân Bình, Phường Tây Thạnh, Quận Tân Phú, TP Hồ Chí Minh
Điện thoại (Tel): 028 3815 2233
Họ tên người mua hàng (Buyer): Nguyễn Văn Hùng
Tên đơn vị (Company): CÔNG TY TNHH MỘT THÀNH VIÊN CƠ KHÍ ĐÔNG DƯƠNG
Mã số thuế (Tax code): 0305512876
Địa chỉ (Address): 88 Nguyễn Trãi, Phường 3, Quận 5, TP Hồ Chí Minh
STT    Tên hàng hóa, dịch vụ      ĐVT    Số lượng    Đơn giá       Thành tiền
1      Bơm thủy lực HP-20          Cái      2         4.500.000     9.000.000
2      Vòng bi SKF 6205            Cái     10           180.000     1.800.000
Cộng tiền hàng (Total amount):                                    10.800.000
Thuế suất GTGT (VAT rate): 10%       Tiền thuế GTGT (VAT amount):  1.080.000
Tổng tiền thanh toán (Total payment):                             11.880.000
Số tiền viết bằng chữ (Total amount in words): Mười một triệu tám trăm tám mươi nghìn đồng.
Người mua hàng (Buyer)                           Người bán hàng (Seller)
Tra cứu tại Website: https://www.meinvoice.vn/tra-cuu - Mã tra cứu hóa đơn: B7XK2LQ9
Phát hành bởi phần mềm MISA meInvoice - Công ty Cổ phần MISA - MST 0101243150 - www.misa.vn
"""

    /// The seller's address on the same line as its name; the imprint of another provider.
    static let addressRunOn = """
                 CÔNG TY CỔ PHẦN ĐẦU TƯ VÀ PHÁT TRIỂN ĐIỆN LỰC MIỀN TRUNG (VIỆT NAM) Tầng 4, tòa nhà Viettel, 285 Cách Mạng Tháng Tám
                 MST: 0401234566
                                 HÓA ĐƠN GIÁ TRỊ GIA TĂNG
Ký hiệu: 1C24TDL                                                              Số hóa đơn: 0000153
Ngày 20 tháng 05 năm 2024
Tên khách hàng: Trần Thị Mai
Địa chỉ: 12 Hải Phòng, Đà Nẵng
 Tuyến số        Thời hạn nợ       Số lượng      Đơn giá       Thành tiền
 T-12            30 ngày           100           15.000        1.500.000
Cộng tiền hàng: 1.500.000
Thuế suất: 10%    Tiền thuế: 150.000
Tổng cộng tiền thanh toán: 1.650.000
Số tiền bằng chữ: Một triệu sáu trăm năm mươi nghìn đồng
Giải pháp hóa đơn điện tử Viettel S-Invoice - Tập đoàn Công nghiệp - Viễn thông Quân đội - MST: 0100109106
"""

    @Test func theProvidersImprint_isNeitherTheSellerNorItsTaxCode_norSwaysTheType() {
        let foot = extracted(Self.branchInvoice)
        #expect(foot.sellerName == "CÔNG TY TNHH NTT DATA VIỆT NAM - CHI NHÁNH TẠI THÀNH PHỐ HÀ NỘI")
        #expect(foot.sellerTaxCode == "0100686209-096")
        #expect(foot.invoiceType == "service")   // "Viễn thông" of the provider's name is no telecom bill
        let top = extracted(Self.imprintOnTop)
        #expect(top.sellerName == "CÔNG TY TNHH THƯƠNG MẠI VÀ DỊCH VỤ KỸ THUẬT SAO VIỆT")
        #expect(top.sellerTaxCode == "0312548796")
        #expect(extracted(Self.addressRunOn).sellerTaxCode == "0401234566")
    }

    @Test func aSellerName_stopsBeforeItsEnglishName_andBeforeTheAddress() {
        #expect(extracted(Self.imprintOnTop).sellerName == "CÔNG TY TNHH THƯƠNG MẠI VÀ DỊCH VỤ KỸ THUẬT SAO VIỆT")
        #expect(extracted(Self.addressRunOn).sellerName == "CÔNG TY CỔ PHẦN ĐẦU TƯ VÀ PHÁT TRIỂN ĐIỆN LỰC MIỀN TRUNG (VIỆT NAM)")
        let english = extracted("""
            Đơn vị bán hàng (Seller): CÔNG TY TNHH NTT DATA TẠI VIỆT NAM
            NTT (VIETNAM) LIMITED-HANOI BRANCH
            Mã số thuế (Tax code): 0100686209-096
            Tên đơn vị (Company name): Công ty TNHH Giải pháp Phần mềm Bình Minh (Việt Nam) Tầng 12, tòa nhà Lotte, 54 Liễu Giai
            Tổng cộng tiền thanh toán: 1.100.000
            """)
        #expect(english.sellerName == "CÔNG TY TNHH NTT DATA TẠI VIỆT NAM")
        #expect(english.buyerName == "Công ty TNHH Giải pháp Phần mềm Bình Minh (Việt Nam)")
    }

    @Test func aSellerName_brokenAfterAWordThatCannotEndIt_continuesOnTheNextLine() {
        let invoice = extracted("""
            Đơn vị bán hàng (Seller): CÔNG TY CỔ PHẦN BÁN LẺ KỸ THUẬT SỐ FPT - CHI
            NHÁNH THÀNH PHỐ HỒ CHÍ MINH MIỀN NAM
            Mã số thuế (Tax code): 0311609355-003
            Tổng cộng tiền thanh toán: 1.100.000
            """)
        #expect(invoice.sellerName == "CÔNG TY CỔ PHẦN BÁN LẺ KỸ THUẬT SỐ FPT - CHI NHÁNH THÀNH PHỐ HỒ CHÍ MINH MIỀN NAM")
        #expect(invoice.sellerTaxCode == "0311609355-003")
    }

    @Test func ocrDebrisAroundAName_isDropped_butOneLetterWordsStay() {
        #expect(NameText.dropLeadingDebris("l Bmvibán GSelen CÔNG TY TNHH KHÁCH SẠN SÔNG HÀN") == "CÔNG TY TNHH KHÁCH SẠN SÔNG HÀN")
        #expect(NameText.dropLeadingDebris("CÔNG TY TNHH HẢI ĐĂNG (VIỆT Ệ NAM)") == "CÔNG TY TNHH HẢI ĐĂNG (VIỆT NAM)")
        #expect(NameText.dropLeadingDebris("CÔNG TY CỔ PHẦN THIẾT BỊ NAM Á") == "CÔNG TY CỔ PHẦN THIẾT BỊ NAM Á")
        #expect(NameText.dropLeadingDebris("HỘ KINH DOANH SỬA CHỮA Ô TÔ THÀNH ĐẠT") == "HỘ KINH DOANH SỬA CHỮA Ô TÔ THÀNH ĐẠT")
        #expect(NameText.dropLeadingDebris("SIÊU THỊ MINI HOÀNG ANH") == "SIÊU THỊ MINI HOÀNG ANH")
    }

    @Test func aLargeNumberSplitByOCR_afterItsZeros_isJoined() {
        let invoice = extracted("""
            Số (No.): 000
            Mẫu số (Form): 1
            Ký hiệu (Serial): 1K25TMP
            00014
            HÓA ĐƠN GIÁ TRỊ GIA TĂNG
            Ngày (Date) 16 tháng (month) 04 năm (year) 2025
            Tổng cộng tiền thanh toán: 1.100.000
            """)
        #expect(invoice.invoiceNumber == "00000014")
        #expect(invoice.invoiceCode == "1K25TMP-00000014")
    }

    @Test func theSalesTermsRowUnderABlankBuyer_isNoBuyer() {
        let invoice = extracted("""
HÓA ĐƠN GIÁ TRỊ GIA TĂNG
Ký hiệu: 1C24TTS Số: 00006789
Ngày 27 tháng 12 năm 2024
Đơn vị bán hàng: CÔNG TY TNHH NỘI THẤT AN KHANG
Mã số thuế: 0307215485
Họ tên người mua hàng:
Tuyến số Thời hạn nợ Nhân viên bán hàng
T32 30 ngày Đỗ Thị Lan Anh
STT Tên hàng hóa, dịch vụ ĐVT Số lượng Đơn giá Thành tiền
1 Bàn làm việc Cái 2 1.500.000 3.000.000
Cộng tiền hàng: 3.000.000
Thuế suất GTGT: 10% Tiền thuế GTGT: 300.000
Tổng cộng tiền thanh toán: 3.300.000
""")
        #expect(invoice.buyerName == nil)
        #expect(invoice.sellerName == "CÔNG TY TNHH NỘI THẤT AN KHANG")
        #expect(invoice.totalAmount == 3_300_000)
    }

    @Test func aSyllableNoVietnameseWordHas_isMendedToTheNearestRealOne() {
        #expect(NameRestoration.mendImpossibleSyllables("CÔNG TY TNHH CƠ KHÍ ĐÔNG DỰƠNG") == "CÔNG TY TNHH CƠ KHÍ ĐÔNG DƯƠNG")
        #expect(NameRestoration.mendImpossibleSyllables("CÔNG TY TRỪƠNG THÀNH") == "CÔNG TY TRƯƠNG THÀNH")   // a family name
        #expect(NameRestoration.mendImpossibleSyllables("KHOAI SỰƠNG") == "KHOAI SƯỢNG")   // else the tone moves onto ơ
        #expect(NameRestoration.mendImpossibleSyllables("Nguyễn Thị Hựơng") == "Nguyễn Thị Hượng")
        #expect(NameRestoration.mendImpossibleSyllables("CÔNG TY HƯNG THỊNH") == "CÔNG TY HƯNG THỊNH")
        let invoice = extracted("""
            Đơn vị bán hàng: CÔNG TY TNHH THỪƠNG MẠI ĐÔNG DỰƠNG
            Mã số thuế: 0305512876
            Tổng cộng tiền thanh toán: 1.100.000
            """)
        // The stock phrase ("THƯƠNG MẠI") is restored after the mend.
        #expect(invoice.sellerName == "CÔNG TY TNHH THƯƠNG MẠI ĐÔNG DƯƠNG")
    }
}
