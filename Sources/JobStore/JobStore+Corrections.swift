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

    public init(invoice: Invoice, edits: [InvoiceEdit]) {
        self.invoice = invoice
        self.edits = edits
    }
}

extension JobStore {
    /// In one transaction: sets `changes` on invoice `id`, records each real change in
    /// `invoice_edits` (by `editor`, at `now`), clears `needs_review` when `confirm`, keeps
    /// the search index and the folded seller in step, and teaches the seller's supplier
    /// profile what the person wrote. Nil when there is no such invoice.
    public func correctInvoice(id: Int64, changes: [Invoice.CodingKeys: CorrectedValue], confirm: Bool,
                               editor: String, now: Date) throws -> CorrectionOutcome? {
        try pool.write { db in
            guard let stored = try Invoice.fetchOne(db, key: id) else { return nil }
            let (invoice, made) = stored.corrected(changes, confirm: confirm, editor: editor, now: now)
            if !made.isEmpty {
                try invoice.update(db)
                try db.execute(sql: "UPDATE invoices_fts SET body = ? WHERE rowid = ?", arguments: [SearchText.fold(invoice.searchBody), id])
                for var edit in made { try edit.insert(db) }
            }
            if !made.isEmpty || confirm, let taxCode = invoice.sellerTaxCode, !taxCode.isEmpty {
                try SupplierProfile.learned(from: invoice, known: SupplierProfile.fetchOne(db, key: taxCode), now: now)?.save(db)
            }
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
}

extension Invoice {
    /// This invoice with `changes` made (and `needs_review` cleared when `confirm`), and an
    /// edit for each real change, by `editor` at `now`: what both stores record in one
    /// transaction. The folded seller follows the name.
    public func corrected(_ changes: [CodingKeys: CorrectedValue], confirm: Bool, editor: String,
                          now: Date) -> (invoice: Invoice, edits: [InvoiceEdit]) {
        guard let id else { return (self, []) }
        var invoice = self
        var made: [InvoiceEdit] = []
        for key in CodingKeys.allCases {
            guard let value = changes[key] else { continue }
            let old = invoice.currentText(key)
            let new = Invoice.editText(value)
            guard old != new else { continue }
            invoice.set(value, key)
            made.append(InvoiceEdit(invoiceId: id, field: key.stringValue, oldValue: old, newValue: new, editedBy: editor, editedAt: now))
        }
        if confirm && invoice.needsReview {
            invoice.needsReview = false
            made.append(InvoiceEdit(invoiceId: id, field: CodingKeys.needsReview.stringValue, oldValue: "true",
                                    newValue: "false", editedBy: editor, editedAt: now))
        }
        if !made.isEmpty { invoice.sellerFolded = invoice.sellerName.map(SearchText.fold) }
        return (invoice, made)
    }

    private func currentText(_ key: CodingKeys) -> String? {
        if let path = Invoice.correctableText[key] { return self[keyPath: path] }
        if let path = Invoice.correctableNumbers[key] { return Invoice.editText(.number(self[keyPath: path])) }
        return nil
    }

    private mutating func set(_ value: CorrectedValue, _ key: CodingKeys) {
        switch value {
        case let .text(text): if let path = Invoice.correctableText[key] { self[keyPath: path] = text }
        case let .number(number): if let path = Invoice.correctableNumbers[key] { self[keyPath: path] = number }
        }
    }
}

extension SupplierProfile {
    /// The seller's profile from an invoice a person corrected or confirmed: its name, type
    /// and currency as they now are, one correction more than `known`. Nil for a seller
    /// without a tax code: a name alone is not a key a later invoice can be matched on.
    public static func learned(from invoice: Invoice, known: SupplierProfile?, now: Date) -> SupplierProfile? {
        guard let taxCode = invoice.sellerTaxCode, !taxCode.isEmpty else { return nil }
        return SupplierProfile(sellerTaxCode: taxCode, sellerName: invoice.sellerName, invoiceType: invoice.invoiceType,
                               currency: invoice.currency, corrections: (known?.corrections ?? 0) + 1, updatedAt: now)
    }
}
