import Foundation

/// Canned answers shaped like the daemon's (Sources/API/JSON: every field it writes, `null`
/// where it writes null), so that `invoicectl` reads them as it reads the real ones.
enum DaemonAnswer {
    /// A job as `GET /api/ocr/job/{id}` and the job lists show it.
    static func job(id: String, filename: String, status: String = "done", progress: Int = 100, attempts: Int = 1,
                    uploader: String? = nil, error: String? = nil) -> [String: Any] {
        [
            "id": id, "filepath": "/var/lib/invoiced/archive/2026/10/\(filename)", "filename": filename,
            "status": status, "attempts": attempts, "invoice_id": orNull(status == "done" ? 12 : nil),
            "error_message": orNull(error), "uploader": orNull(uploader), "user_id": NSNull(),
            "created_at": "2026-10-05T08:00:00Z", "updated_at": "2026-10-05T08:00:03Z",
            "started_at": "2026-10-05T08:00:01Z", "completed_at": orNull(status == "done" ? "2026-10-05T08:00:03Z" : nil),
            "sha256": NSNull(), "size_bytes": 48213, "progress": progress, "pages": 1,
            "lease_expires_at": NSNull(), "next_attempt_at": NSNull(), "duplicate_of": NSNull(), "result_path": NSNull(),
        ]
    }

    /// An invoice as the invoice lists show it.
    static func invoice(id: Int, date: String? = "2026-10-05", type: String? = "electricity", code: String? = "1C26TAA",
                        seller: String? = "CÔNG TY ĐIỆN LỰC HÀ NỘI", total: Double? = 1_234_567, currency: String? = "VND",
                        confidence: Double? = 0.93, needsReview: Bool = false) -> [String: Any] {
        [
            "id": id, "job_id": "job-\(id)", "filename": "invoice-\(id).png", "invoice_code": orNull(code),
            "invoice_type": orNull(type), "invoice_series": NSNull(), "invoice_number": "0000\(id)",
            "invoice_date": orNull(date), "seller_name": orNull(seller), "seller_tax_code": "0100101114",
            "buyer_name": NSNull(), "buyer_tax_code": NSNull(), "subtotal": NSNull(), "vat_rate": 8, "vat_amount": NSNull(),
            "total_amount": orNull(total), "currency": orNull(currency), "amount_in_words": NSNull(),
            "confidence_score": orNull(confidence), "needs_review": needsReview, "ocr_confidence": 0.88,
            "uploader": NSNull(), "user_id": NSNull(), "created_at": "2026-10-05T08:00:03Z",
        ]
    }

    /// A page of a list: `{"items": [...], "next_cursor": ...}`.
    static func page(_ items: [[String: Any]], next: String? = nil) -> String {
        text(["items": items, "next_cursor": orNull(next)])
    }

    /// `/api/stats` of a daemon with `queued` jobs waiting and nothing else going on: every
    /// key, as the daemon always sends them.
    static func stats(queued: Int) -> String {
        text(["queued": queued, "processing": 0, "done": 0, "failed": 0, "duplicate": 0, "invoices": 0, "needs_review": 0,
              "oldest_queued_at": NSNull(), "oldest_queued_age_seconds": NSNull(), "jobs_per_minute_5m": 0,
              "jobs_per_minute_60m": 0, "workers_busy": 0, "workers_idle": 2, "workers": 2])
    }

    /// The daemon's error body.
    static func error(_ message: String) -> String {
        text(["error": message])
    }

    /// `value`, or JSON's null.
    private static func orNull(_ value: Any?) -> Any {
        value ?? NSNull()
    }

    /// `object` as compact JSON text with sorted keys, as the daemon writes it.
    static func text(_ object: [String: Any]) -> String {
        serialized(object)
    }

    private static func serialized(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// JSON `text` written one way (sorted keys, compact), so that two texts of the same
    /// value compare equal however each was laid out; nil when it is not JSON.
    static func canonical(_ text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return nil }
        return serialized(object)
    }
}
