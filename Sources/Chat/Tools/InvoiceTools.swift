import APIWire
import Foundation
import JobStore

/// The model's only way to the data: four read-only lookups over the store, each a fixed
/// SQL query with bound arguments. There is no tool that writes, and no way to pass SQL.
struct InvoiceTools: Sendable {
    let store: any InvoiceStore
    /// Whose "latest upload" `recent_invoices` means when the model does not say.
    let userId: String?

    /// The result of one call: the JSON the model reads, and the invoices it mentions.
    struct Outcome: Sendable {
        var result: JSONValue
        var invoiceIds: [Int64]
    }

    /// `invoice_type` values the extractor gives (InvoiceExtraction's InvoiceTypeClassifier).
    static let invoiceTypes = ["electricity", "water", "telecom", "retail", "service", "general"]

    /// Runs the tool `name` with the JSON `arguments` the model sent. A mistake of the model
    /// (unknown tool, bad argument) comes back as `{"error": ...}` for it to correct; only a
    /// failing database throws.
    func run(name: String, arguments: String) async throws -> Outcome {
        do {
            let arguments = try ToolArguments(json: arguments)
            switch name {
            case "search_invoices": return try await search(arguments)
            case "get_invoice": return try await invoice(arguments)
            case "aggregate_invoices": return try await aggregate(arguments)
            case "recent_invoices": return try await recent(arguments)
            default:
                return Outcome(result: ["error": .string("no tool named \(name.prefix(60).debugDescription); the tools are \(Self.definitions.map(\.function.name).joined(separator: ", "))")], invoiceIds: [])
            }
        } catch let invalid as ToolArguments.Invalid {
            return Outcome(result: ["error": .string(invalid.message)], invoiceIds: [])
        }
    }

    private func search(_ arguments: ToolArguments) async throws -> Outcome {
        let query = try arguments.invoiceQuery()
        let limit = Int(try arguments.integer("limit", range: 1...50) ?? 10)
        let matches = try await store.findInvoices(query, limit: limit)
        let ids = matches.invoices.compactMap(\.id)
        return Outcome(result: [
            "total_matches": .int(Int64(matches.total)),
            "returned": .int(Int64(matches.invoices.count)),
            "invoices": .array(matches.invoices.map(InvoiceFacts.summary)),
            "note": .string("total_matches is the exact number of matching invoices; only the first \(limit) are listed. For counts and sums use aggregate_invoices."),
        ], invoiceIds: ids)
    }

    private func invoice(_ arguments: ToolArguments) async throws -> Outcome {
        guard let id = try arguments.integer("id", range: 1...Int64.max) else {
            throw ToolArguments.Invalid(message: "id is required: the invoice's number, e.g. {\"id\": 12}")
        }
        return try await invoice(id: id)
    }

    /// `get_invoice` for `id`: the invoice with its job, or an error saying there is none.
    func invoice(id: Int64) async throws -> Outcome {
        guard let invoice = try await store.invoiceAsync(id: id) else {
            return Outcome(result: ["error": .string("no invoice with id \(id)")], invoiceIds: [])
        }
        let job = try await store.jobAsync(id: invoice.jobId)
        return Outcome(result: InvoiceFacts.detail(invoice, job: job), invoiceIds: [id])
    }

    private func aggregate(_ arguments: ToolArguments) async throws -> Outcome {
        let query = try arguments.invoiceQuery()
        let grouping = InvoiceGrouping(rawValue: try arguments.choice("group_by", among: InvoiceGrouping.allCases.map(\.rawValue)) ?? "none") ?? .none
        let groups = try await store.aggregateInvoices(query, by: grouping)
        return Outcome(result: [
            "group_by": .string(grouping.rawValue),
            "groups": .array(groups.map { InvoiceFacts.aggregate($0, grouping: grouping) }),
            "invoice_count": .int(Int64(groups.reduce(0) { $0 + $1.count })),
            "note": "Computed by the database, exact. count is every matching invoice; sum_total and avg_total cover the count_with_total invoices whose total was read, sum_vat the count_with_vat ones. Each currency is a separate group. Quote these numbers as they are; do not add them up yourself.",
        ], invoiceIds: groups.flatMap { $0.invoiceIds.prefix(50) })
    }

