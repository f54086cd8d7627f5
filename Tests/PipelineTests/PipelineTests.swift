import APIWire
import Foundation
import JobStore
import JobStoreTestSupport
import LinuxSupport
import Logging
@testable import Pipeline
import OCR
import ServiceLifecycle
import TestSupport
import Testing

/// A store and data folder with jobs put straight into the spool.
struct PipelineFixture: Sendable {
    let dir: TemporaryDirectory
    let layout: DataLayout
    let store: JobStore
    var settings: PipelineSettings

    init(maxAttempts: Int = 3) throws {
        dir = try TemporaryDirectory()
        layout = DataLayout(root: dir.appending("data"))
        try layout.createDirectories()
        store = try JobStore(path: layout.database)
        settings = PipelineSettings(workers: 2, languages: "vie+eng", tessdata: nil, maxMegapixels: 60, maxPages: 20,
                                    pageTimeout: 60, lease: 120, shutdownGrace: 30,
                                    retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: 0, maxDelay: 0))
    }

    /// A queued job for a copy of `source` (a fixture name or a path).
    func enqueue(fixture name: String? = nil, path: String? = nil, filename: String) throws -> String {
        let id = UUID().uuidString.lowercased()
        let spool = layout.spoolPath(id: id, filename: filename)
        try FileManager.default.copyItem(atPath: path ?? Fixtures.invoice(name!), toPath: spool)
        try store.beginIntake(Job(id: id, filepath: spool, filename: filename, uploader: "scanner-1", userId: nil, sourcePath: nil, now: Date()))
        _ = try store.finishIntake(id: id, sha256: id, sizeBytes: 1, skipDuplicates: false, duplicatePath: "", now: Date())
        return id
    }

    func reader() throws -> DocumentReader {
        DocumentReader(engine: try TesseractEngine(languages: "vie+eng"), maxMegapixels: settings.maxMegapixels,
                       maxPages: settings.maxPages, pageTimeout: settings.pageTimeout)
    }

    func processor() -> JobProcessor {
        JobProcessor(store: store, layout: layout, settings: settings, logger: Logger(label: "test"), events: nil)
    }
}

