import Foundation
import JobStore

/// An invoice as the API shows it: the `invoices` column names, `null` for what was not found.
enum InvoiceJSON {
    static func object(_ invoice: Invoice, withText: Bool = false) -> [String: Any] {
        var object: [String: Any] = [
            "id": orNull(invoice.id),
            "job_id": invoice.jobId,
            "filename": invoice.filename,
            "invoice_code": orNull(invoice.invoiceCode),
            "invoice_type": orNull(invoice.invoiceType),
            "invoice_series": orNull(invoice.invoiceSeries),
            "invoice_number": orNull(invoice.invoiceNumber),
            "invoice_date": orNull(invoice.invoiceDate),
            "seller_name": orNull(invoice.sellerName),
            "seller_tax_code": orNull(invoice.sellerTaxCode),
            "buyer_name": orNull(invoice.buyerName),
            "buyer_tax_code": orNull(invoice.buyerTaxCode),
            "subtotal": orNull(invoice.subtotal),
            "vat_rate": orNull(invoice.vatRate),
            "vat_amount": orNull(invoice.vatAmount),
            "total_amount": orNull(invoice.totalAmount),
            "currency": orNull(invoice.currency),
            "amount_in_words": orNull(invoice.amountInWords),
            "confidence_score": orNull(invoice.confidenceScore),
            "needs_review": invoice.needsReview,
            "ocr_confidence": orNull(invoice.ocrConfidence),
            "uploader": orNull(invoice.uploader),
            "user_id": orNull(invoice.userId),
            "created_at": isoString(invoice.createdAt),
        ]
        if withText {
            object["raw_text"] = invoice.rawText
            // Stored as JSON by the pipeline: written out as it is, not parsed and re-encoded.
            object["checks"] = invoice.checksJson.flatMap { $0.isEmpty ? nil : RawJSON(text: $0) } ?? NSNull()
        }
        return object
    }
}
