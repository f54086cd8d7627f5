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

/// Pages read with `vie` alone first, and again with the other languages alone when not
/// Vietnamese, by a reader configured as the daemon's default (`vie+eng`, Vietnamese first).
@Suite struct VietnameseFirstReadingTests {
    func read(_ path: String) async throws -> [ReadPage] {
        let (languages, pages) = try await onWorkerThread {
            let reader = try DocumentReader(languages: "vie+eng", vietnameseFirst: true, dataPath: nil,
                                            maxMegapixels: 60, maxPages: 5, pageTimeout: 60)
            return (reader.languages, try reader.read(path: path, progress: { _ in }, shouldCancel: { false }))
        }
        // Checked in the test's task: an #expect on the worker's thread is recorded for no test.
        #expect(languages == "vie+eng")
        return pages
    }

    @Test func aVietnameseInvoice_isKeptFromTheVietnameseReading_withItsAccents() async throws {
        let pages = try await read(Fixtures.invoice("electricity-02"))
        #expect(pages.map(\.languages) == ["vie"])
        // vie+eng reads this page's "HÓA ĐƠN GIÁ TRỊ GIA TĂNG" without its accents.
        #expect(pages.first?.text.contains("HÓA ĐƠN") == true)
        #expect(missingWords(try Fixtures.expected("electricity-02").words, in: pages.first?.text ?? "") == [])
    }

    @Test func anEnglishInvoice_isReadAgainWithEnglishAlone() async throws {
        let pages = try await read(Fixtures.invoice("english-01"))
        #expect(pages.map(\.languages) == ["eng"])
        #expect(missingWords(try Fixtures.expected("english-01").words, in: pages.first?.text ?? "") == [])
    }

    /// With `vie+eng`, this receipt's `2.12` and `4.76` come out `212` and `476`.
    @Test func anEnglishReceipt_keepsItsDecimalAmounts() async throws {
        let pages = try await read(OCRFixture.path("receipt-en-small"))
        let fixture = try OCRFixture.named("receipt-en-small")
        #expect(pages.map(\.languages) == ["eng"])
        #expect(fixture.missingAmounts(in: pages.first?.text ?? "") == [])
        #expect(missingWords(fixture.words, in: pages.first?.text ?? "") == [])
    }
}
