import ArgumentParser
import Foundation

/// `invoiced-bench` (`make bench`): measures the release daemon against the tesseract
/// pipelines a user could script, and its latencies, memory and scale, and writes the
/// figures into docs/BENCHMARKS.md.
public struct BenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "invoiced-bench",
        abstract: "Benchmark the release invoiced binary; write the figures into docs/BENCHMARKS.md.")

    /// The parts of a run, in the order they run.
    enum Part: String, CaseIterable, ExpressibleByArgument {
        case throughput, latency, status, upload, memory, store, burst, queue, nodes
    }

    @Flag(help: "Reduced sizes (seconds, not minutes), to prove the harness works; figures go to .build/bench/, not the document.")
    var quick = false

    @Option(help: "The daemon binary to measure.")
    var binary = ".build/release/invoiced"

    @Option(help: "An earlier build of invoiced to measure beside it (throughput, status, store): what the changes bought.")
    var compareBinary: String?

    @Option(help: "The checkout's Tests/Fixtures.")
    var fixtures = "Tests/Fixtures"

    @Option(help: "OCR texts that the synthetic store's invoices copy.")
    var ocrTexts = "Tests/InvoiceExtractionTests/Corpus/ocr"

    @Option(help: "The document whose figures section is rewritten after a full run.")
    var doc = "docs/BENCHMARKS.md"

    @Option(help: "Throughput rounds (default 5; 1 with --quick).")
    var runs: Int?

    @Option(help: "Rounds that include the slow pipeline (b) (default 2; 1 with --quick).")
    var slowRuns: Int?

    @Option(help: "Invoices per throughput run (default 24; 4 with --quick).")
    var corpus: Int?

    @Option(help: "Jobs and invoices in the synthetic store (default 1000000; 20000 with --quick).")
    var storeRows: Int?

    @Option(parsing: .upToNextOption, help: "Only these parts (\(Part.allCases.map(\.rawValue).joined(separator: ", "))); the document is then left alone.")
    var only: [Part] = []

    @Flag(help: "Keep the scratch folder (inboxes, data folders, the synthetic store) for a look afterwards.")
    var keepWork = false

    public init() {}

    public func run() async throws {
        let log = Log()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("invoiced-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if !keepWork { try? FileManager.default.removeItem(atPath: work) } }
        let settings = try benchSettings(work: work)
        let report = try await measure(only.isEmpty ? Part.allCases : only, settings: settings, work: work, log: log)
        try write(report.markdown(), log: log)
    }

    /// The options as the parts read them, over the defaults of a full or a `--quick` run;
    /// throws when a binary to measure is not there.
    private func benchSettings(work: String) throws -> BenchSettings {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no daemon binary at \(binary): run `swift build -c release` (make bench does)")
        }
        var settings = BenchSettings(quick: quick, binary: URL(fileURLWithPath: binary).path, fixtures: fixtures,
                                     workRoot: work, cores: Machine.cores)
        if let compareBinary {
            guard FileManager.default.isExecutableFile(atPath: compareBinary) else {
                throw ValidationError("no comparison binary at \(compareBinary)")
            }
            settings.compareBinary = URL(fileURLWithPath: compareBinary).path
        }
        if let runs { settings.runs = runs }
        if let slowRuns { settings.slowRuns = min(slowRuns, settings.runs) }
        if let corpus { settings.corpusCount = corpus }
        if let storeRows { settings.storeRows = storeRows }
        settings.keepWork = keepWork
        return settings
    }

    /// Runs `parts` one after another (never two at once: each measures the machine) and
    /// gathers their figures, with the share of the CPU other processes took during each.
    private func measure(_ parts: [Part], settings: BenchSettings, work: String, log: Log) async throws -> Report {
        let catalogue = Corpus(fixtures: fixtures)
        let invoices = try catalogue.invoices(count: settings.corpusCount)
        let small = try catalogue.smallImages()
        var report = Report(machine: .current(), settings: settings,
                            command: "make bench" + (quick ? " QUICK=1" : "") + (compareBinary == nil ? "" : " BEFORE=…")
                                + (only.isEmpty ? "" : " (only \(parts.map(\.rawValue).joined(separator: " ")))"),
                            commit: Self.commit(), date: Date(), loadAtStart: Machine.loadAverage())
        log.say("invoiced-bench: \(settings.cores) cores, load \(report.loadAtStart.map { format($0, 2) }), parts: \(parts.map(\.rawValue))")

        for part in parts {
            let accounting = CPUAccounting()
            switch part {
            case .throughput:
                report.throughput = try await ThroughputBench(settings: settings, corpus: invoices).run(log: log)
            case .latency:
                report.latency = try await IntakeLatencyBench(settings: settings, smallImages: small).run(settles: [0, 1000], log: log)
            case .status:
                // The default first; then the workers at the API's priority, to show what nice
                // bought; then no OCR at all, the floor.
                let bench = StatusLoadBench(settings: settings, corpus: invoices)
                var results = [try await bench.run(workerNice: 10, log: log), try await bench.run(workerNice: 0, log: log),
                               try await bench.run(workerNice: 10, busy: false, log: log)]
                if settings.compareBinary != nil { results.append(try await bench.run(workerNice: 10, before: true, log: log)) }
                report.status = results
            case .upload:
                report.upload = try await UploadBench(settings: settings, corpus: invoices).run(log: log)
            case .memory:
                let scans = try await Blocking.run { try Corpus.render300dpi(invoices, into: "\(work)/300dpi") }
                report.memory = try await MemoryBench(settings: settings, smallImages: small).run(scans300dpi: scans, log: log)
            case .store:
                let bench = StoreScaleBench(settings: settings, ocrTexts: ocrTexts)
                report.store = try await bench.run(binary: settings.binary, log: log)
                if let before = settings.compareBinary { report.storeBefore = try await bench.run(binary: before, log: log) }
            case .burst:
                report.burst = try await BurstBench(settings: settings, smallImages: small).run(log: log)
            case .queue:
                report.queue = try await QueueBench(settings: settings).run(log: log)
            case .nodes:
                report.nodes = try await NodesBench(settings: settings, corpus: invoices).run(log: log)
            }
            report.othersShare[part.rawValue] = accounting.othersShare(cores: settings.cores)
        }
        return report
    }

    /// Prints the figures and writes them into the document after a full run; a reduced or
    /// partial run's figures are not comparable with a full run's, so they go to .build/bench/.
    private func write(_ figures: String, log: Log) throws {
        print(figures)
        try FileManager.default.createDirectory(atPath: ".build/bench", withIntermediateDirectories: true)
        if quick || !only.isEmpty || runs != nil || corpus != nil || storeRows != nil {
            let path = ".build/bench/figures-\(quick ? "quick" : "partial").md"
            try figures.write(toFile: path, atomically: true, encoding: .utf8)
            log.say("figures written to \(path) (a reduced or partial run leaves \(doc) alone)")
        } else {
            try Report.write(figures, intoDocument: doc)
            log.say("figures written to \(doc)")
        }
    }

    private static func commit() -> String {
        let head = (try? Shell.output("git rev-parse --short HEAD 2>/dev/null"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let dirty = (try? Shell.output("git status --porcelain --untracked-files=no 2>/dev/null"))?.isEmpty == false
        return head.isEmpty ? "unknown" : head + (dirty ? " + uncommitted changes" : "")
    }
}
