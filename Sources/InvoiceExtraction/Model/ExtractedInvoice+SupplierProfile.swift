/// What people wrote for a seller on earlier invoices, by its tax code (JobStore's
/// `supplier_profiles`), as the extractor's input.
public struct SupplierKnowledge: Sendable, Equatable {
    public var sellerName: String?
    public var invoiceType: String?

    public init(sellerName: String?, invoiceType: String?) {
        self.sellerName = sellerName
        self.invoiceType = invoiceType
    }
}

extension ExtractedInvoice {
    /// The invoice with the seller's name and type as a person wrote them for this seller
    /// before. Only for a seller tax code that passed its check digit: a misread code must
    /// not pull in another seller's name. The check `seller_from_supplier_profile` says so
    /// when the profile changed something, and the field is then as sure as a person's word.
    public func applying(_ supplier: SupplierKnowledge) -> ExtractedInvoice {
        guard checks.sellerTaxCodeValid == true else { return self }
        var invoice = self
        var changed = false
        if let name = supplier.sellerName, !name.isEmpty, name != sellerName {
            invoice.sellerName = name
            invoice.fieldConfidence[InvoiceField.sellerName.rawValue] = 1
            changed = true
        }
        if let type = supplier.invoiceType, !type.isEmpty, type != invoiceType {
            invoice.invoiceType = type
            invoice.fieldConfidence[InvoiceField.invoiceType.rawValue] = 1
            changed = true
        }
        invoice.checks.sellerFromSupplierProfile = changed ? true : nil
        return invoice
    }
}
