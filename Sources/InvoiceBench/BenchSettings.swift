import Foundation

/// Sizes and paths of one benchmark run. `quick` (make bench QUICK=1) shrinks every figure
/// to seconds, to prove the harness works in CI; its figures are not the documented ones.
public struct BenchSettings: Sendable {
    /// The reduced run.
    public var quick: Bool
    /// The release `invoiced` binary.
    public var binary: String
    /// An earlier build of `invoiced` measured beside it (throughput, status, store), to show
    /// what the changes between the two bought; nil: none.
    public var compareBinary: String?
    /// `Tests/Fixtures` of the checkout.
    public var fixtures: String
    /// A scratch folder for inboxes, data folders and rendered images; removed at the end.
    public var workRoot: String
    /// Cores, and so the daemon's workers and the pipelines' parallelism.
    public var cores: Int
    /// Leave the synthetic store in `workRoot` (which is then kept) for a look afterwards.
    public var keepWork = false
    /// Tesseract languages of the pipelines (and the daemon's default `ocr.languages`).
    public var languages = "vie+eng"
    /// Other settings the daemon is also timed with in the throughput rounds, each with its
    /// accuracy: what a default bought, or what an alternative would.
    public var daemonVariants: [DaemonVariant] = [
        DaemonVariant(label: "`ocr.vietnamese_first: false` (every page read with `vie+eng`)",
                      environment: ["INVOICED_OCR_VIETNAMESE_FIRST": "false"]),
    ]

    /// Rendered invoices per throughput run.
    public var corpusCount: Int
    /// Rounds of the throughput comparison.
    public var runs: Int
    /// Rounds that include the slow pipeline (b).
    public var slowRuns: Int
    /// Files per drop-to-queued latency measurement (each settle setting).
    public var latencyFiles: Int
    /// Seconds of steady status load.
    public var statusSeconds: Double
    /// Requests per second of status load.
    public var statusRate = 500.0
    /// Uploads timed.
    public var uploads: Int
    /// Bytes of each upload.
    public var uploadBytes = 500 * 1024
    /// Documents read before the first memory reading, and in all.
    public var memoryWarmUp: Int
    public var memoryDocuments: Int
    /// Jobs and invoices in the synthetic store.
    public var storeRows: Int
    /// Requests timed per store query.
    public var storeRequests: Int
    /// Files in the burst.
    public var burstFiles: Int

    /// The full (`quick == false`) or reduced sizes.
    public init(quick: Bool, binary: String, fixtures: String, workRoot: String, cores: Int) {
        self.quick = quick
        self.binary = binary
        self.fixtures = fixtures
        self.workRoot = workRoot
        self.cores = cores
        corpusCount = quick ? 4 : 24
        runs = quick ? 1 : 5
        slowRuns = quick ? 1 : 2
        latencyFiles = quick ? 10 : 200
        statusSeconds = quick ? 2 : 15
        uploads = quick ? 20 : 300
        memoryWarmUp = quick ? 20 : 100
        memoryDocuments = quick ? 60 : 1000
        storeRows = quick ? 20_000 : 1_000_000
        storeRequests = quick ? 30 : 500
        burstFiles = quick ? 300 : 10_000
    }
}

/// The daemon run with other settings (`INVOICED_*` variables), labelled for the table.
public struct DaemonVariant: Sendable {
    public var label: String
    public var environment: [String: String]
}

/// Progress lines on stderr while the run goes (the figures go to the document).
public struct Log: Sendable {
    private let started = Date()

    /// A log whose lines show seconds since now.
    public init() {}

    /// Prints `message` with the elapsed time.
    public func say(_ message: String) {
        let line = "[\(format(Date().timeIntervalSince(started), 1)) s] \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// `value` with `digits` decimals.
func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
