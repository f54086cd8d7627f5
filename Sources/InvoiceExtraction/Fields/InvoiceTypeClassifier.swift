/// Which kind of invoice a document is: electricity, water, telecom, retail,
/// service or general.
///
/// Utility bills and receipts announce themselves in their title, their
/// seller and their vocabulary (kWh, m3, "thuê bao", "tiền khách đưa"); each
/// distinct sign counts once, a sign in a title line counts double, and two
/// points are needed. Otherwise the item lines decide: an invoice whose items
/// are mostly services (fees, rent, consulting, transport, subscriptions, or
/// billed per month/hour/trip) is `service`, anything else `general`.
enum InvoiceTypeClassifier {
    private static let signs: [(type: String, phrases: [[String]])] = [
        ("electricity", ["tien dien", "dien luc", "ban dien", "dien nang", "kwh", "evn", "electricity", "cong to"]),
        ("water", ["tien nuoc", "cap nuoc", "thoat nuoc", "nuoc sach", "m3", "water"]),
        ("telecom", ["vien thong", "thue bao", "ky cuoc", "vnpt", "viettel", "mobifone", "vinaphone", "telecom",
                     "cuoc vien thong", "internet", "truyen hinh"]),
        ("retail", ["hoa don ban le", "phieu thanh toan", "khach dua", "thoi lai", "thu ngan", "receipt", "cashier",
                    "tra lai khach", "quay thu ngan", "so quay", "tien thua", "tien thoi", "tien mat", "phieu tinh tien", "cam on quy khach",
                    "hen gap lai", "change", "cash", "tendered", "rounding", "tong sl", "thu ngan", "ngay ban", "mang di",
                    "tai cho", "kasse", "kassenbon", "wifi", "vietqr", "see you", "einkauf", "bao hanh"]),
    ].map { ($0.0, $0.1.map(words)) }

    private static func words(_ phrase: String) -> [String] { phrase.split(separator: " ").map(String.init) }

    private static let servicePhrases: [[String]] = servicePhraseList.map(words)

    private static let servicePhraseList: [String] = [
        "dich vu", "phi", "cuoc", "thue van phong", "thue nha", "thue xe", "thue kho", "tu van", "thiet ke",
        "bao tri", "bao duong", "sua chua", "lap dat", "van chuyen", "dao tao", "ve sinh", "quang cao", "hosting",
        "luu tru", "ban quyen", "consulting", "support", "subscription", "service", "fee", "license", "maintenance",
        "hours", "design", "installation", "training", "storage", "setup", "onboarding", "shipping", "hosting",
        "development", "audit", "rental", "thang", "goi", "chuyen", "gio", "month", "monthly", "hour",
        // Subscriptions and software sold by the seat or the month.
        "plan", "seat", "seats", "annual", "yearly", "workspace", "add on", "usage", "overage", "saas", "cloud",
        "domain", "backup", "backups", "renewal", "vps", "ssl", "certificate", "server", "servers", "onboarding", "implementation", "sprint", "workshop", "session", "project", "engineering",
        // Freight and logistics.
        "freight", "handling", "clearance", "customs", "carriage", "courier", "transport", "logistics", "cuoc van chuyen",
        "phi giao hang", "giao nhan",
        // Rooms and meals of a hotel.
        "tien phong", "phong", "dem", "an sang", "buffet", "room", "night", "nights", "breakfast", "accommodation",
        "luu tru", "spa",
    ]

    static func classify(_ doc: DocumentIndex) -> Found<String> {
        let titleLines = Set(doc.allHits.filter { $0.hit.kind == .title }.map(\.hit.line))
        // Words present anywhere, so that a sign whose first word is absent costs one look-up.
        var present: Set<String> = []
        for line in doc.lines { present.formUnion(line.words) }
        var best: (type: String, score: Int)?
        for (type, phrases) in signs {
            var score = 0
            for phrase in phrases where present.contains(phrase[0]) {
                if let line = firstLine(doc, containing: phrase) {
                    score += titleLines.contains(line) ? 2 : 1
                }
            }
            if type == "retail" { score += receiptShape(doc, present) }
            if score >= 2, best == nil || score > best!.score { best = (type, score) }
        }
        if let best { return Found(value: best.type, confidence: best.score >= 3 ? 0.95 : 0.85, line: -1) }

        // Items: lines between the table header and the totals that carry an amount.
        let start = doc.tableStart ?? doc.lines.count
        // The first money label below the header ends the items ("Thanh toán (Payment): CK" above it does not).
        let moneyKinds: Set<LabelKind> = [.subtotal, .total, .vatAmount, .words]
        let end = doc.hits.indices.first { $0 > start && doc.hits[$0].contains { moneyKinds.contains($0.kind) } } ?? doc.lines.count
        var services = 0, goods = 0
        for line in doc.lines[min(start + 1, end)..<end] {
            guard !AmountLexer.tokens(in: line).isEmpty else { continue }
            let words = zip(line.tokens, line.words).filter { $0.0.isAlpha }.map(\.1)
            guard words.count >= 2 else { continue }
            if servicePhrases.contains(where: { contains(words, $0) }) {
                services += 1
            } else {
                goods += 1
            }
        }
        if services > goods { return Found(value: "service", confidence: goods == 0 ? 0.9 : 0.75, line: -1) }
        if services + goods == 0 { return Found(value: "general", confidence: 0.8, line: -1) }
        return Found(value: "general", confidence: services == 0 ? 0.9 : 0.75, line: -1)
    }

    /// Payment at a till, each kind counted once however many the receipt names.
    private static let cardWords: Set<String> = ["pin", "maestro", "visa", "mastercard", "contactless", "nets", "eftpos", "amex",
                                                 "debit", "paywave", "momo", "zalopay", "vnpay", "qr"]
    private static let tableService: [[String]] = [["served", "by"], ["server"], ["table"], ["ban", "so"], ["thu", "ngan"]]

    /// What a till receipt looks like beyond its words: the moment of sale (a date with its
    /// time), paid by card or wallet, served at a table; one point each.
    private static func receiptShape(_ doc: DocumentIndex, _ present: Set<String>) -> Int {
        var points = 0
        if doc.lines.contains(where: { hasTimeOfDay($0) && !DateParser.dates(in: $0, monthFirst: false).isEmpty }) { points += 1 }
        if !present.isDisjoint(with: cardWords) { points += 1 }
        if tableService.contains(where: { present.contains($0[0]) && firstLine(doc, containing: $0) != nil }) { points += 1 }
        return points
    }

    /// "08:45", "9:07": hours and minutes.
    private static func hasTimeOfDay(_ line: TextLine) -> Bool {
        let b = line.folded
        guard b.count >= 4 else { return false }
        for k in 1..<(b.count - 2) where b[k] == UInt8(ascii: ":") {
            if b[k - 1].isDigitASCII, b[k + 1].isDigitASCII, b[k + 2].isDigitASCII, k + 3 >= b.count || !b[k + 3].isDigitASCII {
                return true
            }
        }
        return false
    }

    private static func firstLine(_ doc: DocumentIndex, containing words: [String]) -> Int? {
        for line in doc.lines where contains(line.words, words) { return line.index }
        return nil
    }

    private static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}
