extension MoneyFields {
    /// The document's currency: written against the amounts, else named
    /// anywhere, else VND.
    static func currency(_ doc: DocumentIndex, _ c: MoneyCandidates) -> Found<String> {
        if let (code, count) = c.currencyVotes.max(by: { $0.value < $1.value }) {
            // "$" is the dollar of wherever the shop is: "S$" read as "$$" in Singapore.
            // The shop's own address is at the top; a buyer's address further down says nothing.
            let letterhead = doc.lines.prefix(8).flatMap { line in line.tokens.map { line.wordString($0) } }
            // Only on a till receipt: a trader's invoice in "$" is as often in US dollars.
            let tillReceipt = c.cashGiven != nil || c.change != nil
            if code == "USD", tillReceipt, let local = CurrencyDetector.countryCurrency(letterhead), ["SGD", "AUD", "HKD"].contains(local),
               !DateField.isAmerican(doc) {
                return Found(value: local, confidence: MoneyConfidence.currencyDollarOfShop, line: -1)
            }
            // One symbol in the OCR debris of a card number ("VISA *®°£*9846") does not make a
            // Vietnamese bill in whole đồng foreign.
            let cents = (c.subtotals + c.vats + c.totals).contains { $0.token.decimals == 2 }
            if doc.isVietnamese, count == 1, !cents, code != "VND" {
                return Found(value: "VND", confidence: MoneyConfidence.currencyVNDOverStraySymbol, line: -1)
            }
            return Found(value: code, confidence: MoneyConfidence.currencyBesideAmounts, line: -1)
        }
        var votes: [String: Int] = [:]
        for line in doc.lines {
            for token in line.tokens where token.isAlpha && (2...3).contains(token.count) {
                let word = line.wordString(token)
                // "(RM)" in a column head names the ringgit; a bare two-letter word elsewhere is not enough.
                if let code = CurrencyDetector.isoCode(word)
                    ?? (token.count == 2 && line.original(token.range).allSatisfy(\.isUppercase) ? CurrencyDetector.localAbbreviation(word) : nil) {
                    votes[code, default: 0] += 1
                }
            }
            // A symbol away from any amount is OCR debris as often as a currency on a Vietnamese bill.
            if !doc.isVietnamese {
                for scalar in line.scalars { if let code = CurrencyDetector.symbolCurrency(scalar) { votes[code, default: 0] += 1 } }
            }
        }
        if let (code, count) = votes.max(by: { $0.value < $1.value }), !doc.isVietnamese || code == "VND" || count >= 2 {
            return Found(value: code, confidence: MoneyConfidence.currencyNamed, line: -1)
        }
        // Only now, when nothing printed names it: the country the whole document's words point to.
        if !doc.isVietnamese, let country = CurrencyDetector.countryCurrency(doc.lines.flatMap { line in line.tokens.map { line.wordString($0) } }) {
            return Found(value: country, confidence: MoneyConfidence.currencyOfCountry, line: -1)
        }
        if !doc.isVietnamese, DateField.isAmerican(doc) { return Found(value: "USD", confidence: MoneyConfidence.currencyAmericanDates, line: -1) }
        return Found(value: "VND", confidence: doc.isVietnamese ? MoneyConfidence.currencyVietnameseDefault : MoneyConfidence.currencyForeignDefault, line: -1)
    }
}
