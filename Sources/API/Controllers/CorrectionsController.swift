import APIWire
import Foundation
import Hummingbird
import Ingest
import InvoiceExtraction
import JobStore
import LinuxSupport

/// `PATCH /api/invoices/{id}`: a person corrects fields of an invoice or confirms it. Each
/// value is checked by the rules the extractor reads by (`FieldRules`); every real change is
/// recorded (`invoice_edits`) and teaches the seller's supplier profile.
struct CorrectionsController<Context: ConnectionContext> {
    let api: APIContext
    var identity = CallerIdentity()

    /// Largest request body: a few fields of text.
    static var bodyLimit: Int { 64 << 10 }

    func addRoutes(to router: Router<Context>) {
        router.patch("/api/invoices/{id}") { request, context in
            try await correct(id: try context.parameters.require("id"), request, context: context)
        }
    }

    func correct(id: String, _ request: Request, context: Context) async throws -> Response {
        guard let number = Int64(id), number > 0 else { throw APIError(.badRequest, "invoice id must be a positive whole number, not '\(id)'") }
        let correction = try await Self.parse(request)
        let changes = try Self.changes(correction.fields)
        guard !changes.isEmpty || correction.confirm == true else {
            throw APIError(.badRequest, "nothing to change: send the fields to correct, or \"confirm\": true")
        }
        // Who, for the record: the name claimed (checked against the caller's login on the
        // socket), else the caller's login there; only an unnamed caller over TCP is anonymous.
        let peer = await context.peerCredentials()
        let editor = try identity.userId(claimed: correction.userId, peer: peer)
            ?? peer.map { identity.userName($0.uid) ?? String($0.uid) } ?? "anonymous"
        let store = api.store
        let confirm = correction.confirm == true
        guard let outcome = try await api.intake.perform({
            try store.correctInvoice(id: number, changes: changes, confirm: confirm, editor: editor, now: Date())
        }) else {
            throw APIError(.notFound, "no invoice with id \(id)")
        }
        let invoice = outcome.invoice
        let job = try await store.jobAsync(id: invoice.jobId)
        let detail = InvoiceDetail(invoice, job: job, edits: outcome.edits)
        let warnings = [FieldRules.sumWarning(subtotal: invoice.subtotal, vatAmount: invoice.vatAmount, total: invoice.totalAmount)]
        return try jsonResponse(CorrectionResult(invoice: detail, warnings: warnings.compactMap { $0 }))
    }

    /// The body, as JSON (`jsonRequestBody`: a page of another site cannot send it).
    static func parse(_ request: Request) async throws -> InvoiceCorrection {
        let data = try await jsonRequestBody(request, limit: bodyLimit, what: "the correction")
        do {
            return try JSONDecoder().decode(InvoiceCorrection.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw APIError(.badRequest, context.debugDescription)
        } catch {
            throw APIError(.badRequest, #"send a JSON object of the fields to correct: {"seller_name": "...", "total_amount": 1200000, "confirm": true}"#)
        }
    }

    /// Each field's new value, checked; every problem is named at once.
    static func changes(_ fields: [String: JSONValue]) throws -> [Invoice.CodingKeys: CorrectedValue] {
        var changes: [Invoice.CodingKeys: CorrectedValue] = [:]
        var problems: [String] = []
        for name in fields.keys.sorted() {
            let value = fields[name]!
            guard let key = Invoice.CodingKeys(rawValue: name),
                  Invoice.correctableText[key] != nil || Invoice.correctableNumbers[key] != nil else {
                problems.append("\(name.prefix(60)): not a field that can be corrected (those are \(correctable.joined(separator: ", ")))")
                continue
            }
            switch checked(key, value) {
            case let .success(change): changes[key] = change
            case let .failure(problem): problems.append("\(name): \(problem.message)")
            }
        }
        if !problems.isEmpty { throw APIError(.badRequest, problems.joined(separator: "; ")) }
        return changes
    }

    static var correctable: [String] {
        Invoice.CodingKeys.allCases.filter { Invoice.correctableText[$0] != nil || Invoice.correctableNumbers[$0] != nil }.map(\.stringValue)
    }

    struct Problem: Error { let message: String }

    /// One field's value checked against its rule.
    static func checked(_ key: Invoice.CodingKeys, _ value: JSONValue) -> Result<CorrectedValue, Problem> {
        if Invoice.correctableNumbers[key] != nil {
            if case .null = value { return .success(.number(nil)) }
            guard let number = value.doubleValue else { return .failure(Problem(message: "must be a number or null")) }
            let problem = key == .vatRate ? FieldRules.vatRateProblem(number) : FieldRules.amountProblem(number)
            return problem.map { .failure(Problem(message: $0)) } ?? .success(.number(number))
        }
        if case .null = value { return .success(.text(nil)) }
        guard case var .string(text) = value else { return .failure(Problem(message: "must be text or null")) }
        text = text.trimmingCharacters(in: .whitespaces)
        let problem: String?
        switch key {
        case .sellerTaxCode, .buyerTaxCode: problem = FieldRules.taxCodeProblem(text)
        case .invoiceDate: problem = FieldRules.dateProblem(text)
        case .currency:
            text = text.uppercased()
            problem = FieldRules.currencyProblem(text)
        case .invoiceType:
            problem = FieldRules.invoiceTypes.contains(text) ? nil : "'\(text.prefix(40))' is not a type: one of \(FieldRules.invoiceTypes.joined(separator: ", "))"
        default: problem = FieldRules.textProblem(text)
        }
        return problem.map { .failure(Problem(message: $0)) } ?? .success(.text(text))
    }
}
