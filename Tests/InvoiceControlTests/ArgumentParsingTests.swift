import Foundation
import TestSupport
import Testing

/// Each subcommand's arguments reach the daemon as the request a user means: the filters
/// typed are the filters asked for, `invoice <id>` shows (never removes), an id cannot add
/// parts to the path. Checked where it counts, at the stub daemon's end of the socket.
@Suite struct ArgumentParsingTests {
    @Test func jobs_sendsEveryOptionAsTheQuery() async throws {
        try await StubDaemon.run(["GET /api/ocr/jobs": .json(DaemonAnswer.page([]))]) { stub in
            let run = try await stub.invoicectl(["jobs", "--status", "failed", "--uploader", "kế-toán", "--limit", "5", "--cursor", "MTIz"])
            #expect(run.status == 0, "\(run)")
            let request = try #require(stub.received.first)
            #expect(request.method == "GET" && request.path == "/api/ocr/jobs")
            #expect(request.query == ["status": "failed", "uploader": "kế-toán", "limit": "5", "cursor": "MTIz"])
        }
    }

    @Test func invoices_sendsEveryFilter() async throws {
        try await StubDaemon.run(["GET /api/invoices/list": .json(DaemonAnswer.page([]))]) { stub in
            let run = try await stub.invoicectl([
                "invoices", "--type", "electricity", "--seller", "Điện lực", "--from", "2026-10-01", "--to", "2026-10-31",
                "--min-total", "100000", "--max-total", "2500000.5", "--review", "--limit", "3", "--cursor", "abc",
            ])
            #expect(run.status == 0, "\(run)")
            let query = try #require(stub.received.first).query
            #expect(query["type"] == "electricity" && query["seller"] == "Điện lực", "\(query)")
            #expect(query["from"] == "2026-10-01" && query["to"] == "2026-10-31", "\(query)")
            #expect(query["min_total"].flatMap(Double.init) == 100_000, "\(query)")
            #expect(query["max_total"].flatMap(Double.init) == 2_500_000.5, "\(query)")
            #expect(query["needs_review"] == "true" && query["limit"] == "3" && query["cursor"] == "abc", "\(query)")
        }
    }

    /// `invoices --review` asks only for what needs a person's look; without it, for everything.
    @Test func invoicesReview_asksForTheInvoicesThatNeedReview_andNothingElse() async throws {
        try await StubDaemon.run(["GET /api/invoices/list": .json(DaemonAnswer.page([]))]) { stub in
            let review = try await stub.invoicectl(["invoices", "--review"])
            let all = try await stub.invoicectl(["invoices"])
            #expect(review.status == 0 && all.status == 0, "\(review)\(all)")
            let queries = stub.received.map(\.query)
            #expect(queries == [["needs_review": "true", "limit": "20"], ["limit": "20"]])
        }
    }

    @Test func export_sendsTheSameFilters_toTheCSVRoute() async throws {
        try await StubDaemon.run(["GET /api/invoices/export.csv": .body(contentType: "text/csv", "\u{FEFF}id\r\n")]) { stub in
            let run = try await stub.invoicectl(["export", "--csv", "-", "--type", "water", "--seller", "Nước sạch", "--review"])
            #expect(run.status == 0, "\(run)")
            #expect(stub.received.map(\.query) == [["type": "water", "seller": "Nước sạch", "needs_review": "true"]])
        }
    }

    @Test func search_asksForAllTheWordsTogether() async throws {
        try await StubDaemon.run(["GET /api/search": .json(DaemonAnswer.page([]))]) { stub in
            let run = try await stub.invoicectl(["search", "dien", "luc", "--limit", "5"])
            #expect(run.status == 0, "\(run)")
            #expect(stub.received.map(\.query) == [["q": "dien luc", "limit": "5"]])
        }
    }

    /// README: `invoicectl invoice <id>` shows the invoice; only `invoice rm <id>` removes.
    @Test func invoiceWithAnId_shows_andOnlyRmRemoves() async throws {
        let removed = DaemonAnswer.text(["removed": 12, "jobs": ["job-12"], "originals_kept": ["/archive/a.png"]])
        try await StubDaemon.run([
            "GET /api/invoices/12": .json(DaemonAnswer.text(DaemonAnswer.invoice(id: 12))),
            "DELETE /api/invoices/12": .json(removed),
        ]) { stub in
            for arguments in [["invoice", "12"], ["invoice", "show", "12"], ["invoice", "rm", "12"]] {
                let run = try await stub.invoicectl(arguments)
                #expect(run.status == 0, "\(arguments): \(run)")
            }
            #expect(stub.received.map { "\($0.method) \($0.target)" }
                == ["GET /api/invoices/12", "GET /api/invoices/12", "DELETE /api/invoices/12"])
        }
    }

    /// A job id typed by hand is one path segment: `a/../b` cannot reach another route.
    @Test func jobAndRetry_sendTheIdAsOnePathSegment() async throws {
        try await StubDaemon.run([
            "GET /api/ocr/job/a%2F..%2Fb": .json(DaemonAnswer.text(DaemonAnswer.job(id: "a/../b", filename: "x.png"))),
            "POST /api/ocr/job/7f3c/retry": .json(status: 202, DaemonAnswer.text(["id": "7f3c", "status": "queued"])),
        ]) { stub in
            let shown = try await stub.invoicectl(["job", "a/../b"])
            #expect(shown.status == 0, "\(shown)")
            let retried = try await stub.invoicectl(["retry", "7f3c"])
            #expect(retried.status == 0, "\(retried)")
            #expect(stub.received.map { "\($0.method) \($0.target)" } == ["GET /api/ocr/job/a%2F..%2Fb", "POST /api/ocr/job/7f3c/retry"])
        }
    }

    /// The question's words, the conversation's owner (the flag, else the login name) and the
    /// invoice talked about.
    @Test func chat_sendsTheQuestionItsOwnerAndTheInvoice() async throws {
        let answer = DaemonAnswer.text(["reply": "1.234.567 đ", "model": "m", "invoice_ids": [12],
                                        "usage": ["prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2]])
        try await StubDaemon.run(["POST /chat": .json(answer)]) { stub in
            let named = try await stub.invoicectl(["chat", "Tổng", "tiền", "điện?", "--user-id", "giam-doc", "--invoice-id", "12"])
            let own = try await stub.invoicectl(["chat", "xin chào"])
            #expect(named.status == 0 && own.status == 0, "\(named)\(own)")
            let bodies = stub.received.map { DaemonAnswer.text($0.json) }
            #expect(bodies == [
                DaemonAnswer.text(["message": "Tổng tiền điện?", "user_id": "giam-doc", "invoice_id": 12]),
                DaemonAnswer.text(["message": "xin chào", "user_id": "ke-toan"]),
            ])
        }
    }

    @Test func chatClear_forgetsTheLoginsConversation() async throws {
        try await StubDaemon.run(["DELETE /chat/history": .json(DaemonAnswer.text(["user_id": "ke-toan", "deleted": 3]))]) { stub in
            let run = try await stub.invoicectl(["chat", "--clear"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "forgot 3 messages of ke-toan's conversation\n")
            #expect(stub.received.map { "\($0.method) \($0.target)" } == ["DELETE /chat/history?user_id=ke-toan"])
        }
    }
}
