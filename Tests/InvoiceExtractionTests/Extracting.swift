@testable import InvoiceExtraction

/// The extractor on a document's text, as the pipeline calls it for a page read without an
/// OCR confidence (a text layer): the layout tests' one way in.
func extracted(_ text: String) -> ExtractedInvoice {
    InvoiceExtractor.extract(text: text, ocrConfidence: nil)
}

/// The same for a document given line by line.
func extracted(lines: String...) -> ExtractedInvoice {
    extracted(lines.joined(separator: "\n"))
}
