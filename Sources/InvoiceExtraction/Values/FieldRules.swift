/// What a person may write into a field (a correction): the same rules the extractor
/// reads by. Each answers nil for a good value, else what is wrong, for the person.
public enum FieldRules {
    /// Invoice types the extractor gives (`invoice_type`).
    public static let invoiceTypes = ["general", "electricity", "water", "telecom", "service", "retail"]

    /// A Vietnamese tax code: 10 digits whose last is the check digit, or 13 for a branch
    /// (`0314409058-002`).
    public static func taxCodeProblem(_ code: String) -> String? {
        TaxCode.isValid(code) ? nil
            : "'\(code.prefix(40))' is not a valid tax code: 10 digits whose last is the check digit, or 13 for a branch (0314409058-002)"
    }

    /// An ISO date, `YYYY-MM-DD`, that exists, from 1990 to 2100.
    public static func dateProblem(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), DateParser.isValid(year: year, month: month, day: day) else {
            return "'\(text.prefix(40))' is not a date: write YYYY-MM-DD (2026-10-05), a real day from 1990 to 2100"
        }
        return nil
    }

    /// An amount: a finite number from 0, under 10^15.
    public static func amountProblem(_ value: Double) -> String? {
        value.isFinite && value >= 0 && value < 1e15 ? nil : "\(value) is not an amount: a number from 0 (no minus sign)"
    }

    /// A VAT rate in percent, 0 to 100 (10, not 0.1).
    public static func vatRateProblem(_ value: Double) -> String? {
        value.isFinite && (0...100).contains(value) ? nil : "\(value) is not a VAT rate: percent from 0 to 100 (10 for 10 %)"
    }

    /// An ISO 4217 code: three capital letters.
    public static func currencyProblem(_ code: String) -> String? {
        code.count == 3 && code.allSatisfy({ $0.isASCII && $0.isUppercase }) ? nil : "'\(code.prefix(20))' is not a currency: three capital letters (VND, USD)"
    }

    /// Free text (names, numbers, series): 1 to 500 characters, none a control character.
    public static func textProblem(_ text: String) -> String? {
        guard !text.allSatisfy(\.isWhitespace) else { return "empty: send null to clear a field" }
        guard text.count <= 500 else { return "longer than 500 characters" }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return "contains a control character"
        }
        return nil
    }

    /// subtotal + VAT against the total: a warning for the person, never a refusal (a
    /// discount or a fee may stand between them).
    public static func sumWarning(subtotal: Double?, vatAmount: Double?, total: Double?) -> String? {
        guard let subtotal, let vatAmount, let total else { return nil }
        // The extractor's own test of sum_matches: to the unit of the amounts (đồng, or cents).
        let unit: Double = [subtotal, vatAmount, total].allSatisfy { $0 == $0.rounded() } ? 1 : 0.01
        guard !MoneyFields.equal(subtotal + vatAmount, total, unit) else { return nil }
        let format = { (value: Double) in MoneyFields.format(value, unit != 1) }
        return "subtotal + VAT = \(format(subtotal + vatAmount)), not the total \(format(total))"
    }
}
