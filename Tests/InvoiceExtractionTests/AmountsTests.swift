import Testing

@testable import InvoiceExtraction

@Suite struct AmountsTests {
    func amounts(_ text: String, joinSpaces: Bool = true) -> [AmountToken] {
        let line = TextLine(index: 0, page: 0, scalars: Array(text.unicodeScalars))
        return AmountLexer.tokens(in: line, joinSpaces: joinSpaces)
    }

    func values(_ text: String) -> [Double] { amounts(text).filter { !$0.isPercent }.map(\.value) }

    @Test func separators() {
        #expect(values("1.080.000") == [1_080_000])
        #expect(values("1,080,000") == [1_080_000])
        #expect(values("1 080 000") == [1_080_000])
        #expect(values("1.080 000") == [1_080_000])
        #expect(values("96.413. 900") == [96_413_900])
        #expect(values("$1,234.56") == [1_234.56])
        #expect(values("1.234,56 €") == [1_234.56])
        #expect(values("EUR 853.67") == [853.67])
        #expect(values("4.11") == [4.11])
    }

    @Test func currencyGluedToTheAmount() {
        #expect(values("1.080.000đ") == [1_080_000])
        #expect(values("1.080.000 VND") == [1_080_000])
        #expect(values("1.080.000VNĐ") == [1_080_000])
        #expect(amounts("1.080.000đ").first?.currency == "VND")
        #expect(amounts("$4.11").first?.currency == "USD")
        #expect(amounts("EUR 853.67").first?.currency == "EUR")
        #expect(amounts("USD4.11").first?.currency == "USD")
    }

    @Test func ocrDamage() {
        let colon = amounts("231:600")
        #expect(colon.map(\.value) == [231_600] && colon.first?.separatorRepaired == true)
        let letter = amounts("1.O80.000")
        #expect(letter.map(\.value) == [1_080_000] && letter.first?.letterRepaired == true)
        #expect(values("23l.600") == [231_600])
        #expect(values("1.080.00O") == [1_080_000])
        #expect(values("l.005.000") == [1_005_000])
        #expect(values("I8.425.000") == [18_425_000])
        #expect(values("1.08 0.000") == [1_080_000])
    }

    @Test func tableCellsStayApart() {
        #expect(values("100.000 200.000") == [100_000, 200_000])
        #expect(values("2 100.000") == [2, 100_000])
        #expect(values("Bậc 1 50 1.984 99.200") == [1, 50, 1_984, 99_200])
    }

    @Test func percentAndCodesAreNotAmounts() {
        let rate = amounts("Thuế suất GTGT: 10%")
        #expect(rate.count == 1 && rate[0].isPercent && rate[0].value == 10)
        #expect(values("1C26TTU") == [])
        #expect(values("kWh12") == [])
        #expect(amounts("080").first?.leadingZero == true)
    }
}
