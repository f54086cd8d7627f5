import Foundation
import OCR
import TestSupport
import Testing

@Suite struct VietnameseTextTests {
    @Test func vietnameseInvoices_passTheThreshold_englishAndFrenchDoNot() {
        #expect(VietnameseText.isVietnamese("HÓA ĐƠN GIÁ TRỊ GIA TĂNG\nĐơn vị bán hàng: CÔNG TY ĐIỆN LỰC GIA ĐỊNH"))
        #expect(!VietnameseText.isVietnamese("INVOICE\nBill to: Acme Trading LLC\nTotal due: 1,250.00 USD"))
        #expect(!VietnameseText.isVietnamese("Facture n° 2014-05 — Numéro de ligne, adresse de l’installation, total à payer"))
        #expect(VietnameseText.share("12 345 — 6") == nil)
        #expect(VietnameseText.share("Đà Nẵng Hà Nội ok") == 0.8)
    }
}

/// Pages read with `vie` alone first, and again with every language when not Vietnamese.
@Suite struct VietnameseFirstReadingTests {
    func read(_ name: String) async throws -> [ReadPage] {
        try await onOwnThread {
            let reader = DocumentReader(engine: try TesseractEngine(languages: "vie+eng"),
                                        vietnameseFirst: try TesseractEngine(languages: "vie"),
                                        maxMegapixels: 60, maxPages: 5, pageTimeout: 60)
            return try reader.read(path: Fixtures.invoice(name), progress: { _ in }, shouldCancel: { false })
        }
    }

    @Test func aVietnameseInvoice_isKeptFromTheVietnameseReading_withItsAccents() async throws {
        let pages = try await read("electricity-02")
        #expect(pages.map(\.languages) == ["vie"])
        // vie+eng reads this page's "HÓA ĐƠN GIÁ TRỊ GIA TĂNG" without its accents.
        #expect(pages.first?.text.contains("HÓA ĐƠN") == true)
        #expect(missingWords(try Fixtures.expected("electricity-02").words, in: pages.first?.text ?? "") == [])
    }

    @Test func anEnglishInvoice_isReadAgainWithEveryLanguage() async throws {
        let pages = try await read("english-01")
        #expect(pages.map(\.languages) == ["vie+eng"])
        #expect(missingWords(try Fixtures.expected("english-01").words, in: pages.first?.text ?? "") == [])
    }
}
