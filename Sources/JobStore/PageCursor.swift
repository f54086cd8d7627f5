import Foundation

/// The cursors of the lists (`nextCursor`), opaque to clients and the same on both stores:
/// each is the sort key and id of a page's last row, so the next page starts after it
/// however many rows came or went meanwhile.
public enum PageCursor {
    /// A job list's: creation time and id.
    public static func job(_ job: Job) -> String {
        pair("\(job.createdAt.timeIntervalSince1970)", job.id)
    }

    public static func decodeJob(_ cursor: String) throws -> (Date, String) {
        let (key, id) = try decodePair(cursor)
        guard let seconds = Double(key) else { throw InvalidCursor() }
        return (Date(timeIntervalSince1970: seconds), id)
    }

    /// An invoice list's: the id in recording order; the date and id for lists by date.
    public static func invoice(_ invoice: Invoice, byDate: Bool) -> String? {
        guard let id = invoice.id else { return nil }
        guard byDate else { return String(id) }
        return invoice.invoiceDate.map { pair($0, String(id)) }
    }

    public static func decodeInvoice(_ cursor: String, byDate: Bool) throws -> (date: String?, id: Int64) {
        guard byDate else {
            guard let id = Int64(cursor), id > 0 else { throw InvalidCursor() }
            return (nil, id)
        }
        let (date, idText) = try decodePair(cursor)
        guard let id = Int64(idText), id > 0 else { throw InvalidCursor() }
        return (date, id)
    }

    /// The review queue's: the score (empty for none) and id.
    public static func score(_ invoice: Invoice) -> String? {
        invoice.id.map { pair(invoice.confidenceScore.map { String($0) } ?? "", String($0)) }
    }

    public static func decodeScore(_ cursor: String) throws -> (score: Double?, id: Int64) {
        let (scoreText, idText) = try decodePair(cursor)
        guard let id = Int64(idText), id > 0 else { throw InvalidCursor() }
        if scoreText.isEmpty { return (nil, id) }
        guard let score = Double(scoreText), score.isFinite else { throw InvalidCursor() }
        return (score, id)
    }

    /// A cursor of two keys.
    private static func pair(_ key: String, _ id: String) -> String {
        Data("\(key)|\(id)".utf8).base64EncodedString()
    }

    private static func decodePair(_ cursor: String) throws -> (String, String) {
        guard let data = Data(base64Encoded: cursor), let raw = String(data: data, encoding: .utf8),
              let bar = raw.firstIndex(of: "|") else { throw InvalidCursor() }
        return (String(raw[..<bar]), String(raw[raw.index(after: bar)...]))
    }
}
