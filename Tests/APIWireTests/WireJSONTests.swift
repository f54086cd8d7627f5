import APIWire
import Foundation
import Testing

/// The bodies as a client reads them: every key of a row present (null when empty), keys
/// sorted, times with milliseconds in UTC, amounts without a spurious fraction, and what
/// the daemon writes is what `invoicectl` reads back.
@Suite struct WireJSONTests {
    /// A time the milliseconds hold exactly, so that it reads back equal.
    static let created = Date(timeIntervalSince1970: 1_764_877_506.125)

    static func job(status: JobStatus = .done, finished: Bool = true) -> JobResource {
        JobResource(id: "8f14e45f-ceea-467f-a0e6-5b0d0c9b9a01", filepath: "/var/lib/invoiced/archive/2026/12/a.jpg",
                    filename: "hóa đơn 1/2.jpg", status: status, attempts: 1, invoiceId: finished ? 7 : nil, errorMessage: nil,
                    uploader: "scanner-2", userId: nil, createdAt: created, updatedAt: created, startedAt: finished ? created : nil,
                    completedAt: finished ? created : nil, sha256: "ab", sizeBytes: 1234, progress: finished ? 100 : 0, pages: 1,
                    leaseExpiresAt: nil, nextAttemptAt: nil, duplicateOf: nil, resultPath: "results/x.json")
    }

    static func invoice(total: Double? = 1_851_768) -> InvoiceResource {
        InvoiceResource(id: 7, jobId: "8f14e45f-ceea-467f-a0e6-5b0d0c9b9a01", filename: "a.jpg", invoiceCode: "1C23TAA",
                        invoiceType: "goods", invoiceSeries: nil, invoiceNumber: "0001234", invoiceDate: "2026-12-01",
                        sellerName: "CÔNG TY TNHH ĐẤT VIỆT", sellerTaxCode: "0101234567", buyerName: nil, buyerTaxCode: nil,
                        subtotal: 1_683_425, vatRate: 10, vatAmount: 168_343, totalAmount: total, currency: "VND",
                        amountInWords: nil, confidenceScore: 0.925, needsReview: false, ocrConfidence: 91.5, uploader: nil,
                        userId: nil, createdAt: created)
    }

    static func object(_ value: some Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try WireJSON.encode(value)) as? [String: Any])
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try WireJSON.encode(value), as: UTF8.self)
    }

    @Test func absentColumns_areWrittenAsNull_notLeftOut() throws {
        let object = try Self.object(Self.job(status: .queued, finished: false))
        #expect(object.keys.count == 21)
        #expect(object["invoice_id"] is NSNull)
        #expect(object["completed_at"] is NSNull)
        #expect(object["error_message"] is NSNull)
        #expect(object["status"] as? String == "queued")
    }

    @Test func keysAreSorted_timesHaveMilliseconds_slashesAndVietnameseAreNotEscaped() throws {
        let text = try Self.text(Self.job())
        #expect(text.hasPrefix(#"{"attempts":1,"completed_at":"2025-12-04T19:45:06.125Z","created_at":"#), "\(text)")
        #expect(text.contains(#""filename":"hóa đơn 1/2.jpg""#))
        let keys = try Self.object(Self.job()).keys.sorted()
        let order = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test func wholeAmounts_haveNoFraction_andOthersKeepTheirDigits() throws {
        let text = try Self.text(Self.invoice())
        #expect(text.contains(#""total_amount":1851768,"#))
        #expect(text.contains(#""confidence_score":0.925,"#))
        #expect(text.contains(#""ocr_confidence":91.5,"#))
    }

    @Test func everyBody_readsBackAsItWasWritten() throws {
        let decoder = WireJSON.decoder()
        let job = Self.job()
        #expect(try decoder.decode(JobResource.self, from: WireJSON.encode(job)) == job)
        let page = ResourcePage(items: [Self.invoice(), Self.invoice(total: nil)], nextCursor: "abc")
        #expect(try decoder.decode(ResourcePage<InvoiceResource>.self, from: WireJSON.encode(page)) == page)
        let detail = InvoiceDetail(invoice: Self.invoice(), rawText: "HÓA ĐƠN\nTổng cộng", checks: ["sum_matches": true], job: job,
                                   edits: [InvoiceEditResource(id: 1, field: "seller_name", oldValue: "CONG TY", newValue: "CÔNG TY",
                                                               editedBy: "lan", editedAt: Self.created)],
                                   fieldConfidence: ["seller_name": 1, "total_amount": 0.875])
        #expect(try decoder.decode(InvoiceDetail.self, from: WireJSON.encode(detail)) == detail)
        let hit = SearchHit(invoice: Self.invoice(), snippet: "<mark>ĐẤT</mark> VIỆT")
        #expect(try decoder.decode(SearchHit.self, from: WireJSON.encode(hit)) == hit)
        let stats = DaemonStats(counts: [.queued: 3, .done: 9], invoices: 9, needsReview: 1, oldestQueuedAt: Self.created,
                                now: Self.created.addingTimeInterval(12.5), jobsPerMinute5m: 1.2, jobsPerMinute60m: 0.5,
                                workersBusy: 1, workers: 2)
        #expect(try decoder.decode(DaemonStats.self, from: WireJSON.encode(stats)) == stats)
        #expect(stats.oldestQueuedAgeSeconds == 12.5)
        #expect(stats.workersIdle == 1)
        #expect(stats.failed == 0)
    }

    @Test func anInvoicesDetail_isOneObject_withTheInvoicesKeysBesideItsOwn() throws {
        let detail = InvoiceDetail(invoice: Self.invoice(), rawText: "text", checks: nil, job: nil, edits: [], fieldConfidence: [:])
        let object = try Self.object(detail)
        #expect(object["seller_name"] as? String == "CÔNG TY TNHH ĐẤT VIỆT")
        #expect(object["raw_text"] as? String == "text")
        #expect(object["checks"] is NSNull)
        #expect(object["job"] is NSNull)
        #expect(object["invoice"] == nil)
    }

    @Test func optionalAnswers_leaveOutWhatTheyDoNotHave() throws {
        #expect(try Self.text(HealthReport(problems: [])) == #"{"status":"ok"}"#)
        #expect(try Self.text(HealthReport(problems: ["inbox gone"])) == #"{"problems":["inbox gone"],"status":"unhealthy"}"#)
        #expect(try Self.text(UploadAccepted(jobId: "j", status: .queued)) == #"{"job_id":"j","status":"queued"}"#)
    }

    @Test func anOlderDaemonsAnswer_withoutANewKey_stillReads() throws {
        var object = try Self.object(Self.job())
        object.removeValue(forKey: "result_path")
        let data = try JSONSerialization.data(withJSONObject: object)
        let job = try WireJSON.decoder().decode(JobResource.self, from: data)
        #expect(job.resultPath == nil)
        #expect(job.invoiceId == 7)
    }

    @Test func aTimeWithoutMilliseconds_reads_andNonsenseDoesNot() throws {
        struct Stamp: Codable { var at: Date }
        let decoder = WireJSON.decoder()
        #expect(try decoder.decode(Stamp.self, from: Data(#"{"at":"2026-12-04T19:45:06Z"}"#.utf8)).at == Date(timeIntervalSince1970: 1_796_413_506))
        #expect(throws: DecodingError.self) { try decoder.decode(Stamp.self, from: Data(#"{"at":"yesterday"}"#.utf8)) }
    }

    @Test func infiniteNumbers_areRefused_notWrittenAsInvalidJSON() {
        #expect(throws: EncodingError.self) { try WireJSON.encode(Self.invoice(total: .infinity)) }
    }
}
