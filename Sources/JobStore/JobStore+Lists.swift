import APIWire
import Foundation
import GRDB

/// One page of a list, newest first, and the cursor of the next page (nil on the last).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Filters of `GET /api/ocr/jobs`.
public struct JobFilter: Sendable {
    public var status: JobStatus?
    public var uploader: String?
    /// Page size, 1...500.
    public var limit: Int
    /// From a previous page's `nextCursor`.
    public var cursor: String?

    public init(status: JobStatus? = nil, uploader: String? = nil, limit: Int = 50, cursor: String? = nil) {
        self.status = status
        self.uploader = uploader
        self.limit = limit
        self.cursor = cursor
    }
}

/// The order of an invoice list.
public enum InvoiceListOrder: String, Sendable, CaseIterable {
    /// Newest recorded first; with dates, latest invoice date first.
    case newest
    /// Lowest `confidence_score` first (none at all first of all), then oldest: the review
    /// queue, where the doubtful invoices come first.
    case score
}

/// Filters of `GET /api/invoices/list` and the CSV export.
public struct InvoiceFilter: Sendable {
    public var type: String?
    /// Part of the seller's name, matched without case or diacritics.
    public var seller: String?
    /// Invoice dates, ISO `YYYY-MM-DD`, inclusive.
    public var from: String?
    public var to: String?
    public var minTotal: Double?
    public var maxTotal: Double?
    /// Only the invoices that need review (true) or only those that do not (false).
    public var needsReview: Bool?
    public var limit: Int
    public var cursor: String?
    public var order: InvoiceListOrder

    /// With dates the list goes by invoice date, latest first; without, newest recorded first.
    public var ordersByDate: Bool { order == .newest && (from != nil || to != nil) }

    public init(type: String? = nil, seller: String? = nil, from: String? = nil, to: String? = nil,
                minTotal: Double? = nil, maxTotal: Double? = nil, needsReview: Bool? = nil, limit: Int = 50, cursor: String? = nil,
                order: InvoiceListOrder = .newest) {
        self.type = type
        self.seller = seller
        self.from = from
        self.to = to
        self.minTotal = minTotal
        self.maxTotal = maxTotal
        self.needsReview = needsReview
        self.limit = limit
        self.cursor = cursor
        self.order = order
    }
}

/// A cursor that does not decode: the client sent something it was not given.
public struct InvalidCursor: Error, Sendable {}

/// A search hit: the invoice and an excerpt around the match.
public struct SearchHit: Sendable {
    public var invoice: Invoice
    public var snippet: String?

    public init(invoice: Invoice, snippet: String?) {
        self.invoice = invoice
        self.snippet = snippet
    }
}

extension JobStore {
    /// Jobs, newest first, by `filter`.
    public func jobs(_ filter: JobFilter) async throws -> Page<Job> {
        let after = try filter.cursor.map(PageCursor.decodeJob)
        return try await pool.read { db in
            var request = Job.all()
            if let status = filter.status { request = request.filter(Job.Columns.status == status.rawValue) }
            if let uploader = filter.uploader { request = request.filter(Job.Columns.uploader == uploader) }
            if let (date, id) = after {
                // The first term bounds the index range at the cursor; without it SQLite walks
                // every row above the cursor again on each page.
                request = request.filter(sql: "created_at <= ? AND (created_at < ? OR id < ?)", arguments: [date, date, id])
            }
            let rows = try request.order(Job.Columns.createdAt.desc, Job.Columns.id.desc).limit(filter.limit + 1).fetchAll(db)
            let items = Array(rows.prefix(filter.limit))
            let next = rows.count > filter.limit ? items.last.map(PageCursor.job) : nil
            return Page(items: items, nextCursor: next)
        }
    }

    /// Invoices by `filter`: newest recorded first; with dates, latest invoice date first.
    ///
    /// A date range and the recording order do not fit one index: in a month of a million
    /// invoices SQLite took every invoice of the range and sorted it by id (~200 ms, see
    /// docs/BENCHMARKS.md). Ordered by date, the date index (or type and date) walks the
    /// range in order and stops at the page, whatever the range.
    public func invoices(_ filter: InvoiceFilter) async throws -> Page<Invoice> {
        if filter.order == .score { return try await invoicesByScore(filter) }
        let byDate = filter.ordersByDate
        let after = try filter.cursor.map { try PageCursor.decodeInvoice($0, byDate: byDate) }
        return try await pool.read { db in
            let request = Self.invoiceListRequest(filter, after: after)
            let rows = try request.fetchAll(db)
            let items = Array(rows.prefix(filter.limit))
            let next = rows.count > filter.limit ? items.last.flatMap { PageCursor.invoice($0, byDate: byDate) } : nil
            return Page(items: items, nextCursor: next)
        }
    }

    /// The changes of job `id`'s status, oldest first (migration v13).
    public func jobHistory(id: String) async throws -> [JobHistoryEntry] {
        try await pool.read { db in
            try JobHistoryEntry.fetchAll(db, sql: "SELECT status, attempts, message, at FROM job_history WHERE job_id = ? ORDER BY id",
                                         arguments: [id])
        }
    }

    /// One invoice by id, without blocking.
    public func invoiceAsync(id: Int64) async throws -> Invoice? {
        try await pool.read { db in try Invoice.fetchOne(db, key: id) }
    }

