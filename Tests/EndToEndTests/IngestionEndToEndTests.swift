import Foundation
import GRDB
import TestSupport
import Testing

/// The real binary, real files, real Tesseract: what a user sees after dropping scans.
@Suite(.serialized) struct IngestionEndToEndTests {
    /// Copies fixture `name` into the inbox at `relative`.
    func drop(_ name: String, into daemon: DaemonProcess, as relative: String) throws {
        let target = "\(daemon.inbox)/\(relative)"
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.invoice(name), toPath: target)
    }

    /// Every job row with its invoice's raw text.
    func jobs(_ daemon: DaemonProcess) throws -> [Row] {
        try daemon.database().read { db in
            try Row.fetchAll(db, sql: """
                SELECT j.id, j.filename, j.status, j.uploader, j.error_message, j.filepath, j.result_path,
                       j.progress, i.raw_text, i.id AS invoice_id
                FROM ocr_jobs j LEFT JOIN invoices i ON i.job_id = j.id ORDER BY j.created_at
                """)
        }
    }

    @Test func sixInvoices_droppedEveryWay_endDoneWithResultJSONAndRows() async throws {
        let daemon = try DaemonProcess()
        try await daemon.waitUntilReady()

        try drop("vat-bilingual-01", into: daemon, as: "vat.png")
        try drop("electricity-01", into: daemon, as: "scanner-2/electricity.png")
        try drop("english-01", into: daemon, as: "english.png")
        try drop("retail-01", into: daemon, as: "retail.png")
        // Moved in by rename from elsewhere on the same file system.
        let staging = daemon.dir.appending("staging.png")
        try FileManager.default.copyItem(atPath: Fixtures.invoice("water-01"), toPath: staging)
        try FileManager.default.moveItem(atPath: staging, toPath: "\(daemon.inbox)/water.png")
        // Copied in slowly, in chunks over 2 s, the file open all along.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.invoice("telecom-01")))
        let slow = "\(daemon.inbox)/telecom.png"
        FileManager.default.createFile(atPath: slow, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: slow))
        let chunk = bytes.count / 10 + 1
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try handle.write(contentsOf: bytes[start..<min(bytes.count, start + chunk)])
            try await Task.sleep(for: .milliseconds(200))
        }
        try handle.close()

        let allDone = try await waitUntil(timeout: 180) { (try daemon.statusCounts())["done"] == 6 }
        #expect(allDone, "log:\n\(daemon.log)")

        let rows = try jobs(daemon)
        #expect(rows.count == 6)
        let expectations: [String: String] = [
            "vat.png": "vat-bilingual-01", "electricity.png": "electricity-01", "english.png": "english-01",
            "retail.png": "retail-01", "water.png": "water-01", "telecom.png": "telecom-01",
        ]
        for row in rows {
            let filename: String = row["filename"]
            let fixture = try #require(expectations[filename])
            #expect(row["status"] as String == "done")
            #expect(row["progress"] as Int == 100)
            let text: String = row["raw_text"] ?? ""
            let missing = missingWords(try Fixtures.expected(fixture).words, in: text)
            #expect(missing == [], "\(filename): \(text.prefix(600))")
            // The result JSON has the contract's shape and the same text.
            let id: String = row["id"]
            let resultPath = "\(daemon.dataDir)/results/\(id).json"
            #expect(row["result_path"] as String? == resultPath)
            let result = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: resultPath))) as? [String: Any])
            #expect(result["job_id"] as? String == id)
            #expect(result["status"] as? String == "done")
            let source = try #require(result["source"] as? [String: Any])
            #expect(source["filename"] as? String == filename)
            #expect((source["sha256"] as? String)?.count == 64)
            let ocr = try #require(result["ocr"] as? [String: Any])
            #expect(ocr["text"] as? String == text)
            #expect(ocr["pages"] as? Int == 1)
            #expect(ocr["languages"] as? String == "vie+eng")
            let invoice = try #require(result["invoice"] as? [String: Any])
            #expect(invoice.keys.contains("total_amount"))
            // The original is archived.
            let archived: String = row["filepath"]
            #expect(archived.hasPrefix("\(daemon.dataDir)/archive/"))
            #expect(FileManager.default.fileExists(atPath: archived))
        }
        #expect(rows.first { $0["filename"] as String == "electricity.png" }?["uploader"] as String? == "scanner-2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(daemon.dataDir)/spool").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox).sorted() == ["scanner-2"])

        // The status API answers for each job.
        let id: String = rows[0]["id"]
        let job = try await daemon.getJSON("/api/ocr/job/\(id)")
        #expect(job["status"] as? String == "done")
        #expect(job["progress"] as? Int == 100)
        let stats = try await daemon.getJSON("/api/stats")
        #expect(stats["done"] as? Int == 6)
        #expect(stats["failed"] as? Int == 0)
        #expect(await daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
    }

    @Test func fileThatIsNotAnImage_endsFailedWithAReason_inFailedFolder() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"])
        try await daemon.waitUntilReady()
        try Data("<html>this is not a scan</html>".utf8).write(to: URL(fileURLWithPath: "\(daemon.inbox)/invoice.jpg"))
        let failed = try await waitUntil(timeout: 60) { (try daemon.statusCounts())["failed"] == 1 }
        #expect(failed, "log:\n\(daemon.log)")
        let row = try #require(try jobs(daemon).first)
        #expect((row["error_message"] as String?)?.contains("not an image") == true)
        let path: String = row["filepath"]
        #expect(path.hasPrefix("\(daemon.dataDir)/failed/"))
        #expect(FileManager.default.fileExists(atPath: path))
        let api = try await daemon.getJSON("/api/ocr/job/\(row["id"] as String)")
        #expect(api["status"] as? String == "failed")
        #expect((api["error_message"] as? String)?.contains("not an image") == true)
        #expect(await waitUntil(timeout: 30) { daemon.log.contains("job failed") }, "log:\n\(daemon.log)")
        await daemon.stop()
    }

    @Test func filesPresentBeforeStart_areProcessed() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        try FileManager.default.createDirectory(atPath: dir.appending("inbox/sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.invoice("sales-01"), toPath: dir.appending("inbox/a.png"))
        try FileManager.default.copyItem(atPath: Fixtures.invoice("telecom-02"), toPath: dir.appending("inbox/sub/b.png"))
        let daemon = try DaemonProcess(dir: dir)
        let done = try await waitUntil(timeout: 120) { (try? daemon.statusCounts())?["done"] == 2 }
        #expect(done, "log:\n\(daemon.log)")
        #expect(try jobs(daemon).compactMap { $0["uploader"] as String? } == ["sub"])
        await daemon.stop()
    }

    @Test func sigtermWhileJobsRun_thenRestart_everyFileDoneExactlyOnce() async throws {
        let names = ["vat-twocol-01", "vat-twocol-02", "vat-nextline-01", "vat-nextline-02", "sales-02", "water-02", "telecom-03", "electricity-02"]
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        // No grace: running jobs are handed back at once, the hardest case for exactly-once.
        let first = try DaemonProcess(dir: dir, environment: ["INVOICED_SHUTDOWN_GRACE": "0"])
        try await first.waitUntilReady()
        for name in names { try drop(name, into: first, as: "\(name).png") }
        let running = try await waitUntil(timeout: 60) { (try first.statusCounts())["processing", default: 0] > 0 }
        #expect(running)
        let status = await first.stop(signal: SIGTERM)
        #expect(status == 0, "log:\n\(first.log)")
        let afterStop = try first.statusCounts()
        #expect(afterStop["processing"] == nil, "no job may stay processing after a clean stop")

        let second = try DaemonProcess(dir: dir)
        let allDone = try await waitUntil(timeout: 240) { (try second.statusCounts())["done"] == names.count }
        #expect(allDone, "log:\n\(second.log)")
        let rows = try jobs(second)
        #expect(rows.count == names.count)
        #expect(Set(rows.map { $0["filename"] as String }).count == names.count)
        let invoices = try await second.database().read { db -> Int? in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") }
        #expect(invoices == names.count)
        let results = try FileManager.default.contentsOfDirectory(atPath: "\(second.dataDir)/results")
        #expect(results.filter { $0.hasSuffix(".json") }.count == names.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(second.dataDir)/spool").isEmpty)
        await second.stop()
    }
}
