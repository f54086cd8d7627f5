import APIWire
import Foundation
import Hummingbird
import Ingest
import JobStore

/// `/api/invoices/list`, `/api/invoices/sums`, `/api/invoices/{id}` (GET, DELETE), `/api/invoices/export.csv`.
struct InvoicesController<Context: RequestContext> {
    let context: APIContext
    var store: any InvoiceStore { context.store }

    func addRoutes(to router: Router<Context>) {
        router.get("/api/invoices/list") { request, _ in try await list(request) }
        router.get("/api/invoices/export.csv") { request, _ in try await export(request) }
        router.get("/api/invoices/sums") { request, _ in try await sums(request) }
        router.get("/api/invoices/{id}") { _, context in try await invoice(id: try context.parameters.require("id")) }
        router.delete("/api/invoices/{id}") { _, context in try await remove(id: try context.parameters.require("id")) }
    }

    func invoiceNumber(_ id: String) throws -> Int64 {
        guard let number = Int64(id), number > 0 else { throw APIError(.badRequest, "invoice id must be a positive whole number, not '\(id)'") }
        return number
    }

    func filter(_ request: Request, limit: ClosedRange<Int>, defaultLimit: Int) throws -> InvoiceFilter {
        let query = QueryParameters(request: request)
        let selected = try InvoiceQuery(filtersOf: query)
        return InvoiceFilter(
            type: selected.type, seller: selected.seller, from: selected.from, to: selected.to, minTotal: selected.minTotal,
            maxTotal: selected.maxTotal, needsReview: selected.needsReview,
            limit: try query.int("limit", default: defaultLimit, range: limit), cursor: query.string("cursor"), order: try order(query))
    }

    /// `order=newest` (the default) or `order=score`: the review queue, lowest score first.
    func order(_ query: QueryParameters) throws -> InvoiceListOrder {
        guard let raw = query.string("order") else { return .newest }
        guard let order = InvoiceListOrder(rawValue: raw) else {
            throw APIError(.badRequest, "order must be one of \(InvoiceListOrder.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw.prefix(40))'")
        }
        return order
    }

    func list(_ request: Request) async throws -> Response {
        let page = try await fetch(try filter(request, limit: 1...500, defaultLimit: 50))
        return try jsonResponse(ResourcePage(items: page.items.map(\.resource), nextCursor: page.nextCursor))
    }

    /// What the list's filter (or a search's, with `q`) selects, counted and summed per
    /// currency, to the cent (the chat's exact SQL sums).
    func sums(_ request: Request) async throws -> Response {
        let groups = try await store.sumsByCurrency(try InvoiceQuery(filtersOf: QueryParameters(request: request)))
        let currencies = groups.map { group in
            InvoiceSums.CurrencySum(currency: group.currency, invoices: group.count, invoicesWithTotal: group.countWithTotal,
                                    totalAmount: Double(group.totalCents) / 100, vatAmount: Double(group.vatCents) / 100)
        }
        return try jsonResponse(InvoiceSums(invoices: groups.reduce(0) { $0 + $1.count }, currencies: currencies))
    }

    func invoice(id: String) async throws -> Response {
        let number = try invoiceNumber(id)
        guard let invoice = try await store.invoiceAsync(id: number) else { throw APIError(.notFound, "no invoice with id \(id)") }
        let job = try await store.jobAsync(id: invoice.jobId)
        let edits = try await store.edits(invoiceId: number)
        return try jsonResponse(InvoiceDetail(invoice, job: job, edits: edits))
    }

    /// Removes a finished invoice, the jobs that read it and their results; the originals
    /// stay in the archive, and the answer names them.
    func remove(id: String) async throws -> Response {
        let number = try invoiceNumber(id)
        let store = context.store, layout = context.layout
        guard let removed = try await context.intake.perform({ try store.removeInvoice(id: number, layout: layout) }) else {
            throw APIError(.notFound, "no invoice with id \(id)")
        }
        return try jsonResponse(InvoiceRemoved(removed: number, jobs: removed.jobIds, originalsKept: removed.originals))
    }

    /// Every matching invoice as CSV, UTF-8 with a byte-order mark so Excel reads Vietnamese.
    func export(_ request: Request) async throws -> Response {
        var filter = try filter(request, limit: 1...500, defaultLimit: 500)
        var csv = "\u{FEFF}" + CSV.row(CSV.invoiceColumns)
        while true {
            let page = try await fetch(filter)
            for invoice in page.items { csv += CSV.row(CSV.values(invoice)) }
            guard let next = page.nextCursor else { break }
            filter.cursor = next
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"invoices.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    private func fetch(_ filter: InvoiceFilter) async throws -> Page<Invoice> {
        do { return try await store.invoices(filter) } catch is InvalidCursor {
            throw APIError(.badRequest, "cursor is not one this API gave out; start again without it")
        }
    }
}

/// RFC 4180 CSV for the invoice export.
enum CSV {
    static let invoiceColumns = ["id", "job_id", "filename", "invoice_type", "invoice_code", "invoice_series", "invoice_number",
                                 "invoice_date", "seller_name", "seller_tax_code", "buyer_name", "buyer_tax_code", "subtotal",
                                 "vat_rate", "vat_amount", "total_amount", "currency", "confidence_score", "created_at", "needs_review"]

    static func values(_ i: Invoice) -> [String] {
        func number(_ value: Double?) -> String { Invoice.amountText(value) ?? "" }
        return [i.id.map(String.init) ?? "", i.jobId, i.filename, i.invoiceType ?? "", i.invoiceCode ?? "", i.invoiceSeries ?? "",
                i.invoiceNumber ?? "", i.invoiceDate ?? "", i.sellerName ?? "", i.sellerTaxCode ?? "", i.buyerName ?? "",
                i.buyerTaxCode ?? "", number(i.subtotal), number(i.vatRate), number(i.vatAmount), number(i.totalAmount),
                i.currency ?? "", i.confidenceScore.map { String(format: "%.3f", $0) } ?? "", WireJSON.time(i.createdAt),
                i.needsReview ? "true" : "false"]
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// Quotes a field when needed. A field that a spreadsheet could run as a formula gets a
    /// leading `'`: one starting with `=`, `+`, `-` or `@`, also after spaces or control
    /// characters (Excel and LibreOffice skip a leading tab or CR and still read `=`), and
    /// one starting with a tab or CR at all. Numbers (`-1200`) stay numbers.
    static func field(_ value: String) -> String {
        var value = value
        let start = value.unicodeScalars.first { !($0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
        let leadsWithControl = value.unicodeScalars.first.map { $0 == "\t" || $0 == "\r" } ?? false
        let leadsWithFormula = start.map { "=+-@".unicodeScalars.contains($0) } ?? false
        if leadsWithControl || (leadsWithFormula && Double(value) == nil) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
