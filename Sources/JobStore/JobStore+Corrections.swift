import Foundation
import GRDB

/// A field's new value in a correction: text, or a number for the amounts.
public enum CorrectedValue: Sendable, Equatable {
    case text(String?)
    case number(Double?)
}

extension Invoice {
    /// The text fields a person may correct, by column.
    public static let correctableText: [CodingKeys: any WritableKeyPath<Invoice, String?> & Sendable] = [
        .invoiceType: \.invoiceType, .invoiceSeries: \.invoiceSeries, .invoiceNumber: \.invoiceNumber,
        .invoiceCode: \.invoiceCode, .invoiceDate: \.invoiceDate, .sellerName: \.sellerName, .sellerTaxCode: \.sellerTaxCode,
        .buyerName: \.buyerName, .buyerTaxCode: \.buyerTaxCode, .currency: \.currency, .amountInWords: \.amountInWords,
    ]

    /// The amounts a person may correct, by column.
    public static let correctableNumbers: [CodingKeys: any WritableKeyPath<Invoice, Double?> & Sendable] = [
        .subtotal: \.subtotal, .vatRate: \.vatRate, .vatAmount: \.vatAmount, .totalAmount: \.totalAmount,
    ]

    /// An amount as text for people and files (the CSV export, `invoice_edits`): a whole
    /// amount without a fraction (`1851768`, not `1851768.0`).
    public static func amountText(_ value: Double?) -> String? {
        guard let value else { return nil }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A value as `invoice_edits` keeps it: text as it is, amounts by `amountText`.
    static func editText(_ value: CorrectedValue) -> String? {
        switch value {
        case let .text(text): return text
        case let .number(number): return amountText(number)
        }
    }
}

/// What a correction did: the invoice as it now is and every change it has had.
public struct CorrectionOutcome: Sendable {
    public var invoice: Invoice
    public var edits: [InvoiceEdit]
}

extension JobStore {
    /// In one transaction: sets `changes` on invoice `id`, records each real change in
    /// `invoice_edits` (by `editor`, at `now`), clears `needs_review` when `confirm`, keeps
    /// the search index and the folded seller in step, and teaches the seller's supplier
    /// profile what the person wrote. Nil when there is no such invoice.
    public func correctInvoice(id: Int64, changes: [Invoice.CodingKeys: CorrectedValue], confirm: Bool,
                               editor: String, now: Date) throws -> CorrectionOutcome? {
        try pool.write { db in
            guard var invoice = try Invoice.fetchOne(db, key: id) else { return nil }
            var made: [InvoiceEdit] = []
            for key in Invoice.CodingKeys.allCases {
                guard let value = changes[key] else { continue }
                let old = Self.currentText(of: invoice, key)
                let new = Invoice.editText(value)
                guard old != new else { continue }
                Self.set(value, key, on: &invoice)
                made.append(InvoiceEdit(invoiceId: id, field: key.stringValue, oldValue: old, newValue: new, editedBy: editor, editedAt: now))
            }
            if confirm && invoice.needsReview {
                invoice.needsReview = false
                made.append(InvoiceEdit(invoiceId: id, field: Invoice.CodingKeys.needsReview.stringValue, oldValue: "true",
                                        newValue: "false", editedBy: editor, editedAt: now))
            }
            if !made.isEmpty {
                invoice.sellerFolded = invoice.sellerName.map(SearchText.fold)
                try invoice.update(db)
                try db.execute(sql: "UPDATE invoices_fts SET body = ? WHERE rowid = ?", arguments: [SearchText.fold(invoice.searchBody), id])
                for var edit in made { try edit.insert(db) }
            }
            if !made.isEmpty || confirm { try Self.learn(from: invoice, in: db, now: now) }
            let edits = try InvoiceEdit.filter(Column(InvoiceEdit.CodingKeys.invoiceId) == id)
                .order(Column(InvoiceEdit.CodingKeys.id)).fetchAll(db)
            return CorrectionOutcome(invoice: invoice, edits: edits)
        }
    }

    /// Every change people made to invoice `id`, oldest first.
    public func edits(invoiceId id: Int64) async throws -> [InvoiceEdit] {
        try await pool.read { db in
            try InvoiceEdit.filter(Column(InvoiceEdit.CodingKeys.invoiceId) == id).order(Column(InvoiceEdit.CodingKeys.id)).fetchAll(db)
        }
    }

    /// What people wrote for the seller with `taxCode`, if anything.
    public func supplierProfile(taxCode: String) throws -> SupplierProfile? {
        try pool.read { db in try SupplierProfile.fetchOne(db, key: taxCode) }
    }

    /// The seller's profile from an invoice a person corrected or confirmed: its name, type
    /// and currency as they now are. A seller without a tax code has no profile: a name
    /// alone is not a key a later invoice can be matched on.
    private static func learn(from invoice: Invoice, in db: Database, now: Date) throws {
        guard let taxCode = invoice.sellerTaxCode, !taxCode.isEmpty else { return }
        let known = try SupplierProfile.fetchOne(db, key: taxCode)
        let profile = SupplierProfile(sellerTaxCode: taxCode, sellerName: invoice.sellerName, invoiceType: invoice.invoiceType,
                                      currency: invoice.currency, corrections: (known?.corrections ?? 0) + 1, updatedAt: now)
        try profile.save(db)
    }

    private static func currentText(of invoice: Invoice, _ key: Invoice.CodingKeys) -> String? {
        if let path = Invoice.correctableText[key] { return invoice[keyPath: path] }
        if let path = Invoice.correctableNumbers[key] { return Invoice.editText(.number(invoice[keyPath: path])) }
        return nil
    }

    private static func set(_ value: CorrectedValue, _ key: Invoice.CodingKeys, on invoice: inout Invoice) {
        switch value {
        case let .text(text): if let path = Invoice.correctableText[key] { invoice[keyPath: path] = text }
        case let .number(number): if let path = Invoice.correctableNumbers[key] { invoice[keyPath: path] = number }
        }
    }
}
