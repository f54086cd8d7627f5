import JobStore
import OCR

/// How workers read documents.
public struct PipelineSettings: Sendable {
    /// Worker threads, each with its own Tesseract engine.
    public var workers: Int
    /// Tesseract languages, e.g. `vie+eng`.
    public var languages: String
    /// Read each page with `vie` alone first, and with `languages` only when the text is not
    /// Vietnamese (`DocumentReader`). Applies when `languages` has `vie` and another language.
    public var vietnameseFirst: Bool
    /// Tesseract's data folder; nil for its default.
    public var tessdata: String?
    /// Images larger than this are refused from their header.
    public var maxMegapixels: Double
    /// Pages read from one document at most.
    public var maxPages: Int
    /// Seconds one page may take.
    public var pageTimeout: Double
    /// A claimed job's lease; renewed as OCR progresses.
    public var lease: Double
    /// Seconds running jobs get to finish at shutdown before they are handed back.
    public var shutdownGrace: Double
    /// Retries and their backoff.
    public var retry: RetryPolicy
    /// Test-only (`INVOICED_TEST_HANG_WORKER=1`): the first job claimed blocks its worker
    /// forever, as a worker stuck in a C library would, so that tests can see the systemd
    /// watchdog stop. Never set it in production.
    public var hangOnFirstJobForTesting = false
    /// Test-only (`INVOICED_TEST_ABORT_ON=<file name>`, `INVOICED_TEST_OVERFLOW_ON=<file name>`):
    /// a worker that claims a job for this file aborts the process, or overflows its stack, as
    /// a crash in the OCR libraries would. Never set in production.
    public var crashOnFileForTesting: (filename: String, kind: TestCrash)?

    /// How a test-only crash happens.
    public enum TestCrash: Sendable {
        case abort, stackOverflow
    }
    /// Invoices scored under this (0...1) are marked `needs_review`, as are those with a
    /// failed check (`extraction.review_below`, `ReviewRule`).
    public var reviewBelow = ReviewRule.defaultThreshold
    /// Whether phone photos and poor scans are prepared before OCR (`ocr.prepare`,
    /// `PagePreparation`); clean scans are read as they are either way.
    public var preparation = PagePreparationMode.auto
    /// Whether a doubtful page (low confidence, or no total or date found) is read a second
    /// time, differently, keeping the better reading (`ocr.second_reading`).
    public var secondReading = true
    /// This node's name in the lease holders it writes (`LeaseHolder`): the process by
    /// default; two pools in one process (tests) need two names.
    public var nodeName = LeaseHolder.thisNode
    /// Nice value (0...19) of the worker threads: above 0, OCR yields the cores to the API
    /// and intake threads whenever they wake, and still uses every idle cycle.
    public var workerNice: Int32

    /// The languages of the Vietnamese-first engine (`vie`), when one is used.
    public var vietnameseFirstLanguages: String? {
        vietnameseFirst ? DocumentReader.vietnameseFirstSplit(languages)?.vietnamese : nil
    }

    /// Settings with every value given.
    public init(workers: Int, languages: String, tessdata: String?, maxMegapixels: Double, maxPages: Int,
                pageTimeout: Double, lease: Double, shutdownGrace: Double, retry: RetryPolicy, workerNice: Int32 = 10,
                vietnameseFirst: Bool = true) {
        self.workers = workers
        self.languages = languages
        self.vietnameseFirst = vietnameseFirst
        self.tessdata = tessdata
        self.maxMegapixels = maxMegapixels
        self.maxPages = maxPages
        self.pageTimeout = pageTimeout
        self.lease = lease
        self.shutdownGrace = shutdownGrace
        self.retry = retry
        self.workerNice = workerNice
    }
}
