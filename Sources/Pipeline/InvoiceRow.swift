import Foundation
import InvoiceExtraction
import JobStore

/// Maps the extractor's fields onto an `invoices` row.
enum InvoiceRow {
    static func make(job: Job, invoice: ExtractedInvoice, text: String, ocrConfidence: Double,
                     checksJSON: String, now: Date) -> Invoice {
        var row = Invoice(jobId: job.id, filename: job.filename, rawText: text, createdAt: now)
        row.invoiceCode = invoice.invoiceCode
        row.invoiceType = invoice.invoiceType
        row.invoiceSeries = invoice.invoiceSeries
        row.invoiceNumber = invoice.invoiceNumber
        row.invoiceDate = invoice.invoiceDate
        row.sellerName = invoice.sellerName
        row.sellerTaxCode = invoice.sellerTaxCode
        row.buyerName = invoice.buyerName
        row.buyerTaxCode = invoice.buyerTaxCode
        row.subtotal = invoice.subtotal
        row.vatRate = invoice.vatRate
        row.vatAmount = invoice.vatAmount
        row.totalAmount = invoice.totalAmount
        row.currency = invoice.currency
        row.amountInWords = invoice.amountInWords
        row.confidenceScore = invoice.confidenceScore
        row.checksJson = checksJSON
        row.ocrConfidence = ocrConfidence
        row.sha256 = job.sha256
        row.uploader = job.uploader
        row.userId = job.userId
        return row
    }
}
