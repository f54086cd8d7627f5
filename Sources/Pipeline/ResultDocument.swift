import InvoiceExtraction

/// `results/<job-id>.json`, in the schema of DESIGN.md.
public struct ResultDocument: Encodable, Sendable {
    /// Where the file came from.
    public struct Source: Encodable, Sendable {
        public var filename: String
        public var sha256: String?
        public var sizeBytes: Int64?
        public var uploader: String?

        enum CodingKeys: String, CodingKey {
            case filename, sha256, sizeBytes = "size_bytes", uploader
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(filename, forKey: .filename)
            try c.encode(sha256, forKey: .sha256)
            try c.encode(sizeBytes, forKey: .sizeBytes)
            try c.encode(uploader, forKey: .uploader)
        }
    }

    /// How the text was read.
    public struct OCR: Encodable, Sendable {
        public var engine: String
        public var languages: String
        public var pages: Int
        public var meanConfidence: Double
        public var durationMs: Int
        public var text: String

        enum CodingKeys: String, CodingKey {
            case engine, languages, pages, meanConfidence = "mean_confidence", durationMs = "duration_ms", text
        }
    }

    public var jobId: String
    public var status: String
    public var source: Source
    public var ocr: OCR
    public var invoice: ExtractedInvoice

    enum CodingKeys: String, CodingKey {
        case jobId = "job_id", status, source, ocr, invoice
    }
}