    /// The statement behind `search`, for the benchmark to time as it is: the newest matches
    /// first, so that FTS5 walks its index backwards and stops at the limit. Ranking by
    /// bm25 instead costs a pass over every invoice containing each word, and words such as
    /// "gia" (giá trị gia tăng) are on nearly every VAT invoice: ~100 ms at a million
    /// invoices however few match (docs/BENCHMARKS.md). Invoices of one supplier read alike
    /// and would rank alike anyway; the newest is what an accountant looks for first.
    public static let searchSQL = """
        SELECT invoices.* FROM invoices_fts JOIN invoices ON invoices.id = invoices_fts.rowid
        WHERE invoices_fts MATCH ? ORDER BY invoices_fts.rowid DESC LIMIT ?
        """

    /// Full-text search among the invoices `filters` select (its `text` is ignored), newest
    /// first, a page of `limit` after the invoice id `before`; the cursor is the last id.
    /// Still FTS5's walk backwards over its index, stopping at the page.
    public func search(_ query: String, filters: InvoiceQuery, limit: Int, before: Int64?) async throws -> Page<SearchHit> {
        guard let match = SearchText.ftsQuery(query) else { return Page(items: [], nextCursor: nil) }
        var filters = filters
        filters.text = nil
        let (condition, conditionArguments) = filters.condition()
        var arguments: StatementArguments = [match]
        arguments += conditionArguments
        arguments += [before ?? Int64.max, limit + 1]
        let statementArguments = arguments
        let sql = """
            SELECT invoices.* FROM invoices_fts JOIN invoices ON invoices.id = invoices_fts.rowid
            WHERE invoices_fts MATCH ? AND \(condition) AND invoices_fts.rowid < ? ORDER BY invoices_fts.rowid DESC LIMIT ?
            """
        return try await pool.read { db in
            let rows = try Invoice.fetchAll(db, sql: sql, arguments: statementArguments)
            let hits = rows.prefix(limit).map { invoice in
                SearchHit(invoice: invoice, snippet: SearchText.snippet(invoice.searchBody, query: query))
            }
            return Page(items: Array(hits), nextCursor: rows.count > limit ? hits.last?.invoice.id.map(String.init) : nil)
        }
    }

    /// The page request of `invoices(_:)` (one row more than the page, to know if another
    /// follows), after the cursor's position.
    static func invoiceListRequest(_ filter: InvoiceFilter, after: (date: String?, id: Int64)?) -> QueryInterfaceRequest<Invoice> {
        var request = filtered(filter)
        switch after {
        case let (date?, id)?:
            // The first term bounds the index range at the cursor; without it SQLite walked the
            // range from its top to the cursor again on each page (an export of a year slowed
            // with every page).
            request = request.filter(sql: "invoice_date <= ? AND (invoice_date < ? OR id < ?)", arguments: [date, date, id])
        case let (nil, id)?:
            request = request.filter(Invoice.Columns.id < id)
        case nil:
            break
        }
        request = filter.ordersByDate ? request.order(Column("invoice_date").desc, Invoice.Columns.id.desc) : request.order(Invoice.Columns.id.desc)
        return request.limit(filter.limit + 1)
    }

    /// The review queue's order: lowest score first (SQLite puts a missing score first), then
    /// oldest, on the index of migration v10; the cursor is the last row's score and id.
    private func invoicesByScore(_ filter: InvoiceFilter) async throws -> Page<Invoice> {
        let after = try filter.cursor.map(PageCursor.decodeScore)
        return try await pool.read { db in
            var request = Self.filtered(filter)
            switch after {
            case let (score?, id)?:
                request = request.filter(sql: "confidence_score >= ? AND (confidence_score > ? OR id > ?)", arguments: [score, score, id])
            case let (nil, id)?:
                request = request.filter(sql: "confidence_score IS NOT NULL OR id > ?", arguments: [id])
            case nil:
                break
            }
            let rows = try request.order(Column(Invoice.CodingKeys.confidenceScore).asc, Invoice.Columns.id.asc).limit(filter.limit + 1).fetchAll(db)
            let items = Array(rows.prefix(filter.limit))
            let next = rows.count > filter.limit ? items.last.flatMap(PageCursor.score) : nil
            return Page(items: items, nextCursor: next)
        }
    }

    /// The invoices `filter`'s fields select, in no order.
    static func filtered(_ filter: InvoiceFilter) -> QueryInterfaceRequest<Invoice> {
        var request = Invoice.all()
        if let type = filter.type { request = request.filter(Column("invoice_type") == type) }
        if let seller = filter.seller {
            request = request.filter(sql: "seller_folded LIKE ? ESCAPE '\\'", arguments: ["%\(Self.likeEscaped(SearchText.fold(seller)))%"])
        }
        if let from = filter.from { request = request.filter(Column("invoice_date") >= from) }
        if let to = filter.to { request = request.filter(Column("invoice_date") <= to) }
        if let min = filter.minTotal { request = request.filter(Column("total_amount") >= min) }
        if let max = filter.maxTotal { request = request.filter(Column("total_amount") <= max) }
        if let needsReview = filter.needsReview { request = request.filter(Invoice.Columns.needsReview == needsReview) }
        return request
    }

    private static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
