import Foundation
import GRDB

/// Figure 1: files to `done` (result JSON and database row) for the daemon against the
/// three scripted tesseract pipelines, in alternating rounds, with the daemon's extraction
/// accuracy beside its speed.
struct ThroughputBench {
    let settings: BenchSettings
    let corpus: [Corpus.Invoice]

    /// Seconds of each run, per contender, and the daemon's accuracy over all its runs.
    struct Result {
        var daemon: [Double] = []
        /// The comparison build's runs, when there is one.
        var daemonBefore: [Double] = []
        /// Runs of this daemon with other settings (`BenchSettings.daemonVariants`, by
        /// index), and their accuracy.
        var daemonVariants: [Int: [Double]] = [:]
        var accuracyVariants: [Int: Accuracy] = [:]
        var pipelines: [TesseractPipeline: [Double]] = [:]
        var accuracy = Accuracy()
    }

    private enum Contender {
        case daemon, daemonBefore
        case daemonVariant(Int)
        case pipeline(TesseractPipeline)
    }

    func run(log: Log) async throws -> Result {
        var result = Result()
        let expectations = try Accuracy.expectations(corpus)
        let images = corpus.map(\.path)
        for round in 0..<settings.runs {
            // The order turns each round, so no contender always runs right after another.
            var contenders: [Contender] = [.daemon, .pipeline(.perFileParallel), .pipeline(.longLivedLists)]
            if settings.compareBinary != nil { contenders.append(.daemonBefore) }
            contenders += settings.daemonVariants.indices.map { .daemonVariant($0) }
            if round < settings.slowRuns { contenders.append(.pipeline(.sequentialDefaultThreads)) }
            contenders = Array(contenders[(round % contenders.count)...] + contenders[..<(round % contenders.count)])
            for contender in contenders {
                switch contender {
                case let .pipeline(pipeline):
                    let folder = "\(settings.workRoot)/pipeline-\(pipeline.rawValue)"
                    let seconds = try await Blocking.run {
                        try pipeline.run(images: images, in: folder, cores: settings.cores, languages: settings.languages)
                    }
                    try? FileManager.default.removeItem(atPath: folder)
                    result.pipelines[pipeline, default: []].append(seconds)
                    log.say("throughput round \(round + 1): pipeline (\(pipeline.rawValue)) \(format(seconds, 2)) s")
                case .daemon:
                    let (seconds, accuracy) = try await daemonRun(binary: settings.binary, round: round, expectations: expectations)
                    result.daemon.append(seconds)
                    result.accuracy.merge(accuracy)
                    log.say("throughput round \(round + 1): daemon \(format(seconds, 2)) s, fields \(accuracy.right)/\(accuracy.total)")
                case let .daemonVariant(index):
                    let variant = settings.daemonVariants[index]
                    let (seconds, accuracy) = try await daemonRun(binary: settings.binary, round: round, expectations: expectations,
                                                                  environment: variant.environment)
                    result.daemonVariants[index, default: []].append(seconds)
                    result.accuracyVariants[index, default: Accuracy()].merge(accuracy)
                    log.say("throughput round \(round + 1): daemon, \(variant.label): \(format(seconds, 2)) s, fields \(accuracy.right)/\(accuracy.total)")
                case .daemonBefore:
                    let (seconds, _) = try await daemonRun(binary: settings.compareBinary!, round: round, expectations: expectations)
                    result.daemonBefore.append(seconds)
                    log.say("throughput round \(round + 1): daemon before \(format(seconds, 2)) s")
                }
            }
        }
        return result
    }

    /// One daemon run on a fresh data folder: timed from the first file dropped (engines
    /// already loaded, as in a running daemon) until every file is `done` with its invoice
    /// row and result JSON.
    private func daemonRun(binary: String, round: Int, expectations: [String: [String: Accuracy.Expected]],
                           environment: [String: String] = [:]) async throws -> (Double, Accuracy) {
        let daemon = try await DaemonUnderTest.fresh("throughput-\(round)", settings: settings, settleMs: 0, binary: binary,
                                                     environment: environment)
        let files = try corpus.map { ($0.filename, Array(try Data(contentsOf: URL(fileURLWithPath: $0.path)))) }
        let count = files.count
        let inbox = daemon.inbox
        let databasePath = daemon.databasePath
        let seconds = try await Blocking.run {
            let started = Date()
            for (name, bytes) in files { try Dropper.renameIn(bytes, to: "\(inbox)/\(name)") }
            try Self.waitForDone(count, databasePath: databasePath, timeout: 600)
            return Date().timeIntervalSince(started)
        }
        let accuracy = try await Blocking.run {
            let db = try DatabaseQueue(path: databasePath, configuration: Self.readOnly)
            defer { try? db.close() }
            return try db.read { db in
                var accuracy = Accuracy()
                try accuracy.add(database: db, expectations: expectations)
                let results = try String.fetchAll(db, sql: "SELECT result_path FROM ocr_jobs WHERE status = 'done'")
                guard results.count == count, results.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else {
                    throw BenchError("expected \(count) result JSON files, found \(results.count)")
                }
                return accuracy
            }
        }
        try await daemon.stopAndRemove()
        return (seconds, accuracy)
    }

    /// How the bench opens the daemon's database: read-only, which in WAL mode never blocks it.
    static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// Polls the database every 5 ms until `count` jobs are `done` with an invoice row.
    /// Blocking. Throws when a job fails: a failed job would make the daemon look fast.
    static func waitForDone(_ count: Int, databasePath: String, timeout: Double) throws {
        let db = try DatabaseQueue(path: databasePath, configuration: readOnly)
        defer { try? db.close() }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let (done, failed) = try db.read { db -> (Int, Int) in
                let done = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM ocr_jobs JOIN invoices ON invoices.job_id = ocr_jobs.id
                    WHERE ocr_jobs.status = 'done'
                    """) ?? 0
                let failed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ocr_jobs WHERE status = 'failed'") ?? 0
                return (done, failed)
            }
            if failed > 0 { throw BenchError("\(failed) job(s) failed; see the daemon's log") }
            if done >= count { return }
            usleep(5_000)
        }
        throw BenchError("not all \(count) jobs done within \(Int(timeout)) s")
    }
}
