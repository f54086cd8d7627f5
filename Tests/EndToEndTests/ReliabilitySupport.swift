import Foundation
import GRDB
import TestSupport
import Testing

/// How big the long reliability runs are: `make test` runs them reduced, `make reliability`
/// (INVOICED_RELIABILITY=full) at the sizes the guarantees are stated for.
enum ReliabilityScale {
    static var full: Bool { ProcessInfo.processInfo.environment["INVOICED_RELIABILITY"] == "full" }
}

/// Drops `count` distinct small invoice images into `inbox` (round-robin over the small
/// fixtures, each made unique by bytes after its PNG end, which decoders ignore); every
/// fifth goes into a subfolder. Returns the relative paths.
@discardableResult
func dropSmallInvoices(_ count: Int, into inbox: String, prefix: String = "scan") throws -> [String] {
    let folder = "\(Fixtures.repositoryRoot)/Tests/Fixtures/small"
    let sources = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".png") }.sorted()
    var paths: [String] = []
    for index in 0..<count {
        var data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(sources[index % sources.count])"))
        data.append(contentsOf: Array("\(prefix)-\(index)-\(UUID().uuidString)".utf8))
        let relative = index % 5 == 4 ? "scanner-\(index % 3)/\(prefix)-\(index).png" : "\(prefix)-\(index).png"
        let target = "\(inbox)/\(relative)"
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Written beside and renamed in, as a scanner's "scan to folder" does.
        try data.write(to: URL(fileURLWithPath: target + ".part"))
        try FileManager.default.moveItem(atPath: target + ".part", toPath: target)
        paths.append(relative)
    }
    return paths
}

/// Everything the "nothing lost, nothing twice" guarantee says about a finished data folder.
struct FinalState {
    var jobs: Int
    var done: Int
    var failed: Int
    var other: [String: Int]
    var filenamesSeenTwice: [String]
    var invoices: Int
    var invoicesPerJobMax: Int
    var results: Int
    var archived: Int
    var failedFiles: Int
    var spool: [String]
    var inboxFiles: [String]

    /// Reads the folder of a stopped daemon.
    static func read(_ daemon: DaemonProcess) throws -> FinalState {
        let db = try daemon.database()
        let (counts, dupNames, invoices, perJob) = try db.read { db -> ([String: Int], [String], Int, Int) in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM ocr_jobs GROUP BY status") { counts[row["status"]] = row["n"] }
            let dups = try String.fetchAll(db, sql: "SELECT filename FROM ocr_jobs GROUP BY filename, uploader HAVING COUNT(*) > 1")
            let invoices = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") ?? 0
            let perJob = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM invoices GROUP BY job_id)") ?? 0
            return (counts, dups, invoices, perJob)
        }
        let fm = FileManager.default
        func files(_ path: String) -> [String] {
            (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter {
                var isDir: ObjCBool = false
                return fm.fileExists(atPath: "\(path)/\($0)", isDirectory: &isDir) && !isDir.boolValue
            }
        }
        var other = counts
        other["done"] = nil
        other["failed"] = nil
        return FinalState(
            jobs: counts.values.reduce(0, +), done: counts["done"] ?? 0, failed: counts["failed"] ?? 0, other: other,
            filenamesSeenTwice: dupNames, invoices: invoices, invoicesPerJobMax: perJob,
            results: files("\(daemon.dataDir)/results").filter { $0.hasSuffix(".json") }.count,
            archived: files("\(daemon.dataDir)/archive").count, failedFiles: files("\(daemon.dataDir)/failed").count,
            spool: files("\(daemon.dataDir)/spool"), inboxFiles: files(daemon.inbox))
    }

    /// Checks that `good` files ended done and `bad` failed, each exactly once, with every
    /// artefact in its place and nothing left over.
    func expect(good: Int, bad: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(jobs == good + bad, "one job per file", sourceLocation: sourceLocation)
        #expect(done == good, sourceLocation: sourceLocation)
        #expect(failed == bad, sourceLocation: sourceLocation)
        #expect(other.isEmpty, "no job left queued/processing/duplicate: \(other)", sourceLocation: sourceLocation)
        #expect(filenamesSeenTwice.isEmpty, "recorded twice: \(filenamesSeenTwice)", sourceLocation: sourceLocation)
        #expect(invoices == good, sourceLocation: sourceLocation)
        #expect(invoicesPerJobMax <= 1, sourceLocation: sourceLocation)
        #expect(results == good, "one result JSON per done job", sourceLocation: sourceLocation)
        #expect(archived == good, sourceLocation: sourceLocation)
        #expect(failedFiles == bad, sourceLocation: sourceLocation)
        #expect(spool.isEmpty, "spool left with \(spool)", sourceLocation: sourceLocation)
        #expect(inboxFiles.isEmpty, "inbox left with \(inboxFiles)", sourceLocation: sourceLocation)
    }
}

/// Runs a daemon on `dir` until it is ready and every job has ended (nothing queued or
/// processing), then stops it.
func runToCompletion(dir: TemporaryDirectory, expectedJobs: Int, timeout: Double = ReliabilityScale.full ? 900 : 240,
                     environment: [String: String] = [:]) async throws -> DaemonProcess {
    let daemon = try DaemonProcess(dir: dir, environment: ["INVOICED_INBOX_SETTLE_MS": "100"].merging(environment) { $1 })
    // Ready first: reconciliation has run, and the counts are this daemon's. (Counts left
    // complete by the previous run made the test stop the daemon before it had even set
    // its signal handlers.)
    try await daemon.waitUntilReady()
    let finished = try await waitUntil(timeout: timeout) {
        guard let counts = try? daemon.statusCounts() else { return false }
        let ended = (counts["done"] ?? 0) + (counts["failed"] ?? 0) + (counts["duplicate"] ?? 0)
        return ended >= expectedJobs && (counts["queued"] ?? 0) == 0 && (counts["processing"] ?? 0) == 0
    }
    let counts = (try? daemon.statusCounts()) ?? [:]
    #expect(finished, "not finished in \(timeout) s: \(counts); log tail:\n\(daemon.log.suffix(3000))")
    let status = await daemon.stop()
    #expect(status == 0, "stopped with \(status) (\(daemon.process.isRunning ? "still running" : "\(daemon.process.terminationReason)")); log tail:\n\(daemon.log.suffix(3000))")
    return daemon
}
