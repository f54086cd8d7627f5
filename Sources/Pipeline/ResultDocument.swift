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
        /// Per page: how its text was obtained (`text_layer`, `ocr`, `xml`), its rotation and
        /// the languages read.
        public var pageDetails: [PageDetail]

        enum CodingKeys: String, CodingKey {
            case engine, languages, pages, meanConfidence = "mean_confidence", durationMs = "duration_ms", text
            case pageDetails = "page_details"
        }
    }

    /// One page's reading.
    public struct PageDetail: Encodable, Sendable {
        public var page: Int
        public var method: String
        public var rotation: Int
        public var meanConfidence: Int?
        /// The Tesseract languages whose reading was kept (`vie` when the Vietnamese-first
        /// reading was Vietnamese); null without OCR.
        public var languages: String?
        /// What was done to a photo or poor scan before it was read (`PagePreparation`), e.g.
        /// `["grey", "cropped to the paper", "background normalised", "deskewed 2.1°"]`; empty
        /// for a clean page.
        public var preparation: [String] = []
        /// Which OCR reading was kept: `first`; for a doubtful page, the one kept and, in
        /// brackets, those judged worse, e.g. `first, lines rebuilt from word boxes (worse:
        /// first)` or `second: psm 6, contrast stretched, 2x grey (worse: first; …)`; null
        /// without OCR.
        public var reading: String?

        enum CodingKeys: String, CodingKey {
            case page, method, rotation, meanConfidence = "mean_confidence", languages, preparation, reading
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(page, forKey: .page)
            try c.encode(method, forKey: .method)
            try c.encode(rotation, forKey: .rotation)
            try c.encode(meanConfidence, forKey: .meanConfidence)
            try c.encode(languages, forKey: .languages)
            try c.encode(preparation, forKey: .preparation)
            try c.encode(reading, forKey: .reading)
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
