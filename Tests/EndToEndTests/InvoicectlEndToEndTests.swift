import Foundation
import TestSupport
import Testing

/// `invoicectl` against the running daemon, as a person or a script uses it.
@Suite struct InvoicectlEndToEndTests {
    @Test func commands_againstARunningDaemon() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"])
        try await daemon.waitUntilReady()
        try FileManager.default.copyItem(atPath: Fixtures.invoice("water-03"), toPath: "\(daemon.inbox)/water.png")
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: "\(daemon.inbox)/broken.jpg"))
        #expect(try await waitUntil(timeout: 120) {
            let counts = try daemon.statusCounts()
            return counts["done"] == 1 && counts["failed"] == 1
        })
        let socket = ["--socket", daemon.socket]
        // The socket is found from the working folder's data/ like `make run` makes it.
        let status = try invoicectl(["status"], in: daemon.dir.path)
        #expect(status.status == 0, "\(status.err)")
        #expect(status.out.contains("invoiced: ok"))
        #expect(status.out.contains("done"))

        let jobsJSON = try invoicectl(["jobs", "--json"] + socket, in: "/")
        let jobs = try JSONSerialization.jsonObject(with: Data(jobsJSON.out.utf8)) as? [String: Any]
        let items = jobs?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 2)
        let failedId = try #require(items.first { $0["status"] as? String == "failed" }?["id"] as? String)
        let doneId = try #require(items.first { $0["status"] as? String == "done" }?["id"] as? String)

        let table = try invoicectl(["jobs", "--status", "failed"] + socket, in: "/")
        #expect(table.out.contains("not an image"))
        #expect(table.out.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 2)

        #expect(try invoicectl(["job", doneId] + socket, in: "/").out.contains("done"))
        let invoices = try invoicectl(["invoices", "--type", "water"] + socket, in: "/")
        #expect(invoices.out.contains("water"))
        let search = try invoicectl(["search", "nuoc"] + socket, in: "/")
        #expect(search.out.contains("[N"), "\(search.out)")

        let csvPath = daemon.dir.appending("out.csv")
        let export = try invoicectl(["export", "--csv", csvPath] + socket, in: "/")
        #expect(export.status == 0 && export.out.contains("wrote 1 invoice"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: csvPath)).prefix(3) == Data([0xEF, 0xBB, 0xBF]))

        // Scripts can rely on the exit codes.
        let conflict = try invoicectl(["retry", doneId] + socket, in: "/")
        #expect(conflict.status == 1)
        #expect(conflict.err.contains("409") && conflict.err.contains("only failed jobs"))
        #expect(try invoicectl(["job", "nope"] + socket, in: "/").status == 4)
        let retried = try invoicectl(["retry", failedId] + socket, in: "/")
        #expect(retried.status == 0 && retried.out.contains("queued again"))
        #expect(try await waitUntil(timeout: 60) { try daemon.statusCounts()["failed"] == 1 })
        #expect(try invoicectl(["search"] + socket, in: "/").status == 2, "bad usage, as README says")

        // A wrong (or hostile) reading is removed; the original stays in the archive, and
        // the same file dropped again is read anew instead of being called a duplicate.
        let listed = try JSONSerialization.jsonObject(with: Data(try invoicectl(["invoices", "--json"] + socket, in: "/").out.utf8)) as? [String: Any]
        let invoiceId = try #require((listed?["items"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try invoicectl(["invoice", "\(invoiceId)"] + socket, in: "/").out.contains("water"), "show stays the default")
        let removed = try invoicectl(["invoice", "rm", "\(invoiceId)"] + socket, in: "/")
        #expect(removed.status == 0 && removed.out.contains("invoice \(invoiceId) removed"), "\(removed.out)\(removed.err)")
        let original = try #require(removed.out.split(separator: "\n").first { $0.hasPrefix("original kept: ") }?.dropFirst(15))
        #expect(FileManager.default.fileExists(atPath: String(original)))
        #expect(try invoicectl(["invoice", "\(invoiceId)"] + socket, in: "/").status == 4)
        #expect(try invoicectl(["invoice", "rm", "\(invoiceId)"] + socket, in: "/").status == 4)
        #expect(!(try invoicectl(["invoices"] + socket, in: "/").out.contains("water")))
        #expect(try daemon.statusCounts()["done"] ?? 0 == 0)
        try FileManager.default.copyItem(atPath: Fixtures.invoice("water-03"), toPath: "\(daemon.inbox)/water-again.png")
        #expect(try await waitUntil(timeout: 120) { try daemon.statusCounts()["done"] == 1 })
        await daemon.stop()

        let down = try invoicectl(["status"] + socket, in: "/")
        #expect(down.status == 3)
        #expect(down.err.contains("Is it running?"))
    }

    /// Issue 14: `invoicectl invoices --review` lists only the invoices a person should look
    /// at (here an e-invoice whose totals do not add up, beside one whose do), the table and
    /// `invoice show` say it, and /api/stats counts it.
    @Test func review_listsOnlyTheInvoicesThatNeedIt() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"], environment: ["INVOICED_INBOX_SETTLE_MS": "100"])
        try await daemon.waitUntilReady()
        let formats = "\(Fixtures.repositoryRoot)/Tests/Fixtures/formats"
        for name in ["einvoice-2014.xml", "einvoice-2014-totals-disagree.xml"] {
            try FileManager.default.copyItem(atPath: "\(formats)/\(name)", toPath: "\(daemon.inbox)/\(name)")
        }
        #expect(try await waitUntil(timeout: 60) { try daemon.statusCounts()["done"] == 2 }, "log:\n\(daemon.log.suffix(2000))")
        let socket = ["--socket", daemon.socket]

        let review = try invoicectl(["invoices", "--review"] + socket)
        #expect(review.status == 0, "\(review.err)")
        #expect(review.out.contains("AA/17E-0000124") && !review.out.contains("AA/17E-0000123"), "\(review.out)")
        let all = try invoicectl(["invoices"] + socket)
        let rows = all.out.split(separator: "\n")
        #expect(rows.first?.hasSuffix("REVIEW") == true, "\(all.out)")
        #expect(rows.first { $0.contains("0000124") }?.hasSuffix("yes") == true, "\(all.out)")
        #expect(rows.first { $0.contains("0000123") }?.hasSuffix("yes") == false, "\(all.out)")

        let listed = try JSONSerialization.jsonObject(with: Data(try invoicectl(["invoices", "--review", "--json"] + socket).out.utf8)) as? [String: Any]
        let flagged = try #require((listed?["items"] as? [[String: Any]])?.first)
        #expect(flagged["needs_review"] as? Bool == true)
        let shown = try invoicectl(["invoice", "\(try #require(flagged["id"] as? Int))"] + socket)
        #expect(shown.out.contains("needs_review      true"), "\(shown.out)")
        #expect(shown.out.contains("sum_matches: false"), "booleans print as words, not 0 and 1: \(shown.out)")
        #expect(try await daemon.getJSON("/api/stats")["needs_review"] as? Int == 1)
        await daemon.stop()
    }

    @Test func controlCharactersInAFileName_arePrintedVisibly_neverSentToTheTerminal() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"])
        try await daemon.waitUntilReady()
        // Retitles the terminal, rings its bell and clears the screen if printed as it is.
        let name = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J.jpg"
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: "\(daemon.inbox)/\(name)"))
        #expect(try await waitUntil(timeout: 60) { try daemon.statusCounts()["failed"] == 1 })
        let socket = ["--socket", daemon.socket]
        let jobs = try invoicectl(["jobs", "--json"] + socket)
        let items = (try JSONSerialization.jsonObject(with: Data(jobs.out.utf8)) as? [String: Any])?["items"] as? [[String: Any]]
        let id = try #require(items?.first?["id"] as? String)
        #expect(items?.first?["filename"] as? String == name, "the API keeps the name as it is")
        for arguments in [["jobs"], ["jobs", "--status", "failed"], ["job", id]] {
            let run = try invoicectl(arguments + socket)
            #expect(run.status == 0, "\(run.err)")
            let raw = (run.out + run.err).unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
            #expect(raw.isEmpty, "\(arguments): \(run.out.debugDescription)")
        }
        let job = try invoicectl(["job", id] + socket)
        #expect(job.out.contains(#"evil\u{1B}]0;pwned\u{7}\u{1B}[2J.jpg"#), "\(job.out.debugDescription)")
        await daemon.stop()
    }
}
