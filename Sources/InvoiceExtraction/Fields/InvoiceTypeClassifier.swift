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
                    "tra lai khach", "quay", "tien thua", "tien thoi", "tien mat", "phieu tinh tien", "cam on quy khach",
                    "hen gap lai", "change", "cash", "tendered", "rounding", "thank you", "tong sl", "nhan vien"]),
    ].map { ($0.0, $0.1.map(words)) }

    private static func words(_ phrase: String) -> [String] { phrase.split(separator: " ").map(String.init) }

    private static let servicePhrases: [[String]] = servicePhraseList.map(words)

    private static let servicePhraseList: [String] = [
        "dich vu", "phi", "cuoc", "thue van phong", "thue nha", "thue xe", "thue kho", "tu van", "thiet ke",
        "bao tri", "bao duong", "sua chua", "lap dat", "van chuyen", "dao tao", "ve sinh", "quang cao", "hosting",
        "luu tru", "ban quyen", "consulting", "support", "subscription", "service", "fee", "license", "maintenance",
        "hours", "design", "installation", "training", "storage", "setup", "onboarding", "shipping", "hosting",
        "development", "audit", "rental", "thang", "goi", "chuyen", "gio", "month", "monthly", "hour",
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
            if score >= 2, best == nil || score > best!.score { best = (type, score) }
        }
        if let best { return Found(value: best.type, confidence: best.score >= 3 ? 0.95 : 0.85, line: -1) }

        // Items: lines between the table header and the totals that carry an amount.
        let start = doc.tableStart ?? doc.lines.count
        let end = doc.firstLine(of: [.subtotal, .total, .vatAmount, .words]).map { max($0, start) } ?? doc.lines.count
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
