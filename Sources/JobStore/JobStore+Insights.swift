import Foundation
import GRDB

/// Invoices that match a query: how many there are in all, and the first of them.
public struct InvoiceMatches: Sendable {
    /// Every matching invoice, counted by SQL (not just the ones returned).
    public var total: Int
    /// The best matches first when the query has words, else the newest invoice dates first.
    public var invoices: [Invoice]

    public init(total: Int, invoices: [Invoice]) {
        self.total = total
        self.invoices = invoices
    }
}

/// How `aggregateInvoices` groups its rows. Every grouping is also split by currency, so a
/// sum never adds đồng to dollars.
public enum InvoiceGrouping: String, Sendable, CaseIterable {
    /// One group (per currency).
    case none
    /// By `invoice_type`.
    case type
    /// By seller, names compared folded (case and accents do not split a seller).
    case seller
    /// By the month of `invoice_date`, `YYYY-MM`.
    case month
    /// By currency only (the same as `none`).
    case currency
}

/// One group of `aggregateInvoices`: counts and sums computed by SQLite.
///
/// Money is summed as whole hundredths (`ROUND(amount * 100)` as integers), so a total is
/// exact to the cent however many invoices it adds, instead of carrying floating-point error.
public struct InvoiceAggregate: Sendable, Equatable {
    /// The group's key: the type, the folded seller, the month `YYYY-MM`; nil for invoices
    /// without that field, and for `.none`.
    public var key: String?
    /// For sellers, one of the names as printed; otherwise the key.
    public var label: String?
    /// The currency of every invoice in the group; nil when it was not read.
    public var currency: String?
    /// Invoices in the group.
    public var count: Int
    /// Those with a `total_amount`.
    public var countWithTotal: Int
    /// Sum of `total_amount`, in hundredths.
    public var totalCents: Int64
    /// Those with a `vat_amount`.
    public var countWithVAT: Int
    /// Sum of `vat_amount`, in hundredths.
    public var vatCents: Int64
    /// Earliest and latest `invoice_date` in the group.
    public var firstDate: String?
    public var lastDate: String?
    /// The group's invoice ids, ascending.
    public var invoiceIds: [Int64]

    public init(key: String?, label: String?, currency: String?, count: Int, countWithTotal: Int, totalCents: Int64, countWithVAT: Int, vatCents: Int64, firstDate: String?, lastDate: String?, invoiceIds: [Int64]) {
        self.key = key
        self.label = label
        self.currency = currency
        self.count = count
        self.countWithTotal = countWithTotal
        self.totalCents = totalCents
        self.countWithVAT = countWithVAT
        self.vatCents = vatCents
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.invoiceIds = invoiceIds
    }
}

/// A job of someone's, newest first, with its invoice once read (for a duplicate: the
/// invoice of the job it repeats).
public struct RecentUpload: Sendable {
    public var job: Job
    public var invoice: Invoice?

    public init(job: Job, invoice: Invoice?) {
        self.job = job
        self.invoice = invoice
    }
}

