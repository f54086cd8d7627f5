import TestSupport
import Testing

@testable import InvoiceExtraction

/// The daemon feeds the extractor whatever OCR produced; nothing may crash it.
@Suite struct RobustnessTests {
    @Test func survivesDegenerateInput() {
        let inputs = [
            "", "\n", "\u{0C}", "\n\u{0C}\n\n\u{0C}\n", ":", "Số:", "Số:\n", "Tổng cộng:", "Mã số thuế:",
            "Ngày tháng năm", "1.", ".1", "1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9", String(repeating: "9", count: 400),
            String(repeating: "Tổng cộng tiền thanh toán: ", count: 50), "\u{0301}\u{0301}", "đ", "$", "%", "100%",
            "Số tiền viết bằng chữ: một nghìn tỷ tỷ tỷ", "Bằng chữ: chín trăm nghìn triệu tỷ đồng",
            "Tổng cộng: 999.999.999.999.999.999.999", "Tổng cộng: 9999999999999999999999999", "Bằng chữ: mười mười mười", "Ký hiệu: \nSố: \nNgày: ",
            String(repeating: "CÔNG TY TNHH ", count: 40), "Thuế suất GTGT: 99999999999999999999%",
        ]
        for text in inputs {
            let invoice = InvoiceExtractor.extract(text: text, ocrConfidence: nil)
            #expect((0...1).contains(invoice.confidenceScore), "\(text.prefix(30))")
        }
    }

    /// Corpus documents with characters deleted, doubled, swapped for
    /// look-alikes or symbols, and lines cut: the kinds of damage OCR does, in
    /// far larger doses. Several seconds of extraction: on a thread of its own, so the
    /// tests waiting meanwhile keep Swift's cooperative threads.
    @Test func survivesMutatedDocuments() async throws {
        let documents = try CorpusTests.loadCorpus().map(\.text)
        let outOfRange = try await onWorkerThread {
            var rng = SplitMix64(state: 99)
            let noise: [Character] = ["O", "l", "|", ":", ".", ",", " ", "\n", "đ", "ư", "¬", "\u{0C}", "(", ")", "0", "9", "-"]
            var outOfRange: [Double] = []
            for text in documents {
                for _ in 0..<12 {
                    var chars = Array(text)
                    let edits = Int.random(in: 1...max(2, chars.count / 15), using: &rng)
                    for _ in 0..<edits where !chars.isEmpty {
                        let i = Int.random(in: 0..<chars.count, using: &rng)
                        switch Int.random(in: 0..<4, using: &rng) {
                        case 0: chars.remove(at: i)
                        case 1: chars.insert(chars[i], at: i)
                        case 2: chars[i] = noise.randomElement(using: &rng)!
                        default: chars.insert(noise.randomElement(using: &rng)!, at: i)
                        }
                    }
                    let invoice = InvoiceExtractor.extract(text: String(chars), ocrConfidence: Double.random(in: 0...100, using: &rng))
                    outOfRange += ([invoice.confidenceScore] + invoice.fieldConfidence.values).filter { !(0...1).contains($0) }
                }
            }
            return outOfRange
        }
        #expect(documents.count >= 40)
        #expect(outOfRange == [], "scores outside 0...1")
    }

    @Test func unknownOCRConfidenceAndLowConfidence() throws {
        let document = try #require(try CorpusTests.loadCorpus().first(where: { $0.name.hasSuffix("vat-bilingual-01") }),
                                    "the corpus has no vat-bilingual-01 to read")
        let unknown = InvoiceExtractor.extract(text: document.text, ocrConfidence: nil)
        let poor = InvoiceExtractor.extract(text: document.text, ocrConfidence: 40)
        // Same fields; a poor OCR pass lowers trust in what no check covers.
        #expect(unknown.totalAmount == poor.totalAmount && unknown.sellerName == poor.sellerName)
        #expect(poor.confidenceScore < unknown.confidenceScore)
        #expect(poor.confidenceScore < 0.9)
    }
}
