import Foundation
import GRDB
import TestSupport
import Testing

/// Guarantee 1: a crash at any instant loses nothing and records nothing twice.
@Suite(.serialized) struct CrashRecoveryTests {
    /// The instants between a file operation and the database commit that belongs to it.
    @Test(arguments: ["intake.after_insert", "intake.after_move", "intake.before_duplicate_move",
                      "pipeline.after_result", "pipeline.after_commit", "pipeline.after_fail_commit"])
    func crashAtAnInstant_thenRestart_endsEveryFileExactlyOnce(point: String) async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-crash")
        try FileManager.default.createDirectory(atPath: dir.appending("inbox"), withIntermediateDirectories: true)
        try dropSmallInvoices(6, into: dir.appending("inbox"))
        try Data("not an image at all".utf8).write(to: URL(fileURLWithPath: dir.appending("inbox/broken.jpg")))
        // A duplicate, so the duplicate path has its crash too; it is skipped, not a job to read.
        let first = try FileManager.default.contentsOfDirectory(atPath: dir.appending("inbox")).sorted().first { $0.hasSuffix(".png") }!
        try FileManager.default.copyItem(atPath: dir.appending("inbox/\(first)"), toPath: dir.appending("inbox/copy-of-\(first)"))

        let crashing = try DaemonProcess(dir: dir, environment: ["INVOICED_TEST_CRASH_AT": "\(point):1", "INVOICED_INBOX_SETTLE_MS": "100"])
        let died = await waitUntil(timeout: 120) { !crashing.process.isRunning }
        #expect(died, "the armed crash point \(point) was never reached")
        #expect(crashing.process.terminationStatus == 86)

