/// A field of the `invoice` object, named by its key in the result JSON.
///
/// The extraction names fields by this type wherever it passes one around (a repair's
/// note, the confidence each finder earned, the scoring weights), so that a misspelt
/// name fails to compile instead of starting a key no consumer reads. The JSON keeps
/// its strings: `rawValue` is the key.
enum InvoiceField: String, CaseIterable, Sendable {
    case invoiceType = "invoice_type"
    case invoiceSeries = "invoice_series"
    case invoiceNumber = "invoice_number"
    case invoiceCode = "invoice_code"
    case invoiceDate = "invoice_date"
    case sellerName = "seller_name"
    case sellerTaxCode = "seller_tax_code"
    case buyerName = "buyer_name"
    case buyerTaxCode = "buyer_tax_code"
    case subtotal
    case vatRate = "vat_rate"
    case vatAmount = "vat_amount"
    case totalAmount = "total_amount"
    case currency
    case amountInWords = "amount_in_words"
}