@Suite struct JobProcessorTests {
    /// Two attempts at one job (the first one's lease ran out): when the other attempt has
    /// finished it, this one's failure changes neither the row nor the file.
    @Test func failureOfAnAttemptWhoseJobAnotherFinished_leavesRowAndFileAlone() async throws {
        let f = try PipelineFixture()
        let broken = f.dir.appending("broken.png")
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: broken))
        let id = try f.enqueue(path: broken, filename: "broken.png")
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        let archive = f.layout.archivePath(id: id, filename: "broken.png", date: Date())
        _ = try f.store.completeForTest(jobId: id, invoice: Invoice(jobId: id, filename: "broken.png", rawText: "x", createdAt: Date()),
                                 pages: 1, resultPath: f.layout.resultPath(id: id), archivePath: archive, now: Date())
        let outcome = try await onWorkerThread { f.processor().process(job, reader: try f.reader(), shouldCancel: { false }) }
        guard case .failed = outcome else { Issue.record("outcome \(outcome)"); return }
        let after = try #require(try f.store.job(id: id))
        #expect(after.status == .done && after.filepath == archive)
        #expect(FileManager.default.fileExists(atPath: job.filepath), "the file is the finishing attempt's to move")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.layout.failed).isEmpty)
    }

    /// A job whose every attempt ended by its lease running out (its readers died or hung,
    /// node after node) is not read once more past `jobs.max_attempts`: it fails saying why,
    /// its file in `failed/`.
    @Test func aJobTakenOverPastItsAttempts_failsSayingWhy() async throws {
        let f = try PipelineFixture(maxAttempts: 2)
        let id = try f.enqueue(fixture: "vat-bilingual-02", filename: "scan.png")
        var claimed: Job?
        for attempt in 0..<3 {
            // Each claim's lease has run out by the next: a node that died holding the job.
            claimed = try f.store.claimNext(holder: "node-\(attempt):1/worker-0", now: Date().addingTimeInterval(Double(attempt) * 200), lease: 60)
        }
        let job = try #require(claimed)
        #expect(job.attempts == 3)
        let outcome = try await onWorkerThread { f.processor().process(job, reader: try f.reader(), shouldCancel: { false }) }
        guard case let .failed(message) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(message.contains("2 readings of this file ended without finishing"), "\(message)")
        let failed = try #require(try f.store.job(id: id))
        #expect(failed.status == .failed && failed.filepath.hasPrefix(f.layout.failed))
        #expect(FileManager.default.fileExists(atPath: failed.filepath))
    }

    /// The original deleted from the spool while it is read (by hand, or a cleanup script):
    /// what was read is kept (done, with its invoice and result), and nothing tries to
    /// archive the missing file or to read the finished job again.
    @Test func originalDeletedWhileRead_endsDone_withWhatWasRead() async throws {
        let f = try PipelineFixture()
        let id = try f.enqueue(fixture: "vat-bilingual-02", filename: "scan.png")
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        let outcome = try await onWorkerThread {
            f.processor().process(job, reader: try f.reader(), shouldCancel: {
                // Polled during recognition, once the page is in memory.
                try? FileManager.default.removeItem(atPath: job.filepath)
                return false
            })
        }
        guard case let .done(invoiceId) = outcome else { Issue.record("outcome \(outcome)"); return }
        let done = try #require(try f.store.job(id: id))
        #expect(done.status == .done && done.invoiceId == invoiceId)
        #expect(FileManager.default.fileExists(atPath: f.layout.resultPath(id: id)))
        #expect(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60) == nil, "the done job must not be queued again")
    }

    @Test func readableInvoice_endsDone_withRowResultJSONAndArchivedOriginal() async throws {
        let f = try PipelineFixture()
        let id = try f.enqueue(fixture: "vat-bilingual-02", filename: "scan.png")
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        let outcome = try await onWorkerThread { f.processor().process(job, reader: try f.reader(), shouldCancel: { false }) }
        guard case let .done(invoiceId) = outcome else { Issue.record("outcome \(outcome)"); return }

        let done = try #require(try f.store.job(id: id))
        #expect(done.status == .done && done.invoiceId == invoiceId && done.pages == 1 && done.progress == 100)
        #expect(done.filepath.hasPrefix(f.layout.archive) && FileManager.default.fileExists(atPath: done.filepath))
        let invoice = try #require(try f.store.invoice(id: invoiceId))
        #expect(missingWords(try Fixtures.expected("vat-bilingual-02").words, in: invoice.rawText) == [])
        #expect(invoice.uploader == "scanner-1")
        #expect((invoice.ocrConfidence ?? 0) > 50)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.layout.resultPath(id: id)))) as! [String: Any]
        #expect(Set(json.keys) == ["job_id", "status", "source", "ocr", "invoice"])
        #expect(Set((json["source"] as! [String: Any]).keys) == ["filename", "sha256", "size_bytes", "uploader"])
        #expect(Set((json["ocr"] as! [String: Any]).keys) == ["engine", "languages", "pages", "mean_confidence", "duration_ms", "text", "page_details"])
        let fields = json["invoice"] as! [String: Any]
        for key in ["invoice_type", "invoice_series", "invoice_number", "invoice_code", "invoice_date", "seller_name",
                    "seller_tax_code", "buyer_name", "buyer_tax_code", "subtotal", "vat_rate", "vat_amount",
                    "total_amount", "currency", "amount_in_words", "confidence_score", "checks"] {
            #expect(fields.keys.contains(key), "result JSON lacks invoice.\(key) (a field not found must be null)")
        }
    }

    /// Issue 13, item 4: a file starting `<?xml` was read whole before its size was checked
    /// (a 512 MB one took 708 MB). A 64 GiB sparse one is refused after 10 MB of reading.
    @Test func anXMLFileOfManyGigabytes_isRefusedAfterReadingTenMegabytes() async throws {
        let f = try PipelineFixture()
        let id = UUID().uuidString.lowercased()
        let spool = f.layout.spoolPath(id: id, filename: "huge.xml")
        try Data("<?xml version=\"1.0\"?><HDon>".utf8).write(to: URL(fileURLWithPath: spool))
        #expect(truncate(spool, 64 << 30) == 0)
        try f.store.beginIntake(Job(id: id, filepath: spool, filename: "huge.xml", uploader: nil, userId: nil, sourcePath: nil, now: Date()))
        _ = try f.store.finishIntake(id: id, sha256: id, sizeBytes: 64 << 30, skipDuplicates: false, duplicatePath: "", now: Date())
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        _ = try await onWorkerThread { f.processor().process(job, reader: try f.reader(), shouldCancel: { false }) }
        let failed = try #require(try f.store.job(id: id))
        #expect(failed.status == .failed)
        #expect(failed.errorMessage?.contains("an XML file over 10 MB is not an e-invoice") == true, "\(failed.errorMessage ?? "")")
    }

    @Test func notAnImage_failsAtOnce_andMovesToFailed() async throws {
        let f = try PipelineFixture()
        let text = f.dir.appending("notes.txt")
        try Data("just text".utf8).write(to: URL(fileURLWithPath: text))
        let id = try f.enqueue(path: text, filename: "invoice.jpg")
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        _ = try await onWorkerThread { f.processor().process(job, reader: try f.reader(), shouldCancel: { false }) }
        let failed = try #require(try f.store.job(id: id))
        #expect(failed.status == .failed)
        #expect(failed.attempts == 1)
        #expect(failed.errorMessage?.hasPrefix("not an image") == true)
        #expect(failed.filepath == f.layout.failedPath(id: id, filename: "invoice.jpg"))
        #expect(FileManager.default.fileExists(atPath: failed.filepath))
        #expect(try FileSystem.entries(f.layout.spool).isEmpty)
    }

    @Test func unwritableResults_retries_thenFailsAfterMaxAttempts() async throws {
        let f = try PipelineFixture(maxAttempts: 2)
        // A file where the results folder should be: every write there fails, even as root.
        try FileManager.default.removeItem(atPath: f.layout.results)
        FileManager.default.createFile(atPath: f.layout.results, contents: nil)
        let id = try f.enqueue(fixture: "retail-01", filename: "r.png")

        let first = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        let outcome = try await onWorkerThread { f.processor().process(first, reader: try f.reader(), shouldCancel: { false }) }
        guard case .retry = outcome else { Issue.record("no retry: \(outcome)"); return }
        let queued = try #require(try f.store.job(id: id))
        #expect(queued.status == .queued)
        #expect(queued.errorMessage?.contains("results") == true)
        #expect(try f.store.invoice(id: 1) == nil)

        let second = try #require(try f.store.claimNext(holder: testHolder, now: Date().addingTimeInterval(1), lease: 60))
        #expect(second.attempts == 2)
        _ = try await onWorkerThread { f.processor().process(second, reader: try f.reader(), shouldCancel: { false }) }
        #expect(try f.store.job(id: id)?.status == .failed)
    }

    @Test func cancelledAtShutdown_isHandedBackUncounted() async throws {
        let f = try PipelineFixture()
        let id = try f.enqueue(fixture: "vat-twocol-03", filename: "a.png")
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 60))
        let outcome = try await onWorkerThread { f.processor().process(job, reader: try f.reader(), shouldCancel: { true }) }
        #expect(outcome == .handedBack)
        let back = try #require(try f.store.job(id: id))
        #expect(back.status == .queued && back.attempts == 0)
        #expect(FileManager.default.fileExists(atPath: back.filepath))
    }
}

