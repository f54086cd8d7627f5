import APIWire
import Foundation
import InvoiceExtraction
import JobEvents
import JobStore
import LinuxSupport
import Logging
import Metrics
import OCR

/// Reads one claimed job on a worker thread: pages → text → fields → result JSON → one
/// transaction (invoice row + `done`) → original to `archive/`. Failures become a retry or
/// `failed` (file to `failed/`) by the retry policy. Blocking; owns nothing shared.
struct JobProcessor {
    let store: any JobQueue
    let layout: DataLayout
    let settings: PipelineSettings
    let logger: Logger
    let events: JobEventBus?
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// What people wrote for this invoice's seller on earlier invoices (its supplier profile,
    /// taught by corrections), if anything.
    func supplierKnowledge(for invoice: ExtractedInvoice) throws -> SupplierKnowledge? {
        guard let taxCode = invoice.sellerTaxCode, let profile = try store.supplierProfile(taxCode: taxCode) else { return nil }
        return SupplierKnowledge(sellerName: profile.sellerName, invoiceType: profile.invoiceType)
    }

    /// Processes `job` with `reader` (its worker's); `shouldCancel` is polled during recognition.
    /// Each page is declared busy on `heartbeat` for up to its deadlines; progress beats it.
    func process(_ job: Job, reader: DocumentReader, heartbeat: Heartbeat? = nil, shouldCancel: () -> Bool) -> JobOutcome {
        let started = Date()
        logger.info("job processing", metadata: ["job": "\(job.id)", "file": "\(job.filename)", "attempt": "\(job.attempts)"])
        // Every attempt so far ended without a word: each reader died, hung or lost the store,
        // and its lease ran out (on a shared store, node after node). A file that stops every
        // reader fails here, rather than going round the nodes for ever.
        if job.attempts > settings.retry.maxAttempts {
            return failed(job, message: "\(job.attempts - 1) readings of this file ended without finishing (the reader stopped, "
                          + "hung or lost the store, and its lease ran out); it is not tried again: retry it once the cause is known",
                          kind: .permanent)
        }
        do {
            let read = try readDocument(job, reader: reader, heartbeat: heartbeat, shouldCancel: shouldCancel)
            let text = read.pages.map(\.text).joined(separator: "\n\u{0C}\n")
            let confidences = read.pages.compactMap(\.meanConfidence)
            // A text layer or XML is exact: no OCR confidence to lower the score.
            let ocrConfidence = confidences.isEmpty ? nil : Double(confidences.reduce(0, +)) / Double(confidences.count)
            let confidence = ocrConfidence ?? 100
            let extracted = (read.invoice ?? InvoiceExtractor.extract(text: text, ocrConfidence: ocrConfidence)).droppingAmountsOutOfRange()
            let invoice = try supplierKnowledge(for: extracted).map(extracted.applying) ?? extracted
            let duration = Int(Date().timeIntervalSince(started) * 1000)
            let document = ResultDocument(
                jobId: job.id, status: JobStatus.done.rawValue,
                source: .init(filename: job.filename, sha256: job.sha256, sizeBytes: job.sizeBytes, uploader: job.uploader),
                ocr: .init(engine: "tesseract \(TesseractEngine.version)", languages: reader.languages,
                           pages: read.pages.count, meanConfidence: confidence, durationMs: duration, text: text,
                           pageDetails: read.pages.enumerated().map { index, page in
                               .init(page: index + 1, method: page.method.rawValue, rotation: page.rotation,
                                     meanConfidence: page.meanConfidence, languages: page.languages,
                                     preparation: page.preparation, reading: page.reading)
                           }),
                invoice: invoice)
            let resultPath = layout.resultPath(id: job.id)
            try FileSystem.writeAtomically(Array(try encoder.encode(document)), to: resultPath)
            CrashPoint.here("pipeline.after_result")

            let now = Date()
            let archivePath = layout.archivePath(id: job.id, filename: job.filename, date: now)
            let row = InvoiceRow.make(job: job, invoice: invoice, text: text, ocrConfidence: confidence,
                                      checksJSON: String(decoding: try encoder.encode(invoice.checks), as: UTF8.self),
                                      fieldConfidenceJSON: String(decoding: try encoder.encode(invoice.fieldConfidence), as: UTF8.self),
                                      reviewBelow: settings.reviewBelow, now: now)
            guard let invoiceId = try store.complete(jobId: job.id, holder: job.holder, invoice: row, pages: read.pages.count,
                                                     resultPath: resultPath, archivePath: archivePath, now: now) else {
                return leaseLost(job)
            }
            CrashPoint.here("pipeline.after_commit")
            // Done is committed: trouble with the original from here is not a failed read.
            moveOriginal(of: job, to: archivePath, status: .done)
            Metrics.Timer(label: "invoiced_ocr_seconds").recordNanoseconds(Int64(duration) * 1_000_000)
            Counter(label: "invoiced_jobs_finished_total", dimensions: [("status", "done")]).increment()
            events?.publish(.done, jobId: job.id, filename: job.filename, progress: 100, invoiceId: invoiceId)
            logger.info("job done", metadata: ["job": "\(job.id)", "file": "\(job.filename)", "invoice": "\(invoiceId)",
                                               "pages": "\(read.pages.count)", "ms": "\(duration)"])
            return .done(invoiceId: invoiceId)
        } catch let error as OCRError where error == .cancelled {
            try? store.handBack(jobId: job.id, holder: job.holder, now: Date())
            logger.info("job handed back to the queue at shutdown", metadata: ["job": "\(job.id)", "file": "\(job.filename)"])
            return .handedBack
        } catch let error as OCRError {
            return failed(job, message: error.description, kind: error.isTransient ? .transient : .permanent)
        } catch {
            return failed(job, message: "\(error)", kind: EnvironmentTrouble.isEnvironmental(error) ? .environment : .transient)
        }
    }

