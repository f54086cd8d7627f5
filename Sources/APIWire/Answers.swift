/// `POST /upload-image` (202): the file is a job now.
/// OpenAPI: `#/components/schemas/UploadAccepted`.
public struct UploadAccepted: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case queued, duplicate
    }

    public var jobId: String
    public var status: Status
    /// With `duplicate`: the job that had the same content; absent otherwise.
    public var duplicateOf: String?

    enum CodingKeys: String, CodingKey {
        case jobId = "job_id", status, duplicateOf = "duplicate_of"
    }

    public init(jobId: String, status: Status, duplicateOf: String? = nil) {
        self.jobId = jobId
        self.status = status
        self.duplicateOf = duplicateOf
    }
}

/// `DELETE /api/invoices/{id}`: what went; the originals stay in the archive.
/// OpenAPI: `#/components/schemas/InvoiceRemoved`.
public struct InvoiceRemoved: Codable, Sendable, Equatable {
    /// The invoice's id.
    public var removed: Int64
    /// The jobs that read it.
    public var jobs: [String]
    /// The archived originals, left in place.
    public var originalsKept: [String]

    enum CodingKeys: String, CodingKey {
        case removed, jobs, originalsKept = "originals_kept"
    }

    public init(removed: Int64, jobs: [String], originalsKept: [String]) {
        self.removed = removed
        self.jobs = jobs
        self.originalsKept = originalsKept
    }
}

/// Every error answer: `{"error": "what happened and what to do"}`.
/// OpenAPI: `#/components/schemas/Error`.
public struct ErrorBody: Codable, Sendable, Equatable {
    public var error: String

    public init(error: String) {
        self.error = error
    }
}

/// `GET /api/invoices/sums`: what the filter of `/api/invoices/list` selects, counted and
/// summed per currency (exact to the cent; đồng are never added to dollars).
/// OpenAPI: `#/components/schemas/InvoiceSums`.
public struct InvoiceSums: Codable, Sendable, Equatable {
    /// One currency's count and sums.
    public struct CurrencySum: Codable, Sendable, Equatable {
        /// ISO 4217; null for invoices whose currency was not read.
        @Nullable public var currency: String?
        public var invoices: Int
        /// Of those, how many have a total (the sum counts only them).
        public var invoicesWithTotal: Int
        public var totalAmount: Double
        public var vatAmount: Double

        enum CodingKeys: String, CodingKey {
            case currency, invoices, invoicesWithTotal = "invoices_with_total", totalAmount = "total_amount", vatAmount = "vat_amount"
        }

        public init(currency: String?, invoices: Int, invoicesWithTotal: Int, totalAmount: Double, vatAmount: Double) {
            self.currency = currency
            self.invoices = invoices
            self.invoicesWithTotal = invoicesWithTotal
            self.totalAmount = totalAmount
            self.vatAmount = vatAmount
        }
    }

    /// Every invoice the filter selects.
    public var invoices: Int
    /// Per currency, by currency code (invoices without one last).
    public var currencies: [CurrencySum]

    public init(invoices: Int, currencies: [CurrencySum]) {
        self.invoices = invoices
        self.currencies = currencies
    }
}
