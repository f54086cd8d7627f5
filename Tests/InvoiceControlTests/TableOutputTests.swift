import Foundation
import TestSupport
import Testing

/// What a person reads without `--json`: tables whose cells sit under their headings (also
/// with Vietnamese), `-` for what is missing, totals grouped, booleans as words, and text from
/// the daemon (a file name anyone who can drop a file chooses, OCR text, an answer) printed
/// with its control characters shown as `\u{1B}`, never sent to the terminal.
@Suite struct TableOutputTests {
    /// Retitles the terminal and rings its bell if printed as it is.
    static let hostileName = "evil\u{1B}]0;pwned\u{07}.jpg"

    @Test func jobs_cellsSitUnderTheirHeadings() async throws {
        let page = DaemonAnswer.page([
            DaemonAnswer.job(id: "7f3c9a", filename: "hóa-đơn-điện-tháng-10.png", uploader: "kế-toán"),
            DaemonAnswer.job(id: "b21", filename: Self.hostileName, status: "failed", progress: 40, attempts: 3,
                             error: "tesseract: cannot read\nthe page"),
            DaemonAnswer.job(id: "c3", filename: String(repeating: "x", count: 40) + ".pdf", status: "queued", progress: 0, attempts: 0),
        ], next: "NEXT==")
        try await StubDaemon.run(["GET /api/ocr/jobs": .json(page)]) { stub in
            let run = try await stub.invoicectl(["jobs"])
            #expect(run.status == 0, "\(run)")
            #expect(run.lines.last == "more: --cursor NEXT==", "\(run)")
            let table = PrintedTable(Array(run.lines.dropLast()))
            #expect(table.headings == ["ID", "STATUS", "PROGRESS", "ATTEMPTS", "UPLOADER", "FILE", "ERROR"])
            #expect(table.column("ID") == ["7f3c9a", "b21", "c3"], "\(run)")
            #expect(table.column("STATUS") == ["done", "failed", "queued"], "\(run)")
            #expect(table.column("PROGRESS") == ["100%", "40%", "0%"], "\(run)")
            #expect(table.column("ATTEMPTS") == ["1", "3", "0"], "\(run)")
            #expect(table.column("UPLOADER") == ["kế-toán", "-", "-"], "\(run)")
            // A long name is cut to 30 characters with an ellipsis; a line break becomes a space.
            #expect(table.column("FILE") == ["hóa-đơn-điện-tháng-10.png", #"evil\u{1B}]0;pwned\u{7}.jpg"#,
                                             String(repeating: "x", count: 29) + "…"], "\(run)")
            #expect(table.column("ERROR") == ["-", "tesseract: cannot read the page", "-"], "\(run)")
            #expect(!run.printedRawControlCharacters, "\(run.stdout.debugDescription)")
        }
    }

    @Test func invoices_totalsGrouped_confidenceTwoPlaces_reviewSaid() async throws {
        let page = DaemonAnswer.page([
            DaemonAnswer.invoice(id: 12),
            DaemonAnswer.invoice(id: 13, date: nil, type: "water", code: nil, seller: nil, total: 86_400, confidence: nil, needsReview: true),
        ])
        try await StubDaemon.run(["GET /api/invoices/list": .json(page)]) { stub in
            let run = try await stub.invoicectl(["invoices"])
            #expect(run.status == 0, "\(run)")
            let table = PrintedTable(run.lines)
            #expect(table.headings == ["ID", "DATE", "TYPE", "CODE", "SELLER", "TOTAL", "CUR", "CONF", "REVIEW"])
            #expect(table.column("ID") == ["12", "13"], "\(run)")
            #expect(table.column("DATE") == ["2026-10-05", "-"], "\(run)")
            #expect(table.column("TYPE") == ["electricity", "water"], "\(run)")
            #expect(table.column("CODE") == ["1C26TAA", "-"], "\(run)")
            #expect(table.column("SELLER") == ["CÔNG TY ĐIỆN LỰC HÀ NỘI", "-"], "\(run)")
            #expect(table.column("TOTAL") == ["1,234,567", "86,400"], "\(run)")
            #expect(table.column("CUR") == ["VND", "VND"], "\(run)")
            #expect(table.column("CONF") == ["0.93", "-"], "\(run)")
            #expect(table.column("REVIEW") == ["", "yes"], "\(run)")
            #expect(run.lines.count == 3, "no 'more:' line without a next cursor: \(run)")
        }
    }

    @Test func invoice_fieldsOnePerLine_checksAsWords_textOnlyWithTheFlag() async throws {
        var invoice = DaemonAnswer.invoice(id: 12, needsReview: true)
        invoice["raw_text"] = "HÓA ĐƠN GTGT\nTổng cộng: 1.234.567\u{1B}[2J"
        invoice["checks"] = ["sum_matches": false, "tax_code_valid": true]
        invoice["job"] = DaemonAnswer.job(id: "7f3c9a", filename: "a.png")
        try await StubDaemon.run(["GET /api/invoices/12": .json(DaemonAnswer.text(invoice))]) { stub in
            let run = try await stub.invoicectl(["invoice", "12"])
            #expect(run.status == 0, "\(run)")
            for line in ["needs_review      true", "total_amount      1,234,567", "seller_name       CÔNG TY ĐIỆN LỰC HÀ NỘI",
                         "buyer_name        -", "confidence_score  0.93", "checks:", "  sum_matches: false", "  tax_code_valid: true"] {
                #expect(run.lines.contains(line), "\(line): \(run)")
            }
            #expect(!run.stdout.contains("HÓA ĐƠN GTGT") && !run.stdout.contains("7f3c9a"), "no OCR text, no job without --text: \(run)")

            let withText = try await stub.invoicectl(["invoice", "12", "--text"])
            #expect(withText.status == 0, "\(withText)")
            #expect(withText.stdout.hasSuffix("\n\nHÓA ĐƠN GTGT\nTổng cộng: 1.234.567\\u{1B}[2J\n"), "\(withText.stdout.debugDescription)")
            #expect(!withText.printedRawControlCharacters, "\(withText.stdout.debugDescription)")
        }
    }

    @Test func status_countsUnderTheirStatuses_thenWorkersAndTheOldestWait() async throws {
        let stats = DaemonAnswer.text([
            "queued": 2, "processing": 1, "done": 1234, "failed": 3, "duplicate": 0, "invoices": 1230, "needs_review": 4,
            "oldest_queued_at": "2026-10-05T07:58:45.000Z", "oldest_queued_age_seconds": 75.4,
            "jobs_per_minute_5m": 2.4, "jobs_per_minute_60m": 1.5, "workers_busy": 1, "workers_idle": 1, "workers": 2,
        ])
        try await StubDaemon.run(["GET /api/stats": .json(stats), "GET /healthz": .json(#"{"status":"ok"}"#)]) { stub in
            let run = try await stub.invoicectl(["status"])
            #expect(run.status == 0, "\(run)")
            let lines = run.lines
            try #require(lines.count == 5, "\(run)")
            #expect(lines[0] == "invoiced: ok   socket: \(stub.socket)")
            let table = PrintedTable(Array(lines[1...2]))
            #expect(table.headings == ["queued", "processing", "done", "failed", "duplicate"], "\(run)")
            #expect(table.headings.map { table.column($0).first ?? "?" } == ["2", "1", "1,234", "3", "0"], "\(run)")
            #expect(lines[3] == "invoices: 1,230   workers busy: 1/2   jobs/min (5 min): 2.40")
            #expect(lines[4] == "oldest queued job waiting 75 s")
        }
    }

    /// `/healthz` answers 503 with the problems when the daemon is unhealthy: that is the
    /// state to show (with why), not "unknown".
    @Test func status_ofAnUnhealthyDaemon_saysSoAndWhy() async throws {
        let unhealthy = DaemonAnswer.text(["status": "unhealthy", "problems": ["the inbox is not watched: /srv/inbox\u{1B}[2J"]])
        try await StubDaemon.run(["GET /api/stats": .json(DaemonAnswer.stats(queued: 3)), "GET /healthz": .json(status: 503, unhealthy)]) { stub in
            let run = try await stub.invoicectl(["status"])
            #expect(run.status == 0, "the counts were answered: \(run)")
            #expect(run.lines.first == "invoiced: unhealthy   socket: \(stub.socket)", "\(run)")
            #expect(run.lines.dropFirst().first == #"  problem: the inbox is not watched: /srv/inbox\u{1B}[2J"#, "\(run)")
        }
    }

    @Test func search_hitsWithTheirMatchesInBrackets() async throws {
        var hit = DaemonAnswer.invoice(id: 12)
        hit["snippet"] = "… <mark>ĐIỆN</mark> <mark>LỰC</mark> HÀ NỘI &lt;Tổng&gt; &amp; &quot;VAT&quot; &#39;8%&#39;"
        try await StubDaemon.run(["GET /api/search": .json(DaemonAnswer.page([hit]))]) { stub in
            let run = try await stub.invoicectl(["search", "dien", "luc"])
            #expect(run.status == 0, "\(run)")
            #expect(run.lines == ["#12  2026-10-05  CÔNG TY ĐIỆN LỰC HÀ NỘI  1,234,567 VND",
                                  #"    … [ĐIỆN] [LỰC] HÀ NỘI <Tổng> & "VAT" '8%'"#], "\(run)")
        }
        try await StubDaemon.run(["GET /api/search": .json(DaemonAnswer.page([]))]) { stub in
            let run = try await stub.invoicectl(["search", "không", "có"])
            #expect(run.status == 0 && run.stdout == "no invoice matches\n", "\(run)")
        }
    }

    /// The CSV is the daemon's, byte for byte: its BOM for Excel, and the `'` it put before
    /// a cell that starts like a formula (the client disarms nothing itself, and must not
    /// undo what the daemon did).
    @Test func export_writesTheDaemonsCSVAsItIs() async throws {
        let csv = "\u{FEFF}id,seller_name,total_amount\r\n12,\"'=HYPERLINK(\"\"http://x\"\")\",1234567\r\n13,CÔNG TY ĐIỆN LỰC,86400\r\n"
        try await StubDaemon.run(["GET /api/invoices/export.csv": .body(contentType: "text/csv; charset=utf-8", csv)]) { stub in
            let run = try await stub.invoicectl(["export", "--csv", "october.csv"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "wrote 2 invoice(s) to october.csv\n", "\(run)")
            let written = try Data(contentsOf: URL(fileURLWithPath: stub.folder.appending("october.csv")))
            #expect(written == Data(csv.utf8))

            let piped = try await stub.invoicectl(["export", "--csv", "-"])
            #expect(piped.status == 0, "\(piped)")
            #expect(Data(piped.stdout.utf8) == Data(csv.utf8), "\(piped.stdout.debugDescription)")
        }
    }

    @Test func retryAndRemove_sayWhatHappened() async throws {
        let removed = DaemonAnswer.text(["removed": 12, "jobs": ["7f3c9a"], "originals_kept": ["/var/lib/invoiced/archive/2026/10/\(Self.hostileName)"]])
        try await StubDaemon.run([
            "POST /api/ocr/job/b21/retry": .json(status: 202, DaemonAnswer.text(["id": "b21", "status": "queued"])),
            "DELETE /api/invoices/12": .json(removed),
        ]) { stub in
            let retried = try await stub.invoicectl(["retry", "b21"])
            #expect(retried.status == 0 && retried.stdout == "job b21 queued again\n", "\(retried)")
            let run = try await stub.invoicectl(["invoice", "rm", "12"])
            #expect(run.status == 0, "\(run)")
            #expect(run.lines == ["invoice 12 removed", #"original kept: /var/lib/invoiced/archive/2026/10/evil\u{1B}]0;pwned\u{7}.jpg"#], "\(run)")
        }
    }

    @Test func chat_theAnswerThenTheInvoicesItCites() async throws {
        let answer = DaemonAnswer.text(["reply": "Tổng tiền điện tháng 10 là 1.234.567 đ.\nXem hóa đơn #12.\u{1B}[2J", "model": "m",
                                        "invoice_ids": [12, 15], "usage": ["prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2]])
        try await StubDaemon.run(["POST /chat": .json(answer)]) { stub in
            let run = try await stub.invoicectl(["chat", "tổng tiền điện tháng 10?"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "Tổng tiền điện tháng 10 là 1.234.567 đ.\nXem hóa đơn #12.\\u{1B}[2J\n(invoices: 12, 15)\n",
                    "\(run.stdout.debugDescription)")
        }
    }

    @Test func chatStream_printsTheWordsAsTheyCome_thenTheCitations() async throws {
        try await StubDaemon.run(["POST /chat": .events([
            #"event: lookup\#ndata: {"tool":"invoice_totals"}"#,
            #"event: token\#ndata: {"text":"Tổng tiền "}"#,
            #"event: token\#ndata: {"text":"điện\u001b[2J"}"#,
            #"event: done\#ndata: {"invoice_ids":[12],"model":"m","reply":"Tổng tiền điện","usage":{"completion_tokens":1,"prompt_tokens":1,"total_tokens":2}}"#,
        ])]) { stub in
            let run = try await stub.invoicectl(["chat", "--stream", "tổng?"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "Tổng tiền điện\\u{1B}[2J\n(invoices: 12)\n", "\(run.stdout.debugDescription)")
            #expect(stub.received.first?.json["stream"] as? Bool == true)
        }
    }

    /// Piped (not a terminal), `watch` prints one plain line per event and ends with the stream.
    @Test func watchPiped_oneLinePerEvent() async throws {
        func event(_ id: Int, _ type: String, _ extra: String = "") -> String {
            let name = type == "job.failed" ? #"evil\u001b]0;pwned\u0007.jpg"# : "hóa-đơn.png"
            let job = type == "job.failed" ? "b21" : "7f3c"
            return "id: \(id)\nevent: \(type)\ndata: {\"at\":1791187200,\"filename\":\"\(name)\",\"id\":\(id),\"job_id\":\"\(job)\"\(extra),\"type\":\"\(type)\"}"
        }
        try await StubDaemon.run([
            "GET /api/stats": .json(DaemonAnswer.stats(queued: 1)),
            "GET /api/events": .events([
                event(1, "job.queued"), event(2, "job.progress", #","progress":40"#),
                event(3, "job.done", #","invoice_id":12,"progress":100"#), event(4, "job.failed", #","message":"not an image""#),
            ]),
        ]) { stub in
            let run = try await stub.invoicectl(["watch"])
            #expect(run.status == 0, "\(run)")
            #expect(run.lines == [
                "job.queued 7f3c hóa-đơn.png", "job.progress 7f3c hóa-đơn.png 40%", "job.done 7f3c hóa-đơn.png 100%",
                #"job.failed b21 evil\u{1B}]0;pwned\u{7}.jpg — not an image"#,
            ], "\(run)")
        }
    }
}