    private func recent(_ arguments: ToolArguments) async throws -> Outcome {
        let user = try arguments.string("user_id") ?? userId
        let limit = Int(try arguments.integer("limit", range: 1...20) ?? 5)
        var uploads = try await store.recentUploads(userId: user, limit: limit)
        var scope = user.map { "the uploads of \($0), newest first" } ?? "everyone's uploads, newest first"
        if uploads.isEmpty, let user {
            uploads = try await store.recentUploads(userId: nil, limit: limit)
            scope = "\(user) has no uploads; these are everyone's latest uploads, newest first"
        }
        let jobs = uploads.map { upload -> JSONValue in
            guard case var .object(members) = InvoiceFacts.jobFacts(upload.job) else { return .null }
            members["invoice"] = upload.invoice.map(InvoiceFacts.summary) ?? .null
            return .object(members)
        }
        return Outcome(result: ["scope": .string(scope), "jobs": .array(jobs)], invoiceIds: uploads.compactMap { $0.invoice?.id })
    }
}

extension InvoiceTools {
    /// The filters shared by `search_invoices` and `aggregate_invoices`, as JSON Schema.
    private static let filterProperties: [String: JSONValue] = [
        "text": ["type": "string", "description": "Words to find in the invoice's OCR text and fields (accents optional), e.g. a product or an invoice number."],
        "invoice_type": ["type": "string", "enum": .array(invoiceTypes.map(JSONValue.string)), "description": "Kind of invoice: electricity (tiền điện), water (tiền nước), telecom (viễn thông, internet), retail (bán lẻ, receipts), service (dịch vụ), general (hàng hoá)."],
        "seller": ["type": "string", "description": "Part of the seller's name; case and accents do not matter."],
        "buyer": ["type": "string", "description": "Part of the buyer's name; case and accents do not matter."],
        "date_from": ["type": "string", "description": "First invoice date, YYYY-MM-DD, inclusive."],
        "date_to": ["type": "string", "description": "Last invoice date, YYYY-MM-DD, inclusive."],
        "min_total": ["type": "number", "description": "Smallest total_amount, inclusive."],
        "max_total": ["type": "number", "description": "Largest total_amount, inclusive."],
        "currency": ["type": "string", "description": "Currency code, e.g. VND or USD."],
    ]

    /// What the model is offered, as OpenAI function tools.
    static let definitions: [WireTool] = [
        tool("search_invoices",
             "Find invoices by words and filters. Returns the exact number of matches and the first ones (id, type, date, seller, buyer, total, VAT, currency).",
             properties: filterProperties.merging(["limit": ["type": "integer", "minimum": 1, "maximum": 50, "description": "How many to list (default 10)."]]) { $1 }),
        tool("get_invoice",
             "One invoice by id with every field, the extractor's checks, its job and its OCR text.",
             properties: ["id": ["type": "integer", "minimum": 1, "description": "The invoice id."]], required: ["id"]),
        tool("aggregate_invoices",
             "Count invoices and compute exact sums and averages of their totals and VAT, optionally grouped by type, seller, month or currency. Use this for every question about how many, how much, total, sum or average.",
             properties: filterProperties.merging(["group_by": ["type": "string", "enum": .array(InvoiceGrouping.allCases.map { .string($0.rawValue) }), "description": "How to group (default none). Every group is also split by currency."]]) { $1 }),
        tool("recent_invoices",
             "The user's latest uploads (jobs), newest first, with their status and invoice once read. 'Vừa upload', 'just uploaded' or 'my last invoice' means the first one.",
             properties: [
                "user_id": ["type": "string", "description": "Whose uploads; default: the user asking."],
                "limit": ["type": "integer", "minimum": 1, "maximum": 20, "description": "How many (default 5)."],
             ]),
    ]

    private static func tool(_ name: String, _ description: String, properties: [String: JSONValue], required: [String] = []) -> WireTool {
        var parameters: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { parameters["required"] = .array(required.map(JSONValue.string)) }
        return WireTool(function: .init(name: name, description: description, parameters: .object(parameters)))
    }
}