        let daemon = try await runToCompletion(dir: dir, expectedJobs: 8)
        let state = try FinalState.read(daemon)
        // The duplicate ends as a `duplicate` job with its file archived.
        var adjusted = state
        #expect(state.other == ["duplicate": 1])
        adjusted.other = [:]
        adjusted.jobs -= 1
        adjusted.archived -= 1
        adjusted.expect(good: 6, bad: 1)
    }

    /// A file that crashes the daemon (an abort, or a stack overflow on the worker's thread,
    /// as a fault in the OCR libraries would) is blamed through the crash record: after its
    /// attempts it fails with a reason, and the files around it are read. A SIGKILL in
    /// between blames no one. (Without a signal stack, an overflow left no record.)
    @Test(arguments: [("INVOICED_TEST_ABORT_ON", SIGABRT), ("INVOICED_TEST_OVERFLOW_ON", SIGSEGV)])
    func aFileThatCrashesTheDaemon_failsAfterItsAttempts_othersAreRead(hook: String, signal: Int32) async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-poison")
        try FileManager.default.createDirectory(atPath: dir.appending("inbox"), withIntermediateDirectories: true)
        try dropSmallInvoices(4, into: dir.appending("inbox"))
        let poison = "\(Fixtures.repositoryRoot)/Tests/Fixtures/small/" + (try FileManager.default
            .contentsOfDirectory(atPath: "\(Fixtures.repositoryRoot)/Tests/Fixtures/small").filter { $0.hasSuffix(".png") }.sorted().last!)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: poison))
        bytes.append(contentsOf: Array("poison".utf8))
        try bytes.write(to: URL(fileURLWithPath: dir.appending("inbox/poison.png")))
        var crashes = 0
        for _ in 0..<10 {
            let daemon = try DaemonProcess(dir: dir, environment: [hook: "poison.png", "INVOICED_INBOX_SETTLE_MS": "100"])
            // It aborts when a worker takes poison.png, or, once that has failed, runs on.
            let died = await waitUntil(timeout: 60) {
                guard daemon.process.isRunning else { return true }
                let status = try? await daemon.database().read { db in
                    try String.fetchOne(db, sql: "SELECT status FROM ocr_jobs WHERE filename = 'poison.png'")
                }
                return status == "failed"
            }
            #expect(died)
            if daemon.process.isRunning {
                // Killed hard once more while the rest is read: that must not count against anyone.
                await daemon.stop(signal: SIGKILL)
                break
            }
            #expect(daemon.process.terminationReason == .uncaughtSignal && daemon.process.terminationStatus == signal,
                    "ended by \(daemon.process.terminationStatus); log:\n\(daemon.log.suffix(2000))")
            crashes += 1
        }
        #expect(crashes == 3, "one crash per attempt (jobs.max_attempts 3)")
        let daemon = try await runToCompletion(dir: dir, expectedJobs: 5)
        try FinalState.read(daemon).expect(good: 4, bad: 1)
        let message = try await daemon.database().read { db in
            try String.fetchOne(db, sql: "SELECT error_message FROM ocr_jobs WHERE filename = 'poison.png'")
        }
        #expect(message?.contains("crashed 3 times while reading this file") == true, "\(message ?? "nil")")
    }

    /// Issue 13, item 6: the OOM killer's SIGKILL gives the attempt back, so a file that gets
    /// the daemon killed each time looped forever. Here a worker holds the same file at three
    /// SIGKILLs in a row (the test hook keeps it busy as a decoder blowing up would): it ends
    /// failed, saying why, and the others are read.
    @Test func aFileHeldAtThreeKillsInARow_failsWithTheReason_othersAreRead() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-oom")
        try FileManager.default.createDirectory(atPath: dir.appending("inbox"), withIntermediateDirectories: true)
        try dropSmallInvoices(3, into: dir.appending("inbox"))
        for _ in 1...3 {
            let daemon = try DaemonProcess(dir: dir, environment: ["INVOICED_INBOX_SETTLE_MS": "100", "INVOICED_TEST_HANG_WORKER": "1"])
            // Ready: reconciliation has requeued what the last run held, so a row seen
            // `processing` from here is this run's.
            try await daemon.waitUntilReady()
            let held = await waitUntil(timeout: 60) {
                let holding = try? await daemon.database().read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ocr_jobs WHERE status = 'processing'")
                }
                return (holding ?? 0) > 0
            }
            #expect(held, "no job was taken; log:\n\(daemon.log.suffix(2000))")
            await daemon.stop(signal: SIGKILL)
        }
        let daemon = try await runToCompletion(dir: dir, expectedJobs: 3)
        try FinalState.read(daemon).expect(good: 2, bad: 1)
        let message = try await daemon.database().read { db in
            try String.fetchOne(db, sql: "SELECT error_message FROM ocr_jobs WHERE status = 'failed'")
        }
        #expect(message?.contains("killed 3 times in a row") == true, "\(message ?? "nil")")
    }

    /// SIGKILL at random moments of a burst, restarting each time: every other kill at any
    /// moment from start-up to full speed, the others while a job is being read. The kills
    /// are spread over the burst by how much of it is archived, so they fall all along it
    /// however fast the machine reads (one run here read half of it in 1.5 s), and the last
    /// before its end. The moments come from a seed the test prints;
    /// INVOICED_KILL_SEED=<seed> replays them.
    @Test func randomKillsDuringABurst_thenRestart_endEveryFileExactlyOnce() async throws {
        let files = ReliabilityScale.full ? 200 : 40
        let kills = ReliabilityScale.full ? 25 : 6
        // Kill k comes before `part(k + 1)` originals are archived; one while reading, after
        // `part(k)` are. The last part is short of the whole burst.
        func part(_ k: Int) -> Int { files * (k + 1) / (kills + 2) }
        let seed = ProcessInfo.processInfo.environment["INVOICED_KILL_SEED"].flatMap { UInt64($0) } ?? .random(in: 0...UInt64.max)
        let replay = "seed \(seed); replay with INVOICED_KILL_SEED=\(seed) swift test --filter randomKillsDuringABurst"
        print("crash: random kills, \(replay)")
        let dir = try TemporaryDirectory(prefix: "invoiced-kill")
        try FileManager.default.createDirectory(atPath: dir.appending("inbox"), withIntermediateDirectories: true)
        try dropSmallInvoices(files, into: dir.appending("inbox"))
        for index in 0..<3 {
            try Data("broken \(index)".utf8).write(to: URL(fileURLWithPath: dir.appending("inbox/broken-\(index).jpg")))
        }
        // Originals archived so far (archive/YYYY/MM/): how far along the burst a kill fell.
        let archive = dir.appending("data/archive")
        func archived() -> Int {
            FileManager.default.enumerator(atPath: archive)?.allObjects
                .compactMap { $0 as? String }.filter { $0.split(separator: "/").count == 3 }.count ?? 0
        }
        var generator = SplitMix64(state: seed)
        var archivedAtKills: [Int] = []
        var readsCutShort = 0
        for kill in 0..<kills {
            // Kills this close together hit the same job run after run, which the daemon would
            // rightly blame after max_attempts deaths in a row (an OOM loop, see the Reconciler);
            // this test is about power cuts losing nothing, so the count is set out of reach.
            let daemon = try DaemonProcess(dir: dir, environment: ["INVOICED_INBOX_SETTLE_MS": "100", "INVOICED_JOBS_MAX_ATTEMPTS": "100"])
            if kill.isMultiple(of: 2) {
                // The moment itself is the scenario: anywhere from start-up to full speed.
                let moment = Double(Int.random(in: 150...1500, using: &generator)) / 1000
                _ = await waitUntil(timeout: moment) { archived() >= part(kill + 1) }
            } else {
                // Ready first: reconciliation has requeued what the last run held, so a row
                // seen `processing` from here is this run's.
                try await daemon.waitUntilReady()
                let reading = await waitUntil(timeout: 120) {
                    archived() >= part(kill) && ((try? daemon.statusCounts()["processing"]) ?? 0) > 0
                }
                #expect(reading, "no job read past \(part(kill)) archived within 120 s (\(replay)); log:\n\(daemon.log.suffix(2000))")
                let moment = Double(Int.random(in: 0...500, using: &generator)) / 1000
                _ = await waitUntil(timeout: moment) { archived() >= part(kill + 1) }
            }
            await daemon.stop(signal: SIGKILL)
            // A row left `processing` by a kill after readiness is a read it cut short (before
            // readiness, it may be one the last run left).
            if !kill.isMultiple(of: 2), ((try? daemon.statusCounts()["processing"]) ?? 0) > 0 { readsCutShort += 1 }
            archivedAtKills.append(archived())
        }
        print("crash: \(files) invoices + 3 broken files, \(kills) SIGKILLs (\(readsCutShort) of \(kills / 2) after readiness "
              + "cutting a read short); originals archived at each kill: " + archivedAtKills.map(String.init).joined(separator: " "))
        // Otherwise the kills fell on start-up or an idle daemon, and the run below would prove
        // only that a daemon reads a burst.
        #expect(readsCutShort > 0, "no kill fell while a job was being read (\(replay))")
        #expect(archivedAtKills.last.map { $0 < files } == true, "the burst was read before the last kill (\(replay))")
        let daemon = try await runToCompletion(dir: dir, expectedJobs: files + 3, environment: ["INVOICED_JOBS_MAX_ATTEMPTS": "100"])
        try FinalState.read(daemon).expect(good: files, bad: 3)
    }
}