/// Read-only questions about the invoices, answered by exact SQL. Each runs in one read
/// transaction of the pool's reader connections, which GRDB opens read-only: none of these
/// can change the database, whatever a caller passes.
extension JobStore {
    /// Invoices matching `query`: the total count and the first `limit`.
    public func findInvoices(_ query: InvoiceQuery, limit: Int) async throws -> InvoiceMatches {
        let (condition, arguments) = query.condition()
        let match = query.text.flatMap(SearchText.ftsQuery)
        // With words, the newest matches first (as /api/search, and as fast); else the newest dates.
        let rowsSQL = match != nil
            ? """
              SELECT invoices.* FROM invoices JOIN invoices_fts ON invoices_fts.rowid = invoices.id
              WHERE invoices_fts MATCH ? AND \(condition) ORDER BY invoices_fts.rowid DESC LIMIT ?
              """
            : """
              SELECT invoices.* FROM invoices WHERE \(condition)
              ORDER BY invoices.invoice_date IS NULL, invoices.invoice_date DESC, invoices.id DESC LIMIT ?
              """
        var rowArguments: StatementArguments = match.map { [$0] } ?? []
        rowArguments += arguments
        rowArguments += [limit]
        let pageArguments = rowArguments
        return try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices WHERE \(condition)", arguments: arguments) ?? 0
            let invoices = try Invoice.fetchAll(db, sql: rowsSQL, arguments: pageArguments)
            return InvoiceMatches(total: total, invoices: invoices)
        }
    }

    /// Counts and sums of the invoices matching `query` per currency, the same as
    /// `aggregateInvoices(query, by: .currency)` without dates, names or ids: it reads only
    /// the columns of the index of migration v12, so a sum over a million invoices does not
    /// read their rows (and their OCR text) from the disk.
    public func sumsByCurrency(_ query: InvoiceQuery) async throws -> [InvoiceAggregate] {
        let (condition, arguments) = query.condition()
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT UPPER(invoices.currency) AS cur, COUNT(*) AS n,
                    COUNT(\(Self.storable("invoices.total_amount"))) AS n_total,
                    TOTAL(ROUND(\(Self.storable("invoices.total_amount")) * 100)) AS total_cents,
                    COUNT(\(Self.storable("invoices.vat_amount"))) AS n_vat,
                    TOTAL(ROUND(\(Self.storable("invoices.vat_amount")) * 100)) AS vat_cents
                FROM invoices WHERE \(condition)
                GROUP BY cur ORDER BY cur IS NULL, cur
                """, arguments: arguments).map { row in
                InvoiceAggregate(key: nil, label: nil, currency: row["cur"], count: row["n"], countWithTotal: row["n_total"],
                                 totalCents: Self.cents(row["total_cents"]), countWithVAT: row["n_vat"], vatCents: Self.cents(row["vat_cents"]),
                                 firstDate: nil, lastDate: nil, invoiceIds: [])
            }
        }
    }

    /// Counts and sums of the invoices matching `query`, grouped by `grouping` and currency,
    /// ordered by key then currency (invoices without the key last).
    public func aggregateInvoices(_ query: InvoiceQuery, by grouping: InvoiceGrouping) async throws -> [InvoiceAggregate] {
        let (condition, arguments) = query.condition()
        let key: String
        switch grouping {
        case .none, .currency: key = "NULL"
        case .type: key = "invoices.invoice_type"
        case .seller: key = "invoices.seller_folded"
        case .month: key = "substr(invoices.invoice_date, 1, 7)"
        }
        return try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(key) AS grp, MIN(invoices.seller_name) AS seller, UPPER(invoices.currency) AS cur,
                    COUNT(*) AS n, COUNT(\(Self.storable("invoices.total_amount"))) AS n_total,
                    TOTAL(ROUND(\(Self.storable("invoices.total_amount")) * 100)) AS total_cents,
                    COUNT(\(Self.storable("invoices.vat_amount"))) AS n_vat,
                    TOTAL(ROUND(\(Self.storable("invoices.vat_amount")) * 100)) AS vat_cents,
                    MIN(invoices.invoice_date) AS first_date, MAX(invoices.invoice_date) AS last_date,
                    GROUP_CONCAT(invoices.id) AS ids
                FROM invoices WHERE \(condition)
                GROUP BY grp, cur
                ORDER BY grp IS NULL, grp, cur IS NULL, cur
                """, arguments: arguments)
            return rows.map { row in
                let group: String? = row["grp"]
                let ids = (row["ids"] as String?).map { $0.split(separator: ",").compactMap { Int64($0) }.sorted() } ?? []
                return InvoiceAggregate(
                    key: group, label: grouping == .seller ? row["seller"] : group, currency: row["cur"], count: row["n"],
                    countWithTotal: row["n_total"], totalCents: Self.cents(row["total_cents"]), countWithVAT: row["n_vat"],
                    vatCents: Self.cents(row["vat_cents"]), firstDate: row["first_date"], lastDate: row["last_date"], invoiceIds: ids)
            }
        }
    }

    /// `column` when it holds an amount an invoice can have, else NULL. Rows stored before
    /// amounts were range-checked may hold 1e300; such a row counts as "no amount" here
    /// instead of overflowing every sum. The bound is the extractor's `MoneyRange.largest`.
    static func storable(_ column: String) -> String {
        "CASE WHEN ABS(\(column)) <= 1e15 THEN \(column) END"
    }

    /// A sum of cents from SQLite's `TOTAL` (a Double, which never overflows), clamped into
    /// Int64: with every amount under 1e15 the clamp is only a guard.
    static func cents(_ total: Double) -> Int64 {
        guard total.isFinite else { return 0 }
        if total >= 9.2e18 { return .max }
        if total <= -9.2e18 { return .min }
        return Int64(total.rounded())
    }

    /// The latest jobs of `userId` (as the uploading user or the inbox subfolder that
    /// names the uploader), newest first; every user's when `userId` is nil.
    public func recentUploads(userId: String?, limit: Int) async throws -> [RecentUpload] {
        try await pool.read { db in
            var request = Job.filter(Job.Columns.intakePending == false)
            if let userId { request = request.filter(Column("user_id") == userId || Job.Columns.uploader == userId) }
            let jobs = try request.order(Job.Columns.createdAt.desc, Job.Columns.id.desc).limit(limit).fetchAll(db)
            return try jobs.map { job in
                var invoiceId = job.invoiceId
                if invoiceId == nil, let original = job.duplicateOf {
                    invoiceId = try Int64.fetchOne(db, sql: "SELECT invoice_id FROM ocr_jobs WHERE id = ?", arguments: [original])
                }
                return RecentUpload(job: job, invoice: try invoiceId.flatMap { try Invoice.fetchOne(db, key: $0) })
            }
        }
    }
}