    /// The extractor's opinion of a reading, for the reader to decide whether a page is
    /// doubtful and which of two readings to keep: whether it has a total and a date, whether
    /// its checks pass (`InvoiceRow.failedChecks`), and its confidence score.
    static func judge(_ text: String) -> ReadingJudgement {
        let invoice = InvoiceExtractor.extract(text: text, ocrConfidence: nil)
        return ReadingJudgement(score: invoice.confidenceScore,
                                fieldsFound: invoice.totalAmount != nil && invoice.invoiceDate != nil,
                                checksPass: InvoiceRow.failedChecks(invoice.checks).isEmpty)
    }

    private struct ReadResult {
        var pages: [ReadPage]
        /// Fields read directly (an e-invoice XML), not extracted from text.
        var invoice: ExtractedInvoice?
    }

    private func readDocument(_ job: Job, reader: DocumentReader, heartbeat: Heartbeat?, shouldCancel: () -> Bool) throws -> ReadResult {
        let head = ((try? FileHandle(forReadingFrom: URL(fileURLWithPath: job.filepath)).read(upToCount: 512)) ?? nil) ?? Data()
        if EInvoiceXML.looksLikeXML(head) {
            // Read one byte past the limit, never the whole file: a 512 MB "<?xml" file is refused
            // after 10 MB of reading, not after allocating all of it.
            let limit = 10 << 20
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: job.filepath))
            defer { try? handle.close() }
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else { throw OCRError.unreadableImage("an XML file over 10 MB is not an e-invoice") }
            do {
                let invoice = try EInvoiceXML.parse(data)
                let text = String(decoding: data, as: UTF8.self)
                return ReadResult(pages: [ReadPage(text: text, method: .xml, meanConfidence: nil, rotation: 0)], invoice: invoice)
            } catch {
                throw OCRError.unreadableImage(error.description)
            }
        }
        var reporter = ProgressReporter(store: store, job: job, lease: settings.lease, events: events)
        // Reading a page calls nothing back while poppler runs, while Leptonica decodes and while
        // Tesseract lays the page out; each of those steps has the page deadline, so a page may
        // be quiet for a few deadlines before the worker counts as stuck.
        let pageBudget = 3 * settings.pageTimeout + 15
        heartbeat?.busy(for: pageBudget)
        defer { heartbeat?.endBusy() }
        let pages = try reader.read(path: job.filepath, progress: { percent in
            heartbeat?.beat()
            reporter.report(percent)
        }, shouldCancel: shouldCancel, pageStarted: { heartbeat?.busy(for: pageBudget) }, judge: Self.judge)
        return ReadResult(pages: pages, invoice: nil)
    }

    /// Moves the job's file from the spool to where its row, already committed as `status`,
    /// says. Nothing here changes the outcome: a file deleted from the spool while it was
    /// read leaves nothing to move (the job keeps what was read, and must not be taken for a
    /// failed attempt and read again), and one that cannot be moved now is placed by
    /// reconciliation at the next start.
    private func moveOriginal(of job: Job, to destination: String, status: JobStatus) {
        do {
            try FileSystem.move(layout.confined(job.filepath), to: layout.confined(destination))
        } catch where error.errno == ENOENT {
            logger.warning("the original was deleted from the spool while it was read; there is nothing to keep",
                           metadata: ["job": "\(job.id)", "file": "\(job.filename)"])
        } catch {
            logger.error("job \(status.rawValue), but its original stays in the spool until the next start moves it",
                         metadata: ["job": "\(job.id)", "file": "\(job.filename)", "error": "\(error)"])
        }
    }

    /// The job's lease ran out while it was read and another worker took it over: the
    /// reading is dropped (the new holder records its own) and the file, now the new
    /// holder's, stays where it is.
    private func leaseLost(_ job: Job) -> JobOutcome {
        logger.warning("job taken over by another worker after this one's lease ran out; this reading is dropped",
                       metadata: ["job": "\(job.id)", "file": "\(job.filename)"])
        Counter(label: "invoiced_leases_lost_total").increment()
        return .leaseLost
    }

    /// The job was finished by another attempt (its lease had run out and another worker
    /// read it): its file and row are that attempt's, and this one leaves them alone.
    private func finishedElsewhere(_ job: Job, message: String) -> JobOutcome {
        logger.warning("job already finished by another attempt; this attempt's error is dropped",
                       metadata: ["job": "\(job.id)", "file": "\(job.filename)", "error": "\(message)"])
        return .failed(message)
    }

    private func failed(_ job: Job, message: String, kind: FailureKind) -> JobOutcome {
        let now = Date()
        do {
            switch settings.retry.decision(afterAttempt: job.attempts, kind: kind, now: now) {
            case let .retry(at, countsAttempt):
                guard try store.scheduleRetry(jobId: job.id, holder: job.holder, message: message, at: at,
                                              countsAttempt: countsAttempt, now: now) else {
                    return finishedElsewhere(job, message: message)
                }
                events?.publish(.retrying, jobId: job.id, filename: job.filename, message: message)
                logger.warning("job will be retried", metadata: ["job": "\(job.id)", "file": "\(job.filename)",
                                                                 "attempt": "\(job.attempts)", "error": "\(message)"])
                return .retry(at: at)
            case .fail:
                let failedPath = layout.failedPath(id: job.id, filename: job.filename)
                guard try store.fail(jobId: job.id, holder: job.holder, message: message, failedPath: failedPath, now: now) else {
                    return finishedElsewhere(job, message: message)
                }
                CrashPoint.here("pipeline.after_fail_commit")
                moveOriginal(of: job, to: failedPath, status: .failed)
                Counter(label: "invoiced_jobs_finished_total", dimensions: [("status", "failed")]).increment()
                events?.publish(.failed, jobId: job.id, filename: job.filename, message: message)
                logger.error("job failed", metadata: ["job": "\(job.id)", "file": "\(job.filename)", "error": "\(message)"])
                return .failed(message)
            }
        } catch {
            // The store itself is failing; the lease expires and the job is claimed again.
            logger.error("cannot record the job's failure", metadata: ["job": "\(job.id)", "error": "\(error)"])
            return .failed(message)
        }
    }
}

