import Foundation

extension EInvoiceXML {
    /// Turns an e-invoice's element texts into typed values. A text that is not what its
    /// element must hold is not kept, and the reason is noted: whoever sends the file wrote
    /// it, and one stored nonsense number breaks every sum over the table.
    struct FieldReading {
        /// Why values were not kept, as warnings for `checks.warnings`.
        private(set) var refused: [String] = []

        /// An amount written as e-invoices write it (`MoneyRange.parse`).
        mutating func amount(_ text: String?, _ field: String, in element: String) -> Double? {
            guard let text else { return nil }
            if let amount = MoneyRange.parse(text) { return amount }
            refused.append("\(field) \"\(text.prefix(40))\" in \(element) is not an amount (a plain decimal up to \(Int64(MoneyRange.largest)) with at most \(MoneyRange.maxDecimals) decimals); it was not kept")
            return nil
        }

        /// The ISO date at the start of an `xs:date` or `xs:dateTime` (`2019-06-12`,
        /// `2019-06-12T00:00:00`, `2019-06-12T00:00:00+07:00`), or a day-first `12/06/2019`.
        /// The date part is kept as written, not moved to another time zone: it is the date
        /// the invoice shows when printed.
        mutating func date(_ text: String?, in element: String) -> String? {
            guard let text else { return nil }
            if let iso = Self.isoDate(text) { return iso }
            refused.append("invoice_date \"\(text.prefix(40))\" in \(element) is not a date (YYYY-MM-DD, a date-time, or DD/MM/YYYY); it was not kept")
            return nil
        }

        static func isoDate(_ text: String) -> String? {
            let characters = Array(text)
            func number(_ range: Range<Int>) -> Int? {
                guard range.upperBound <= characters.count, characters[range].allSatisfy({ $0.isASCII && $0.isWholeNumber }) else { return nil }
                return Int(String(characters[range]))
            }
            let year: Int?, month: Int?, day: Int?
            if characters.count >= 10, characters[4] == "-", characters[7] == "-" {
                (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
            } else if characters.count >= 10, characters[2] == "/", characters[5] == "/" {
                (year, month, day) = (number(6..<10), number(3..<5), number(0..<2))
            } else {
                return nil
            }
            // After the date only a time or a zone may follow ("2019-06-123" is no date).
            if characters.count > 10, !"T +-Z".contains(characters[10]) { return nil }
            // Years outside 1990–2100 are no e-invoice's (the same bounds as for printed dates).
            guard let year, let month, let day, (1990...2100).contains(year), (1...12).contains(month), day >= 1 else { return nil }
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard day <= days[month - 1] else { return nil }
            return String(format: "%04d-%02d-%02d", year, month, day)
        }

        /// A VAT rate in percent (`10`, `10%`, `8.0`); nil for "not subject to VAT" and for
        /// the codes the schemas use for it (`KCT`, `KKKNT`, negative numbers in 2014).
        static func rate(_ text: String?) -> Double? {
            guard let text else { return nil }
            return MoneyRange.parse(text.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces))
                .flatMap { (0...100).contains($0) ? $0 : nil }
        }
    }
}
