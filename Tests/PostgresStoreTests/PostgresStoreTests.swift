import APIWire
import Foundation
import JobStore
import LocalPostgres
import Logging
import PostgresNIO
import PostgresStore
import Synchronization
import TestSupport
import Testing

/// What only the PostgreSQL store has: its address and password, its schema shared by
/// nodes that start together, waking other nodes, and surviving the server's restart.
@Suite struct PostgresStoreTests {
    @Test func anAddress_isRead_andOneWithAPassword_isRefused() throws {
        let tcp = try PostgresLocation(parsing: "postgresql://invoiced@db.example.com:6543/invoices")
        #expect(tcp.endpoint == .tcp(host: "db.example.com", port: 6543) && tcp.user == "invoiced" && tcp.database == "invoices")
        let socket = try PostgresLocation(parsing: "postgres://invoiced@/invoices?host=/run/postgresql")
        #expect(socket.socketPath == "/run/postgresql/.s.PGSQL.5432")
        let refused = #expect(throws: PostgresLocation.Problem.self) {
            try PostgresLocation(parsing: "postgresql://invoiced:s3cret@db:5432/invoices")
        }
        #expect(refused?.description.contains("store_password_file") == true)
        #expect(refused?.description.contains("s3cret") == false)
        for bad in ["sqlite:/var/lib/invoiced/x.sqlite", "postgresql://db:5432/invoices", "postgresql://u@db:5432/",
                    "postgresql://u@/invoices?host=relative", "postgresql://u@db:99999/x"] {
            #expect(throws: PostgresLocation.Problem.self, "\(bad)") { try PostgresLocation(parsing: bad) }
        }
    }

    @Test func thePassword_comesFromItsFile_orThePgpassFile() throws {
        let dir = try TemporaryDirectory()
        let location = try PostgresLocation(parsing: "postgresql://invoiced@db:5432/invoices")
        try "from-file\n".write(toFile: dir.appending("password"), atomically: true, encoding: .utf8)
        #expect(try location.password(file: dir.appending("password"), environment: [:]) == "from-file")
        try "# comment\nother:5432:*:*:wrong\ndb:5432:invoices:invoiced:pa\\:ss\n".write(toFile: dir.appending("pgpass"), atomically: true, encoding: .utf8)
        #expect(try location.password(file: nil, environment: ["PGPASSFILE": dir.appending("pgpass")]) == "pa:ss")
        #expect(try location.password(file: nil, environment: [:]) == nil)
        #expect(throws: PostgresLocation.Problem.self) { try location.password(file: dir.appending("missing"), environment: [:]) }
    }

    /// Over TCP the private server asks for the password: the right one connects, a wrong
    /// one is an error that says so.
    @Test func overTCP_thePasswordIsUsed() throws {
        let (cluster, socketLocation) = try SharedCluster.newDatabase()
        let location = try PostgresLocation(parsing: cluster.tcpAddress(socketLocation.database))
        let queue = try PostgresInvoiceStore(session: PostgresSession(location: location, password: cluster.password, logger: Logger(label: "test")))
        #expect(try queue.claimNext(holder: "n/w0", now: Date(), lease: 60) == nil)
        let wrong = PostgresSession(location: location, password: "wrong", logger: Logger(label: "test"))
        let error = #expect(throws: (any Error).self) { try wrong.run("SELECT 1") }
        #expect(String(reflecting: error).contains("password authentication failed"), "\(String(reflecting: error))")
    }

    /// Nodes starting together migrate once: the others wait on the advisory lock and find
    /// the schema there.
    @Test func nodesStartingTogether_migrateOnce() async throws {
        let (_, location) = try SharedCluster.newDatabase()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try await onOwnThread { try QueueUnderTest.node(location) } } }
            try await group.waitForAll()
        }
        let session = PostgresSession(location: location, password: nil, logger: Logger(label: "test"))
        let versions = try session.run("SELECT count(*) FROM schema_migrations").rows.first?.decode(Int64.self)
        #expect(versions == Int64(PostgresInvoiceStore.schemaVersions) && versions ?? 0 >= 2)
    }

    /// The tables have exactly the columns of the records the SQLite store uses.
    @Test func tables_haveTheRecordsColumns() throws {
        let (_, location) = try SharedCluster.newDatabase()
        let session = PostgresSession(location: location, password: nil, logger: Logger(label: "test"))
        _ = try PostgresInvoiceStore(session: session)
        func columns(_ table: String) throws -> Set<String> {
            Set(try session.run("SELECT column_name::text FROM information_schema.columns WHERE table_name = '\(table)'")
                .rows.map { try $0.decode(String.self) })
        }
        #expect(try columns("ocr_jobs") == Set(Job.CodingKeys.allCases.map(\.stringValue)))
        #expect(try columns("invoices") == Set(Invoice.CodingKeys.allCases.map(\.stringValue)))
        #expect(try columns("invoice_edits") == Set(InvoiceEdit.CodingKeys.allCases.map(\.stringValue)))
        #expect(try columns("supplier_profiles") == Set(SupplierProfile.CodingKeys.allCases.map(\.stringValue)))
    }

    /// Two nodes taking in the same content at the same moment: one job is queued, the
    /// other is its duplicate, never two readings of one document.
    @Test func sameContentOnTwoNodesAtOnce_isQueuedOnce() async throws {
        let q = try QueueUnderTest(.postgresql)
        let other = try QueueUnderTest.node(try #require(q.location))
        for round in 0..<10 {
            let outcomes = try await withThrowingTaskGroup(of: IntakeOutcome.self) { group in
                for queue in [q.queue, other as any JobQueue] {
                    group.addTask { try await onOwnThread { try q.queuedJob("\(round).jpg", sha: "same-\(round)", on: queue).1 } }
                }
                return try await group.reduce(into: [IntakeOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .queued }.count == 1, "round \(round): \(outcomes)")
        }
    }

    /// A job made runnable on one node wakes the listener of another; after the server
    /// restarts, the listener comes back by itself and is woken again. (A server of its own:
    /// the restart would cut the other tests' connections.)
    @Test func aRunnableJob_wakesOtherNodes_alsoAfterTheServerRestarted() async throws {
        let cluster = try LocalPostgresServer()
        try cluster.createDatabase("wakeups")
        let location = try PostgresLocation(parsing: cluster.socketAddress("wakeups"))
        let node = try QueueUnderTest.node(location)
        let dir = try TemporaryDirectory()
        func intake(_ name: String, on queue: any JobQueue) throws {
            let job = Job(id: UUID().uuidString, filepath: dir.appending(name), filename: name, uploader: nil, userId: nil,
                          sourcePath: nil, now: Date())
            try queue.beginIntake(job)
            _ = try queue.finishIntake(id: job.id, sha256: name, sizeBytes: 1, skipDuplicates: true, duplicatePath: "/d", now: Date())
        }
        let wakes = Atomic<Int>(0)
        let wakeups = PostgresJobWakeups(session: PostgresSession(location: location, password: nil, logger: Logger(label: "test")),
                                         retryDelay: .milliseconds(200)) { wakes.add(1, ordering: .relaxed) }
        try await onOwnThread { wakeups.start() }
        defer { wakeups.stop() }
        #expect(await waitUntil(timeout: 10) { wakeups.listenCount == 1 })
        let before = wakes.load(ordering: .relaxed)
        try intake("a.jpg", on: node)
        #expect(await waitUntil(timeout: 10) { wakes.load(ordering: .relaxed) > before })

        try await onOwnThread { try cluster.stop(mode: "fast"); try cluster.start() }
        #expect(await waitUntil(timeout: 20) { wakeups.listenCount == 2 && wakeups.isListening }, "\(cluster.log.suffix(2000))")
        let afterRestart = wakes.load(ordering: .relaxed)
        // The node's own connection was cut too: its first use fails, the next opens a new one.
        _ = try? node.job(id: "none")
        try intake("b.jpg", on: node)
        #expect(await waitUntil(timeout: 10) { wakes.load(ordering: .relaxed) > afterRestart })
    }

    /// A server that dies during a statement (a crash, not a shutdown) ends the statement
    /// with an error, not a wait without end: a worker blocked there would never claim
    /// again. Its next call opens a new connection once the server is back.
    @Test func aServerThatDiesMidStatement_endsItWithAnError_andTheNextCallReconnects() async throws {
        let cluster = try LocalPostgresServer()
        try cluster.createDatabase("crash")
        let location = try PostgresLocation(parsing: cluster.socketAddress("crash"))
        let session = PostgresSession(location: location, password: nil, logger: Logger(label: "test"))
        let queue = try PostgresInvoiceStore(session: session)
        async let sleeping: String = onOwnThread {
            do { try session.run("SELECT pg_sleep(120)"); return "returned" } catch { return "\(String(reflecting: error))" }
        }
        let probe = PostgresSession(location: location, password: nil, logger: Logger(label: "probe"))
        let running = await waitUntil(timeout: 60) {
            let count: Int64? = try? await onOwnThread {
                let rows = try probe.run("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'").rows
                return try rows.first?.decode(Int64.self) ?? 0
            }
            return count == 1
        }
        #expect(running)
        // Timed from the crash, not from the start: under a loaded run, starting the statement
        // and the probe's connections take their time; the statement sleeps 120 s.
        let crashed = ContinuousClock.now
        try await onOwnThread { try cluster.stop(mode: "immediate") }
        let outcome = try await sleeping
        #expect(outcome != "returned")
        #expect(ContinuousClock.now - crashed < .seconds(30), "the statement waited \(ContinuousClock.now - crashed) after the crash")
        try await onOwnThread { try cluster.start() }
        let recovered = try await onOwnThread { () -> Bool in
            _ = try? queue.job(id: "none")
            return try queue.job(id: "none") == nil
        }
        #expect(recovered)
    }

    /// The counts `/api/stats` shows are kept by the server as rows of changes: with three
    /// nodes claiming, finishing, failing and retrying at once they agree with the tables, and
    /// folding the rows (past a thousand, or at a node's start) changes no count.
    @Test func counts_keptByThreeNodesAtOnce_agreeWithTheTables_andSurviveFolding() async throws {
        let q = try QueueUnderTest(.postgresql)
        let location = try #require(q.location)
        let nodes = try (0..<3).map { _ in try QueueUnderTest.node(location) }
        for index in 0..<600 { try q.queuedJob("scan-\(index).jpg", sha: "sha-\(index)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, node) in nodes.enumerated() {
                group.addTask {
                    try await onOwnThread {
                        var turn = 0
                        while let job = try node.claimNext(holder: "n\(index)/w0", now: Date(), lease: 60) {
                            turn += 1
                            switch turn % 4 {
                            case 0: _ = try node.fail(jobId: job.id, holder: "n\(index)/w0", message: "not an image", failedPath: "/f", now: Date())
                            case 1 where job.attempts == 1:
                                _ = try node.scheduleRetry(jobId: job.id, holder: "n\(index)/w0", message: "busy", at: Date(), now: Date())
                            default:
                                var invoice = Invoice(jobId: job.id, filename: job.filename, rawText: "x", createdAt: Date())
                                invoice.confidenceScore = turn.isMultiple(of: 3) ? 0.2 : 0.99
                                invoice.needsReview = turn.isMultiple(of: 3)
                                _ = try node.complete(jobId: job.id, holder: "n\(index)/w0", invoice: invoice, pages: 1,
                                                      resultPath: "/r", archivePath: "/a", now: Date())
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let store = try #require(q.queue as? PostgresInvoiceStore)
        @Sendable func truth() throws -> [String: Int64] {
            var counts: [String: Int64] = [:]
            for row in try store.session.run("SELECT status, count(*) FROM ocr_jobs GROUP BY status").rows {
                let (status, count) = try row.decode((String, Int64).self)
                counts[status] = count
            }
            counts["invoices"] = try store.session.run("SELECT count(*) FROM invoices").rows.first?.decode(Int64.self)
            counts["review"] = try store.session.run("SELECT count(*) FROM invoices WHERE needs_review").rows.first?.decode(Int64.self)
            return counts
        }
        func shown(_ stats: QueueStats) -> [String: Int64] {
            var counts = Dictionary(uniqueKeysWithValues: stats.counts.filter { $0.value > 0 }.map { ($0.key.rawValue, Int64($0.value)) })
            counts["invoices"] = Int64(stats.invoices)
            counts["review"] = Int64(stats.invoicesNeedingReview)
            return counts
        }
        let expected = try await onOwnThread { try truth() }
        #expect(expected["done"] ?? 0 > 300 && expected["failed"] ?? 0 > 100 && expected["review"] ?? 0 > 50, "\(expected)")
        let changes: @Sendable () throws -> Int64 = { try store.session.run("SELECT count(*) FROM store_counts").rows.first?.decode(Int64.self) ?? 0 }
        #expect(try await onOwnThread(changes) > 1_000)
        // The first read counts the rows of changes, then folds them.
        #expect(shown(try await store.stats(now: Date())) == expected)
        #expect(try await onOwnThread(changes) <= 6, "folded to a row per name")
        #expect(shown(try await store.stats(now: Date())) == expected)
        // A node starting folds too, and the counts are the same from it.
        let late = try await onOwnThread { try QueueUnderTest.node(location) }
        #expect(shown(try await late.stats(now: Date())) == expected)
        // A new review threshold changes many invoices in one statement: counted once each.
        let changed = try await onOwnThread { try late.applyReviewThreshold(0.995) }
        let after = try await onOwnThread { try truth() }
        #expect(changed ?? 0 > 0 && after["review"] != expected["review"], "\(after)")
        #expect(shown(try await late.stats(now: Date())) == after)
    }

    /// A node that dies holding a job sends no NOTIFY: the idle workers of the others learn
    /// from `nextRetryTime` when its lease runs out, and wake then to take the job over.
    @Test func theNextLeaseToRunOut_isWhenIdleWorkersWake() throws {
        let q = try QueueUnderTest(.postgresql)
        #expect(try q.queue.nextRetryTime() == nil)
        try q.queuedJob("a.jpg", sha: "a")
        let now = Date()
        _ = try #require(try q.queue.claimNext(holder: "dead:1/w0", now: now, lease: 30))
        #expect(try q.queue.nextRetryTime().map { $0.timeIntervalSince(now).rounded() } == 30)
        // A lease already out is claimable now, not a moment to wake for.
        let (later, _) = try q.queuedJob("b.jpg", sha: "b")
        _ = try #require(try q.queue.claimNext(holder: "dead:1/w1", now: now.addingTimeInterval(-120), lease: 60))
        #expect(try q.queue.job(id: later.id)?.status == .processing)
        #expect(try q.queue.nextRetryTime().map { $0.timeIntervalSince(now).rounded() } == 30)
    }

    /// Each change of a job's status is in its history, written by the server's trigger.
    @Test func theHistory_recordsEveryStatus() throws {
        let q = try QueueUnderTest(.postgresql)
        let queue = try #require(q.queue as? PostgresInvoiceStore)
        let (job, _) = try q.queuedJob("a.jpg", sha: "a")
        _ = try queue.claimNext(holder: "n/w0", now: Date(), lease: 60)
        #expect(try queue.scheduleRetry(jobId: job.id, holder: "n/w0", message: "busy", at: Date(), countsAttempt: false, now: Date()))
        _ = try queue.claimNext(holder: "n/w0", now: Date().addingTimeInterval(1), lease: 60)
        #expect(try queue.fail(jobId: job.id, holder: "n/w0", message: "not an image", failedPath: "/f", now: Date()))
        #expect(try queue.statusHistory(jobId: job.id) == [.processing, .queued, .processing, .failed])
    }
}
