import Foundation
import GRDB
import TestSupport
import Testing
@testable import JobStore
import JobStoreTestSupport

@Suite struct SearchTests {
    @Test func query_wholeWordsButTheLast_whichIsAPrefixFromTwoCharacters() {
        #expect(SearchText.ftsQuery("Điện  lực, GIA") == #""dien" "luc" "gia"*"#)
        #expect(SearchText.ftsQuery("hoa don d") == #""hoa" "don" "d""#)
        #expect(SearchText.ftsQuery("\") OR * NEAR(") == #""or" "near"*"#)
        #expect(SearchText.ftsQuery(" ,;* ") == nil)
    }

    /// The PostgreSQL store indexes `words`, folded scalar by scalar for speed: they must be
    /// the words folding the whole text gives, whatever the text (composed or decomposed
    /// Vietnamese, đ, punctuation, digits, other scripts, letters that fold to two).
    @Test(arguments: [
        "HÓA ĐƠN GIÁ TRỊ GIA TĂNG — Công ty TNHH Điện lực Gia Định, MST: 0101234567",
        "Tie\u{0302}\u{0300}n \u{0111}ie\u{0323}\u{0302}n tha\u{0301}ng 10/2026: 1.080.000đ (VAT 8%)",
        "Straße ﬁnance Æsir Ωmega Ǆ ½ ² ٣ 東京 ｆｕｌｌ　ｗｉｄｔｈ e\u{0301}te\u{0301} NAÏVE café",
        "a,b;c\td\ne\u{00A0}f--g__h'i\"j<k>l&m",
        "",
    ])
    func words_areTheWordsOfTheFoldedText(text: String) {
        let expected = SearchText.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        #expect(SearchText.words(text).map(String.init) == expected)
    }

    @Test func snippet_marksWholeLetters_inComposedAndDecomposedText() throws {
        let composed = "Số hóa đơn 0001234 — CÔNG TY ĐIỆN LỰC GIA ĐỊNH 🧾 tiền điện tháng 11"
        for text in [composed, composed.decomposedStringWithCanonicalMapping] {
            let whole = try #require(SearchText.snippet(text, query: "dien luc"))
            #expect(whole.precomposedStringWithCanonicalMapping == "Số hóa đơn 0001234 — CÔNG TY <mark>ĐIỆN</mark> <mark>LỰC</mark> GIA ĐỊNH 🧾 tiền <mark>điện</mark> tháng 11")
            let excerpt = try #require(SearchText.snippet(text, query: "gia", radius: 4))
            // A few characters either side, never half a letter: its accents stay with it.
            let composedExcerpt = excerpt.precomposedStringWithCanonicalMapping
            #expect(composedExcerpt.hasPrefix("…") && composedExcerpt.hasSuffix("…") && composedExcerpt.contains("C <mark>GIA</mark> Đ"))
            #expect(composedExcerpt.count < 30)
            #expect(composedExcerpt.unicodeScalars.allSatisfy { $0.properties.generalCategory != .nonspacingMark })
        }
        #expect(SearchText.snippet(composed, query: "nuoc") == nil)
    }

    @Test func aWordBeingTyped_findsAsAPrefix_onlyInTheLastPlace() async throws {
        let f = try StoreFixture()
        let id = try f.doneInvoice(text: "CÔNG TY ĐIỆN LỰC GIA ĐỊNH", index: 0)
        #expect(try await f.store.search("dien lu", limit: 10).map(\.invoice.id) == [id])
        #expect(try await f.store.search("die luc", limit: 10).isEmpty)
        let hits = try await f.store.search("dien luc gia dinh", limit: 10)
        #expect(hits.map(\.invoice.id) == [id])
        #expect(hits.first?.snippet?.contains("<mark>ĐIỆN</mark> <mark>LỰC</mark> <mark>GIA</mark> <mark>ĐỊNH</mark>") == true)
    }

    @Test func matches_comeNewestFirst_evenWhenAnOlderOneMentionsTheWordsMore() async throws {
        let f = try StoreFixture()
        let older = try f.doneInvoice(text: "ĐIỆN LỰC ĐIỆN LỰC ĐIỆN LỰC ĐIỆN LỰC", index: 0)
        let newer = try f.doneInvoice(text: "Hóa đơn tiền điện, Công ty Điện lực Hoàn Kiếm, kỳ 11/2026, thanh toán trước ngày 15", index: 1)
        #expect(try await f.store.search("dien luc", limit: 10).map(\.invoice.id) == [newer, older])
        #expect(try await f.store.search("dien luc", limit: 1).map(\.invoice.id) == [newer])
    }
}

private extension StoreFixture {
    /// A done job with an invoice whose seller name and OCR text are `text`; the invoice's id.
    func doneInvoice(text: String, index: Int) throws -> Int64? {
        let (job, _) = try queuedJob("doc-\(index).png", sha: "search-\(index)")
        _ = try #require(try store.claimNext(holder: testHolder, now: Date(), lease: 60))
        var invoice = Invoice(jobId: job.id, filename: "doc-\(index).png", rawText: text, createdAt: Date())
        invoice.sellerName = text
        return try store.completeForTest(jobId: job.id, invoice: invoice, pages: 1, resultPath: "/r", archivePath: "/a", now: Date())
    }
}