@Suite struct WorkerPoolTests {
    @Test func pool_readsEveryQueuedJob_thenStopsGracefully() async throws {
        let f = try PipelineFixture()
        let names = ["sales-03", "water-04", "telecom-04", "retail-03"]
        for name in names { _ = try f.enqueue(fixture: name, filename: "\(name).png") }
        let pool = WorkerPool(store: f.store, layout: f.layout, settings: f.settings, logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: pool)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            pool.wake()
            let done = try await waitUntil(timeout: 120) { try f.store.statusReader.stats().counts[.done] == names.count }
            #expect(done)
            #expect(pool.aliveWorkers == 2)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(pool.aliveWorkers == 0)
        #expect(try f.store.statusReader.stats().invoices == names.count)
    }
}

@Suite struct ProgressReporterTests {
    @Test func progressNeverGoesBack_butASecondReadingStillRenewsTheLease() throws {
        let f = try PipelineFixture()
        let id = try f.enqueue(fixture: "retail-01", filename: "r.png")
        let job = try #require(try f.store.claimNext(holder: testHolder, now: Date(), lease: 40))
        var reporter = ProgressReporter(store: f.store, job: job, lease: 40, events: nil)
        let start = Date()
        reporter.report(60, now: start)
        #expect(try f.store.job(id: id)?.progress == 60)
        // The page is read again (other languages, or turned): its progress starts over.
        reporter.report(5, now: start.addingTimeInterval(1))
        #expect(try f.store.job(id: id)?.progress == 60)
        let lease = try #require(try f.store.job(id: id)?.leaseExpiresAt)
        #expect(abs(lease.timeIntervalSince(start.addingTimeInterval(40))) < 0.01)
        // Ten seconds on, still below 60: the lease is renewed, the progress stays.
        reporter.report(30, now: start.addingTimeInterval(11))
        let renewed = try #require(try f.store.job(id: id))
        #expect(renewed.progress == 60)
        #expect(abs((renewed.leaseExpiresAt ?? .distantPast).timeIntervalSince(start.addingTimeInterval(51))) < 0.01)
    }
}
