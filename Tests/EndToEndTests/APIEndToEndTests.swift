import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// The API through the real socket of the running daemon, as a client of the seed system
/// and `invoicectl` use it.
@Suite struct APIEndToEndTests {
    /// POSTs a multipart upload of `fixture` to `/upload-image`.
    func upload(_ fixture: String, to daemon: DaemonProcess, userId: String) async throws -> [String: Any] {
        let boundary = "invoiced-e2e-\(UUID().uuidString)"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"user_id\"\r\n\r\n\(userId)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"hóa đơn tiền điện.png\"\r\nContent-Type: image/png\r\n\r\n")
        body.writeBytes(try Data(contentsOf: URL(fileURLWithPath: Fixtures.invoice(fixture))))
        body.writeString("\r\n--\(boundary)--\r\n")
        var request = HTTPClientRequest(url: URL(httpURLWithSocketPath: daemon.socket, uri: "/upload-image")!.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(body)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status == .accepted)
        let data = try await response.body.collect(upTo: 1 << 20)
        return try JSONSerialization.jsonObject(with: Data(String(buffer: data).utf8)) as? [String: Any] ?? [:]
    }

    @Test func upload_events_done_invoice_search_csv() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"])
        try await daemon.waitUntilReady()

        // Follow the live events while the upload is read.
        var request = HTTPClientRequest(url: URL(httpURLWithSocketPath: daemon.socket, uri: "/api/events")!.absoluteString)
        request.headers.add(name: "Accept", value: "text/event-stream")
        let stream = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        #expect(stream.headers["Content-Type"].first == "text/event-stream")

        let reply = try await upload("electricity-03", to: daemon, userId: "ke-toan-1")
        let jobId = try #require(reply["job_id"] as? String)
        #expect(reply["status"] as? String == "queued")

        var seen: [String] = []
        var buffered = ""
        for try await chunk in stream.body {
            buffered += String(buffer: chunk)
            seen = buffered.components(separatedBy: "\n").filter { $0.hasPrefix("event: ") && buffered.contains(jobId) }
            if buffered.contains("event: job.done") { break }
        }
        #expect(seen.first == "event: job.queued")
        #expect(seen.contains("event: job.progress"))
        #expect(seen.last == "event: job.done")

        let job = try await daemon.getJSON("/api/ocr/job/\(jobId)")
        #expect(job["status"] as? String == "done")
        #expect(job["user_id"] as? String == "ke-toan-1")
        #expect(job["filename"] as? String == "hóa đơn tiền điện.png")
        let invoiceId = try #require(job["invoice_id"] as? Int)
        let invoice = try await daemon.getJSON("/api/invoices/\(invoiceId)")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Fixtures.invoices)/electricity-03.json"))) as! [String: Any]
        #expect(invoice["invoice_type"] as? String == "electricity")
        #expect(invoice["total_amount"] as? Double == expected["total_amount"] as? Double)
        #expect(invoice["checks"] is [String: Any])

        let hits = try await daemon.getJSON("/api/search?q=dien%20luc")
        let found = (hits["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        #expect(found == [invoiceId])

        let (status, csv) = try await daemon.get("/api/invoices/export.csv?type=electricity")
        #expect(status == .ok)
        #expect(csv.hasPrefix("\u{FEFF}id,job_id"))
        #expect(csv.contains(jobId))

        let (metricsStatus, metrics) = try await daemon.get("/metrics")
        #expect(metricsStatus == .ok)
        #expect(metrics.contains("invoiced_jobs_finished_total{status=\"done\"} 1"))
        #expect(metrics.contains("invoiced_ocr_seconds"))
        #expect(await daemon.stop() == 0, "SSE clients must not hold up shutdown; log:\n\(daemon.log)")
    }
}