/// How one attempt ended.
enum JobOutcome: Equatable {
    case done(invoiceId: Int64)
    case retry(at: Date)
    case failed(String)
    case handedBack
    /// Another worker holds the job now; nothing of this attempt was recorded.
    case leaseLost
}

/// Writes progress to the job row (renewing the lease) and announces it, at most every
/// 5 points or half second. Progress never goes back: a page read a second time (in other
/// languages, or turned upright) reports from 0 again, and only renews the lease.
struct ProgressReporter {
    let store: any JobQueue
    let job: Job
    let lease: Double
    let events: JobEventBus?
    var lastValue = 0
    var lastWrite = Date.distantPast

    init(store: any JobQueue, job: Job, lease: Double, events: JobEventBus?) {
        self.store = store
        self.job = job
        self.lease = lease
        self.events = events
    }

    mutating func report(_ value: Int, now: Date = Date()) {
        let sinceWrite = now.timeIntervalSince(lastWrite)
        let advanced = value >= lastValue + 5 || (value > lastValue && sinceWrite > 0.5)
        guard advanced || sinceWrite > min(10, lease / 4) else { return }
        lastValue = max(lastValue, value)
        lastWrite = now
        try? store.reportProgress(id: job.id, holder: job.holder, progress: min(99, lastValue),
                                  leaseUntil: now.addingTimeInterval(lease), now: now)
        if advanced { events?.publish(.progress, jobId: job.id, filename: job.filename, progress: min(99, lastValue)) }
    }
}

extension Job {
    /// The worker that claimed the job (`claimNext` sets it), as the store's holder-only
    /// transitions want it. A job that reached the pipeline unclaimed has none, and then no
    /// such transition matches its row.
    var holder: String { lockedBy ?? "" }
}
