import Foundation
import GRDB
import Glibc
import TestSupport
import Testing

/// Guarantees 4 and 7: bursts (with the kernel's event queue overflowing), a locked database
/// and a full disk; and guarantee 8, memory that stays bounded.
@Suite(.serialized) struct BurstAndTroubleTests {
    @Test func burstOfThousands_withInotifyOverflow_recordsEveryFileOnce() async throws {
        let count = ReliabilityScale.full ? 10_000 : 9_000
        // Stall the reader while the files land: 3 events a file overflow the 16384-event queue.
        let daemon = try DaemonProcess(arguments: ["--workers", "1"], environment: [
            "INVOICED_TEST_INOTIFY_STALL_MS": "45000", "INVOICED_INBOX_SETTLE_MS": "200", "INVOICED_INBOX_RESCAN_INTERVAL": "0",
        ])
        // Waited for without suspending: in the full suite, OCR tests hold Swift's cooperative
        // threads, and a test resumed after an await can start writing only when the stall
        // (which begins once the watches are set) is long over.
        let watching = waitUntilBlocking(timeout: 60) { daemon.log.contains("watching the inbox") }
        #expect(watching, "log:\n\(daemon.log)")
        let start = Date()
        for index in 0..<count {
            // Distinct tiny non-images: they fail at once, so the test is about recording.
            // Plain open/write/close, as a share writes them: Foundation's Data.write fsyncs each
            // file (3 ms apiece on a busy disk here), and the burst must land within the stall.
            let fd = open("\(daemon.inbox)/b\(index).jpg", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw TestFailure("cannot create burst file \(index): errno \(errno)") }
            let bytes = Array("burst file \(index)".utf8)
            _ = write(fd, bytes, bytes.count)
            close(fd)
        }
        let recorded = try await waitUntil(timeout: 600) {
            let total = try await daemon.database().read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ocr_jobs") } ?? 0
            return total >= count
        }
        #expect(recorded)
        let seconds = Date().timeIntervalSince(start)
        #expect(daemon.log.contains("inotify queue overflowed"), "the test must really overflow the queue")
        let (jobs, distinct) = try await daemon.database().read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ocr_jobs") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT filename) FROM ocr_jobs") ?? 0)
        }
        #expect(jobs == count && distinct == count)
        let left = try FileManager.default.contentsOfDirectory(atPath: daemon.inbox)
        #expect(left.isEmpty, "\(left.count) files left in the inbox")
        print("burst: \(count) files recorded in \(String(format: "%.1f", seconds)) s")
        await daemon.stop()
    }

    @Test func lockedDatabase_delaysButLosesNothing() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"], environment: ["INVOICED_JOBS_LEASE": "5s", "INVOICED_INBOX_SETTLE_MS": "100"])
        try await daemon.waitUntilReady()
        // Another process holds the write lock for longer than the daemon's 10 s busy timeout.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            db.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            time.sleep(14)
            db.execute("COMMIT")
            """, "\(daemon.dataDir)/invoiced.sqlite"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData // "locked"
        try dropSmallInvoices(4, into: daemon.inbox, prefix: "locked")
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        let done = try await waitUntil(timeout: 180) { try daemon.statusCounts()["done"] == 4 }
        #expect(done, "counts \((try? daemon.statusCounts()) ?? [:]); log:\n\(daemon.log.suffix(3000))")
        #expect(daemon.log.contains("database is locked"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox).isEmpty)
        await daemon.stop()
    }

    @Test func fullDisk_waitsWithoutFailingJobs_andRecovers() async throws {
        // The log goes through a pipe, as to journald, so it shows what the daemon met while
        // every file it writes is refused.
        let daemon = try DaemonProcess(arguments: ["--workers", "1"], environment: ["INVOICED_INBOX_SETTLE_MS": "100", "INVOICED_JOBS_RETRY_BACKOFF": "1s"],
                                       logThroughPipe: true)
        try await daemon.waitUntilReady()
        let pid = daemon.process.processIdentifier
        // RLIMIT_FSIZE of 1 KB on the running daemon: result JSON and database pages no longer fit.
        #expect(try run("/usr/bin/prlimit", ["--pid", "\(pid)", "--fsize=1024:unlimited"]) == 0)
        let files = try dropSmallInvoices(3, into: daemon.inbox, prefix: "full")
        // The scenario: the disk stays full until the daemon has met it twice with each file,
        // so it has waited and tried again rather than given up.
        let refused = "intake could not finish; it is tried again shortly"
        func refusals(_ file: String) -> Int {
            daemon.log.split(separator: "\n").filter { $0.contains(refused) && $0.contains(file) }.count
        }
        let metTwice = await waitUntil(timeout: 60) { files.allSatisfy { refusals($0) >= 2 } }
        #expect(metTwice, "refusals \(files.map(refusals)); log:\n\(daemon.log.suffix(3000))")
        #expect(daemon.process.isRunning)
        #expect(try daemon.statusCounts()["done"] == nil, "nothing can be finished while nothing can be written")
        #expect(try daemon.statusCounts()["failed"] == nil, "trouble around the daemon must not fail jobs")
        #expect(try run("/usr/bin/prlimit", ["--pid", "\(pid)", "--fsize=unlimited:unlimited"]) == 0)
        let done = try await waitUntil(timeout: 180) { try daemon.statusCounts()["done"] == 3 }
        #expect(done, "counts \((try? daemon.statusCounts()) ?? [:]); log:\n\(daemon.log.suffix(3000))")
        await daemon.stop()
    }

    @Test func memory_staysBoundedOverManyDocuments() async throws {
        let total = ReliabilityScale.full ? 1000 : 240
        let warmUp = total / 10
        let daemon = try DaemonProcess(environment: ["INVOICED_INBOX_SETTLE_MS": "50"])
        try await daemon.waitUntilReady()
        try dropSmallInvoices(warmUp, into: daemon.inbox, prefix: "warm")
        #expect(try await waitUntil(timeout: 600) { try daemon.statusCounts()["done"] == warmUp })
        let afterWarmUp = try residentKB(pid: daemon.process.processIdentifier)
        try dropSmallInvoices(total - warmUp, into: daemon.inbox, prefix: "rest")
        #expect(try await waitUntil(timeout: 1800) { try daemon.statusCounts()["done"] == total })
        let afterAll = try residentKB(pid: daemon.process.processIdentifier)
        let growth = Double(afterAll - afterWarmUp) / Double(afterWarmUp)
        print("memory: RSS \(afterWarmUp) kB after \(warmUp) documents, \(afterAll) kB after \(total) (\(String(format: "%+.1f", growth * 100)) %)")
        #expect(growth <= 0.10, "RSS grew \(String(format: "%.1f", growth * 100)) % from \(afterWarmUp) to \(afterAll) kB")
        await daemon.stop()
    }
}

/// The process's current resident set (VmRSS), in kB.
func residentKB(pid: Int32) throws -> Int {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

/// Runs a command and returns its exit status.
@discardableResult
func run(_ path: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
