import Foundation

/// The amounts an invoice can hold. A number outside them (`1e300`, `inf`, a 30-digit OCR
/// run) is never a real amount, and once stored it would break every sum over the table;
/// so it is refused where it is read and reported as a failed check instead.
public enum MoneyRange {
    /// A quadrillion: above any invoice in any currency, far below where sums in cents
    /// could leave a 64-bit integer or lose whole units in a Double.
    public static let largest = 1e15
    /// Minor units beyond four decimals are not money (no currency has more than three).
    public static let maxDecimals = 4

    /// Whether `amount` can be an invoice's amount.
    public static func contains(_ amount: Double) -> Bool {
        amount.isFinite && abs(amount) <= largest
    }

    /// A plain decimal as e-invoice XML writes it ("1234567", "-10.5", "1,234.50"): digits,
    /// at most one point and `maxDecimals` decimals, within range. Exponents, `inf`, `nan`
    /// and hex, which `Double(_:)` would take, are not amounts.
    public static func parse(_ text: String) -> Double? {
        var digits = Substring(text.replacingOccurrences(of: ",", with: ""))
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= maxDecimals, fraction.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        }
        guard let value = Double(text.replacingOccurrences(of: ",", with: "")), contains(value) else { return nil }
        return value
    }
}

extension ExtractedInvoice {
    /// The invoice with every amount outside `MoneyRange` removed and named in a warning,
    /// so a hostile or misread number is a failed check, never a stored value.
    public func droppingAmountsOutOfRange() -> ExtractedInvoice {
        var invoice = self
        let amounts: [(InvoiceField, WritableKeyPath<ExtractedInvoice, Double?>)] = [
            (.subtotal, \.subtotal), (.vatAmount, \.vatAmount), (.totalAmount, \.totalAmount)]
        for (field, keyPath) in amounts {
            guard let amount = invoice[keyPath: keyPath], !MoneyRange.contains(amount) else { continue }
            invoice[keyPath: keyPath] = nil
            invoice.fieldConfidence[field.rawValue] = nil
            invoice.checks.warnings.append("\(field.rawValue) \(amount) is not an amount any invoice holds (over \(Int64(MoneyRange.largest))); it was not kept")
        }
        if let rate = invoice.vatRate, !(rate.isFinite && rate >= 0 && rate <= 100) {
            invoice.vatRate = nil
            invoice.checks.warnings.append("vat_rate \(rate) is not a percentage; it was not kept")
        }
        if let words = invoice.checks.wordsValue, !MoneyRange.contains(words) { invoice.checks.wordsValue = nil }
        return invoice
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}
