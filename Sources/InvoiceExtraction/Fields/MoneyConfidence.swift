/// How far `MoneyFields` trusts each money figure, by what vouches for it (0…1, before
/// `Scoring` weighs in the reading quality).
///
/// One rule runs through the table: the arithmetic outweighs the label. A figure
/// that subtotal + VAT = total, the rate or the amount in words confirm ends at
/// 0.95–0.99 whatever its label; one a failed check contradicts drops to 0.3–0.4; a
/// repair is trusted as far as the facts that fixed it.
enum MoneyConfidence {
    // MARK: The combination chosen, before any check

    /// A chosen subtotal or VAT starts at this share of its label's strength: the label alone never proves a figure.
    static let subtotalOrVATShareOfLabel = 0.7
    /// A chosen total starts a little higher: the total's labels ("Tổng cộng thanh toán", "TOTAL") are the least ambiguous.
    static let totalShareOfLabel = 0.75

    // MARK: Repairs

    /// A total replaced by the amount in words when subtotal + VAT give the same figure: two independent facts.
    static let totalFromWordsAndSum = 0.95
    /// A total replaced by the amount in words alone, its printed digits one or two OCR slips away.
    static let totalFromWords = 0.88
    /// A total that the amount in words contradicts and nothing explains: one of the two is wrong.
    static let totalContradictingWords = 0.3
    /// An unreadable total taken from the words, which subtotal + VAT confirm.
    static let unreadableTotalFromWordsAndSum = 0.93
    /// An unreadable total taken from the words alone, where a total label was printed.
    static let unreadableTotalFromWordsLabelled = 0.8
    /// An unreadable total taken from the words alone, with no total label found.
    static let unreadableTotalFromWords = 0.75
    /// A subtotal or VAT whose damaged digits total − the other figure fixes, the rate or the words confirming.
    static let fixedByTotal = 0.9
    /// A subtotal or VAT not read at all, computed as total − the other figure.
    static let unreadableFromTotal = 0.85

    // MARK: The checks

    /// Subtotal and VAT when subtotal + VAT = total and VAT = subtotal × rate: every figure agrees with every other.
    static let sumAndRateConfirmed = 0.99
    /// The total whenever subtotal + VAT = total, subtotal and VAT when no rate confirms them too: one identity alone could hold by chance.
    static let sumConfirmed = 0.95
    /// Any of the three when subtotal + VAT ≠ total: at least one of them is wrong and the arithmetic cannot say which.
    static let sumContradicted = 0.4
    /// A total the amount in words confirms while subtotal + VAT contradict it: the words vouch for the total alone.
    static let wordsConfirmedAgainstSum = 0.9
    /// A total the amount in words confirms, nothing contradicting it.
    static let wordsConfirmed = 0.99
    /// The subtotal (or, with none, the total) the item lines add up to: tables are read by OCR, so agreement vouches but less than the totals' own arithmetic.
    static let itemsConfirmed = 0.95
    /// A total that both the item lines and subtotal + VAT confirm.
    static let itemsAndSumConfirmed = 0.97
    /// A total that the cash given less the change confirms.
    static let cashConfirmed = 0.96

    // MARK: Rate and words

    /// A printed rate that VAT = subtotal × rate confirms.
    static let rateConfirmed = 0.98
    /// A printed rate that VAT = subtotal × rate contradicts.
    static let rateContradicted = 0.4
    /// A printed rate with no subtotal or VAT to check it against.
    static let rateUnchecked = 0.8
    /// A rate not read but inferred: the only legal rate of which the VAT is exactly the share.
    static let rateInferred = 0.75
    /// Words read back to the total.
    static let wordsRestoredMatching = 0.97
    /// Words read as words but not to the total (or with no total to compare).
    static let wordsRestoredUnchecked = 0.5
    /// Words OCR broke, spelled anew from a total subtotal + VAT prove, the legible words agreeing.
    static let wordsSpelledFromTotal = 0.85
    /// Words that could not be read as a number: kept as printed, cleaned.
    static let wordsAsPrinted = 0.4

    // MARK: Currency

    /// "$" on a till receipt from a shop whose letterhead places it in Singapore, Australia or Hong Kong.
    static let currencyDollarOfShop = 0.85
    /// Đồng on a Vietnamese bill whose one foreign symbol is likely OCR debris (whole amounts, no cents).
    static let currencyVNDOverStraySymbol = 0.8
    /// A currency written against the amounts.
    static let currencyBesideAmounts = 0.95
    /// A currency named somewhere on the document, not beside an amount.
    static let currencyNamed = 0.9
    /// No currency written: the currency of the country the document's words place it in.
    static let currencyOfCountry = 0.8
    /// No currency written on a document that writes dates month first: US dollars.
    static let currencyAmericanDates = 0.8
    /// No currency written on a Vietnamese document: đồng, as nearly all are.
    static let currencyVietnameseDefault = 0.9
    /// No currency written on a foreign document and nothing places it: a guess.
    static let currencyForeignDefault = 0.5
}
