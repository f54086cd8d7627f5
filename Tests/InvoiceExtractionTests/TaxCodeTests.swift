import TestSupport
import Testing

@testable import InvoiceExtraction

@Suite struct TaxCodeTests {
    @Test func checkDigit() {
        #expect(TaxCode.isValid("0100233488"))
        #expect(TaxCode.isValid("0314409058-002"))
        #expect(!TaxCode.isValid("0100233487"))
        #expect(!TaxCode.isValid("010023348"))
        #expect(!TaxCode.isValid("01002334880"))
        #expect(!TaxCode.isValid("01002334A8"))
    }

    @Test func everyPrefixHasOneCheckDigitOrNone() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<2000 {
            let prefix = (0..<9).map { _ in Int.random(in: 0...9, using: &rng) }
            let valid = (0...9).filter { TaxCode.isValid(prefix.map(String.init).joined() + String($0)) }
            #expect(valid.count <= 1)
            // A weighted sum that is a multiple of 11 admits no code at all.
            let sum = zip(prefix, [31, 29, 23, 19, 17, 13, 7, 5, 3]).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(valid.isEmpty == (sum % 11 == 0))
        }
    }

    @Test func normalizesPrintedForms() {
        #expect(TaxCode.normalize("0100233488")?.code == "0100233488")
        #expect(TaxCode.normalize("0 1 0 0 2 3 3 4 8 8")?.code == "0100233488")
        #expect(TaxCode.normalize("0314409058 - 002")?.code == "0314409058-002")
        let repaired = TaxCode.normalize("O1OO233488")
        #expect(repaired?.code == "0100233488" && repaired?.repaired == true)
        #expect(TaxCode.normalize("12345") == nil)
    }

    @Test func readsTheCodeOutOfALabelValue() {
        func code(_ text: String) -> String? {
            let line = TextLine(index: 0, page: 0, scalars: Array(text.unicodeScalars))
            return TaxCodeField.code(in: line, 0..<line.folded.count)?.code
        }
        #expect(code("0312781165 - Tổng đài: 1900 8969") == "0312781165")
        #expect(code("0357427679-010") == "0357427679-010")
        #expect(code("0 1 0 0 2 3 3 4 8 8") == "0100233488")
        // A branch's thirteen digits, whole or boxed like the ten before them, are never cut to ten.
        #expect(code("0100686209-096") == "0100686209-096")
        #expect(code("0100686209 – 096") == "0100686209-096")
        #expect(code("0 1 0 0 6 8 6 2 0 9 - 0 9 6") == "0100686209-096")
        #expect(code("0100686209 - 0 9 6") == "0100686209-096")
        #expect(code("0100686209 - 0 9 Tel") == "0100686209")
        #expect(code("1 | Máy in 2900 Chiếc 6 3.932.000 23.592.000") == nil)
        #expect(code("0292 3392 2957") == nil)
    }
}
