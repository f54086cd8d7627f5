import TestSupport
import Testing

@testable import InvoiceExtraction

/// An independent number-to-words generator, with the variants printers use,
/// so the parser is checked against spellings it did not produce itself.
struct VietnameseSpeller {
    var thousand = "nghìn"      // or "ngàn"
    var zeroTens = "linh"       // or "lẻ"
    var fourAfterTens = "tư"    // or "bốn"
    var oneAfterTens = "mốt"    // "một" is heard too
    var fiveAfterTens = "lăm"
    var billion = "tỷ"          // or "tỉ"

    static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    func below1000(_ n: Int, full: Bool) -> [String] {
        let h = n / 100, t = n / 10 % 10, u = n % 10
        var words: [String] = []
        if full || h > 0 { words += [Self.digits[h], "trăm"] }
        if t == 0 {
            if u > 0 { words += words.isEmpty ? [Self.digits[u]] : [zeroTens, Self.digits[u]] }
        } else if t == 1 {
            words.append("mười")
            if u == 5 { words.append(fiveAfterTens) } else if u > 0 { words.append(Self.digits[u]) }
        } else {
            words += [Self.digits[t], "mươi"]
            switch u {
            case 0: break
            case 1: words.append(oneAfterTens)
            case 4: words.append(fourAfterTens)
            case 5: words.append(fiveAfterTens)
            default: words.append(Self.digits[u])
            }
        }
        return words
    }

    func belowBillion(_ n: Int, leading: Bool) -> [String] {
        var words: [String] = []
        let groups = [(n / 1_000_000, "triệu"), (n / 1_000 % 1_000, thousand), (n % 1_000, "")]
        for (value, scale) in groups where value > 0 {
            words += below1000(value, full: !(leading && words.isEmpty))
            if !scale.isEmpty { words.append(scale) }
        }
        return words
    }

    func spell(_ n: Int) -> String {
        if n == 0 { return "không" }
        var words: [String] = []
        let billions = n / 1_000_000_000
        if billions > 0 {
            // 10^12 is "một nghìn tỷ": the count of billions is itself a number.
            words += belowBillion(billions, leading: true) + [billion]
        }
        words += belowBillion(n % 1_000_000_000, leading: words.isEmpty)
        return words.joined(separator: " ")
    }
}

@Suite struct VietnameseNumberWordsTests {
    static let edgeCases = [
        0, 1, 5, 10, 11, 14, 15, 20, 21, 24, 25, 55, 99, 100, 101, 104, 105, 110, 111, 115, 121, 1_000, 1_001, 1_005,
        1_010, 1_015, 1_100, 10_000, 15_000, 21_000, 100_000, 105_000, 1_000_000, 1_000_005, 1_080_000, 1_307_900,
        10_000_000, 100_000_000, 999_999_999, 1_000_000_000, 1_000_000_001, 2_105_000_000, 999_999_999_999,
        1_000_000_000_000,
    ]

    static func samples() -> [Int] {
        var rng = SplitMix64(state: 20_260_416)
        var values = edgeCases
        for _ in 0..<4000 {
            // Log-uniform over 0…10^12 so every magnitude is covered.
            let digits = Int.random(in: 1...12, using: &rng)
            var upper = 1
            for _ in 0..<digits { upper *= 10 }
            values.append(Int.random(in: 0..<upper, using: &rng))
        }
        return values
    }

    @Test func roundTripsEverySpellingVariant() {
        let variants = [
            VietnameseSpeller(),
            VietnameseSpeller(thousand: "ngàn", zeroTens: "lẻ", fourAfterTens: "bốn", oneAfterTens: "một", billion: "tỉ"),
            VietnameseSpeller(thousand: "ngàn", zeroTens: "linh", fourAfterTens: "tư", fiveAfterTens: "năm"),
        ]
        var failures: [String] = []
        for (i, value) in Self.samples().enumerated() {
            let speller = variants[i % variants.count]
            let words = speller.spell(value)
            for text in [words, words + " đồng", words.capitalizedFirst + " đồng chẵn.", "Bằng chữ: " + words + " đồng"] {
                if VietnameseNumberWords.parse(text) != Int64(value) { failures.append("\(value): \(text)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func readsTextWhoseDiacriticsOCRLost() {
        #expect(VietnameseNumberWords.parse("Mot trieu khong tram tam muoi nghin dong") == 1_080_000)
        #expect(VietnameseNumberWords.parse("Sáu trăm lẻ chín ngàn bốn trăm hai mươi đồng") == 609_420)
        #expect(VietnameseNumberWords.parse("Bốn trăm chín mượi. hai ngan hai tram nam mươi đồng") == 492_250)
        #expect(VietnameseNumberWords.parse("Một trăm rnười lăm nghìn đồng") == 115_000)
        #expect(VietnameseNumberWords.parse("Hai mươi triệu sáu trăm bốn niươi dong") == 20_000_640)
    }

    @Test func refusesWhatIsNotANumber() {
        #expect(VietnameseNumberWords.parse("") == nil)
        #expect(VietnameseNumberWords.parse("Người mua hàng") == nil)
        #expect(VietnameseNumberWords.parse("hai ba trăm đồng") == nil)
        #expect(VietnameseNumberWords.parse("một triệu hai triệu") == nil)
        #expect(VietnameseNumberWords.parse("một trăm linh") == nil)
        #expect(VietnameseNumberWords.parse("Chín mươi xyz triệu") == nil)
    }

    @Test func restoresPrintedSpelling() {
        #expect(VietnameseNumberWords.restoredText("Hai mươi ba triệu bay trăm tám mươi bốn ngàn đồng chan")
            == "Hai mươi ba triệu bảy trăm tám mươi bốn ngàn đồng chẵn")
        #expect(VietnameseNumberWords.restoredText("Bằng chữ: mot tram hai muoi mot nghin dong")
            == "Một trăm hai mươi mốt nghìn đồng")
        #expect(VietnameseNumberWords.restoredText("Muoi lam nghin dong") == "Mười lăm nghìn đồng")
    }

    @Test func spellsLikeThePrintedLine() {
        let printed = "Chin mươi t năm tram chín mươi lam nghìn tám trăm đồng"
        let spelled = VietnameseNumberWords.spell(90_595_800, like: printed)
        #expect(spelled == "Chín mươi triệu năm trăm chín mươi lăm nghìn tám trăm đồng")
        #expect(VietnameseNumberWords.agreement(spelled, printed) >= 0.75)
        for value in Self.samples().prefix(500) {
            #expect(VietnameseNumberWords.parse(VietnameseNumberWords.spell(Int64(value), like: "")) == Int64(value))
        }
    }
}
