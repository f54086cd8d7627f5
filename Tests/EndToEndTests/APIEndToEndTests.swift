import AsyncHTTPClient
import FakeChatServer
import GRDB
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

    /// `invoicectl` run as another user (setpriv), as a colleague on the same machine runs it.
    func invoicectl(as user: String, _ arguments: [String]) async throws -> CommandResult {
        try await runCommand("/usr/bin/setpriv", ["--reuid=\(user)", "--regid=nogroup", "--clear-groups",
                                                  "\(Fixtures.repositoryRoot)/.build/debug/invoicectl"] + arguments,
                             environment: ["PATH": "/usr/bin:/bin"], timeout: 60)
    }

    @Test func onTheSocket_aUsersChatAndUploads_areTheirsByLogin_whileRootMayNameAnyone() async throws {
        try await FakeChatServer.run({ _, _ in .completion(content: "vâng") }) { server in
            let daemon = try DaemonProcess(environment: [
                "INVOICED_CHAT_BASE_URL": server.baseURL, "GROQ_API_KEY": "gsk_e2e_peer_0000111122223333", "CREDENTIALS_DIRECTORY": "",
                "INVOICED_SOCKET_MODE": "0666",
            ])
            try await daemon.waitUntilReady()
            // Let another user reach the socket: the daemon made its folder for itself (umask 007).
            for folder in [daemon.dir.path, daemon.dataDir] { chmod(folder, 0o755) }
            let socket = ["--socket", daemon.socket]

            let posing = try await invoicectl(as: "nobody", ["chat", "xin chào", "--user-id", "giam-doc"] + socket)
            #expect(posing.status == 1, "\(posing.stderr)")
            #expect(posing.stderr.contains("403") && posing.stderr.contains("'nobody'"), "\(posing.stderr)")
            let own = try await invoicectl(as: "nobody", ["chat", "xin chào"] + socket)
            #expect(own.status == 0, "\(own.stderr)")
            let forget = try await invoicectl(as: "nobody", ["chat", "--clear", "--user-id", "giam-doc"] + socket)
            #expect(forget.status == 1 && forget.stderr.contains("403"), "\(forget.stderr)")
            let upload = try await runCommand("/usr/bin/setpriv", [
                "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--unix-socket", daemon.socket, "-F", "image=@\(Fixtures.invoice("water-03"));filename=w.png", "-F", "user_id=giam-doc",
                "http://localhost/upload-image",
            ], timeout: 60)
            #expect(upload.stdout == "403", "\(upload.stdout) \(upload.stderr)")
            // Root speaks for anyone (as a front end running as the daemon's user would).
            let root = try await runCommand("\(Fixtures.repositoryRoot)/.build/debug/invoicectl", ["chat", "chào", "--user-id", "giam-doc"] + socket, timeout: 60)
            #expect(root.status == 0, "\(root.stderr)")

            let (owners, jobs) = try await daemon.database().read { db in
                (try String.fetchAll(db, sql: "SELECT DISTINCT user_id FROM chat_messages ORDER BY user_id"),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM ocr_jobs"))
            }
            #expect(owners == ["giam-doc", "nobody"])
            #expect(jobs == 0)
            await daemon.stop()
        }
    }

    @Test func aHalfSentRequest_isClosedAfterTheIdleTimeout_whileAQuietEventStreamStays() async throws {
        let daemon = try DaemonProcess(environment: ["INVOICED_API_IDLE_TIMEOUT": "1s"])
        try await daemon.waitUntilReady()
        let socket = daemon.socket
        let stream = try await onOwnThread {
            let stream = try UnixSocketConnection(path: socket)
            try stream.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            _ = try stream.read(until: ": invoiced events")
            return stream
        }
        let (closed, after) = try await onOwnThread {
            let slow = try UnixSocketConnection(path: socket)
            let start = Date()
            try slow.send("GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            return (slow.waitForClose(), Date().timeIntervalSince(start))
        }
        #expect(closed, "a request stopped halfway is never given up")
        #expect(after >= 0.9 && after < 10, "closed after \(after) s")
        // The stream, open as long and as quiet, is an answer being written: it stays.
        #expect(stream.isOpen)
        await daemon.stop()
    }
}
