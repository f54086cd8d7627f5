import Foundation
import Testing

/// `--json` is for scripts: stdout is the daemon's JSON (pretty-printed, the same value), and
/// a failure leaves stdout empty and says so by exit code and on stderr. Text from the daemon
/// stays escaped inside the JSON strings, so a script gets the true file name and a terminal
/// still gets no control characters.
@Suite struct JSONModeTests {
    /// A command and the route whose answer it prints.
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var route: String
        var answer: String
        var testDescription: String { arguments.joined(separator: " ") + " --json" }
    }

    static let chatAnswer = DaemonAnswer.text(["reply": "1.234.567 đ", "model": "m", "invoice_ids": [12],
                                               "usage": ["prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2]])
    static let cases = [
        Case(arguments: ["status"], route: "GET /api/stats",
             answer: DaemonAnswer.text(["queued": 0, "processing": 0, "done": 4, "failed": 1, "duplicate": 0, "invoices": 4,
                                        "needs_review": 1, "oldest_queued_at": NSNull(), "oldest_queued_age_seconds": NSNull(),
                                        "jobs_per_minute_5m": 0.2, "jobs_per_minute_60m": 0.05, "workers_busy": 0,
                                        "workers_idle": 2, "workers": 2])),
        Case(arguments: ["jobs"], route: "GET /api/ocr/jobs",
             answer: DaemonAnswer.page([DaemonAnswer.job(id: "b21", filename: TableOutputTests.hostileName, status: "failed")], next: "Yj=")),
        Case(arguments: ["job", "7f3c"], route: "GET /api/ocr/job/7f3c",
             answer: DaemonAnswer.text(DaemonAnswer.job(id: "7f3c", filename: "hóa-đơn.png"))),
        Case(arguments: ["retry", "b21"], route: "POST /api/ocr/job/b21/retry",
             answer: DaemonAnswer.text(["id": "b21", "status": "queued"])),
        Case(arguments: ["invoices", "--review"], route: "GET /api/invoices/list",
             answer: DaemonAnswer.page([DaemonAnswer.invoice(id: 13, needsReview: true)])),
        Case(arguments: ["invoice", "12"], route: "GET /api/invoices/12",
             answer: DaemonAnswer.text(DaemonAnswer.invoice(id: 12).merging(["raw_text": "HÓA ĐƠN\n", "checks": ["sum_matches": true]]) { $1 })),
        Case(arguments: ["invoice", "rm", "12"], route: "DELETE /api/invoices/12",
             answer: DaemonAnswer.text(["removed": 12, "jobs": ["7f3c"], "originals_kept": ["/archive/hóa-đơn.png"]])),
        Case(arguments: ["search", "dien"], route: "GET /api/search",
             answer: DaemonAnswer.page([DaemonAnswer.invoice(id: 12).merging(["snippet": "<mark>ĐIỆN</mark>"]) { $1 }])),
        Case(arguments: ["chat", "tổng?"], route: "POST /chat", answer: chatAnswer),
        // --json asks for the whole answer at once, even with --stream.
        Case(arguments: ["chat", "--stream", "tổng?"], route: "POST /chat", answer: chatAnswer),
        Case(arguments: ["chat", "--clear"], route: "DELETE /chat/history", answer: DaemonAnswer.text(["user_id": "ke-toan", "deleted": 2])),
    ]

    @Test(arguments: cases)
    func json_printsTheDaemonsAnswer_prettyPrinted(_ command: Case) async throws {
        try await StubDaemon.run([command.route: .json(command.answer)]) { stub in
            let run = try await stub.invoicectl(command.arguments + ["--json"])
            #expect(run.status == 0, "\(run)")
            #expect(DaemonAnswer.canonical(run.stdout) == DaemonAnswer.canonical(command.answer), "\(run)")
            #expect(run.lines.count > 1, "one field a line, for a person reading it too: \(run)")
            #expect(!run.printedRawControlCharacters, "\(run.stdout.debugDescription)")
        }
    }

    /// The name a script reads back is the file's true name, escape and bell included; the
    /// terminal sees them only as JSON escapes. DEL and the C1 controls (U+009B starts an
    /// escape sequence on some terminals) are escaped too, though JSON would allow them raw.
    @Test func json_keepsTheTrueName_withItsControlCharactersEscaped() async throws {
        let name = "evil\u{1B}]0;pwned\u{07}\u{7F}\u{9B}2J.jpg"
        let page = DaemonAnswer.page([DaemonAnswer.job(id: "b21", filename: name, status: "failed")])
        try await StubDaemon.run(["GET /api/ocr/jobs": .json(page)]) { stub in
            let run = try await stub.invoicectl(["jobs", "--json"])
            #expect(run.status == 0, "\(run)")
            #expect(!run.printedRawControlCharacters, "\(run.stdout.debugDescription)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let items = object?["items"] as? [[String: Any]]
            #expect(items?.first?["filename"] as? String == name, "\(run.stdout.debugDescription)")
        }
    }

    /// A script that pipes `--json` into a parser gets nothing on stdout when it failed.
    @Test(arguments: [(["job", "nope"], Int32(4)), (["retry", "b21"], Int32(1))])
    func jsonFailure_leavesStdoutEmpty(_ arguments: [String], _ status: Int32) async throws {
        try await StubDaemon.run(["POST /api/ocr/job/b21/retry": .json(status: 409, DaemonAnswer.error("only failed jobs can be retried"))]) { stub in
            let run = try await stub.invoicectl(arguments + ["--json"])
            #expect(run.status == status, "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
            #expect(run.stderr.hasPrefix("invoicectl: invoiced answered "), "\(run)")
        }
    }

    /// Piped with `--json`, `watch` prints each event as one line of JSON, the daemon's value.
    @Test func watchJSON_oneObjectPerLine() async throws {
        let events = [
            #"{"at":1791187200,"filename":"hóa-đơn.png","id":1,"job_id":"7f3c","type":"job.queued"}"#,
            #"{"at":1791187201,"filename":"hóa-đơn.png","id":2,"job_id":"7f3c","progress":40,"type":"job.progress"}"#,
            #"{"at":1791187202,"filename":"evil\u001b\u009b2J.jpg","id":3,"job_id":"b21","message":"not an image","type":"job.failed"}"#,
        ]
        try await StubDaemon.run([
            "GET /api/stats": .json(DaemonAnswer.stats(queued: 1)),
            "GET /api/events": .events(events.enumerated().map { "id: \($0.offset + 1)\nevent: x\ndata: \($0.element)" }),
        ]) { stub in
            let run = try await stub.invoicectl(["watch", "--json"])
            #expect(run.status == 0, "\(run)")
            #expect(run.lines.map(DaemonAnswer.canonical) == events.map(DaemonAnswer.canonical), "\(run)")
            #expect(!run.printedRawControlCharacters, "\(run.stdout.debugDescription)")
        }
    }
}
