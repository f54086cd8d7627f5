import Foundation
import LocalPostgres
import TestSupport
import Testing

/// Issue 17's proof: three real daemons as three nodes of one private PostgreSQL, one of them
/// in a network namespace of the test's own. Files go into node A's inbox and into a shared
/// inbox that nodes B and C poll; meanwhile random nodes are SIGKILLed while they read (each
/// restarted once the others have finished what it held), the server is crashed and started
/// again, and node C's link is cut for 30 s. At the end every file is done exactly once.
/// `make test` runs it reduced; `make reliability` at the stated size (300 files, 10 kills).
@Suite(.serialized) struct SharedStoreReliabilityTests {
    /// How long a claim lasts without renewal: a dead node's jobs wait this long.
    static let lease = 10.0

    @Test func threeNodes_killsAServerCrashAndACutLink_endEveryFileOnce() async throws {
        let files = ReliabilityScale.full ? 300 : 45
        let kills = ReliabilityScale.full ? 10 : 3
        let seed = ProcessInfo.processInfo.environment["INVOICED_KILL_SEED"].flatMap { UInt64($0) } ?? .random(in: 0...UInt64.max)
        let replay = "seed \(seed); replay with INVOICED_KILL_SEED=\(seed) swift test --filter threeNodes_kills"
        print("nodes: three nodes, \(replay)")
        var generator = SplitMix64(state: seed)
        let run = try await SharedRun()

        // Batches before each event, so that each falls on a busy cluster, and one after.
        let events = Array(repeating: ClusterEvent.kill, count: kills) + [.serverCrash, .cutLink]
        let batches = events.count + 1
        var dropped = 0
        func dropBatch(_ index: Int) throws {
            let count = files * (index + 1) / batches - files * index / batches
            let own = count / 3
            try dropSmallInvoices(own, into: run.a.inbox, prefix: "a\(index)")
            try dropSmallInvoices(count - own, into: run.sharedInbox, prefix: "s\(index)")
            dropped += count
        }
        var takeovers: [Double] = []
        for (index, event) in events.shuffled(using: &generator).enumerated() {
            try dropBatch(index)
            switch event {
            case .kill:
                let victim = run.nodes.randomElement(using: &generator)!
                if let took = try await run.kill(victim, replay: replay) { takeovers.append(took) }
            case .serverCrash:
                try await run.crashServer()
            case .cutLink:
                if let took = try await run.cutNodeC(for: 30, replay: replay) { takeovers.append(took) }
            }
        }
        try dropBatch(batches - 1)
        #expect(dropped == files)
        // Kills and the cut fall as soon as the node is seen reading; a short read may end first.
        #expect(takeovers.count >= 2, "only \(takeovers.count) kills or cuts fell while a job was being read (\(replay))")
        try await run.expectEveryFileDoneOnce(files, replay: replay)
        print("nodes: \(files) files over 3 nodes, \(kills) SIGKILLs, a server crash, node C cut off 30 s; "
              + "\(takeovers.count) of these fell on a read, whose jobs the others finished in (s): "
              + takeovers.map { String(format: "%.1f", $0) }.joined(separator: " "))
        try await run.stop()
    }

    enum ClusterEvent { case kill, serverCrash, cutLink }
}

/// One node: its own folder (inbox, socket, logs), kept across its restarts.
final class ClusterNode {
    let name: String
    let own: TemporaryDirectory
    private let arguments: [String]
    private let environment: [String: String]
    private let launcher: [String]
    private let dataDir: String
    private(set) var process: DaemonProcess?
    var inbox: String { own.appending("inbox") }

    init(_ name: String, dataDir: String, arguments: [String], environment: [String: String], launcher: [String] = []) throws {
        self.name = name
        own = try TemporaryDirectory(prefix: "invoiced-\(name)")
        try FileManager.default.createDirectory(atPath: own.appending("inbox"), withIntermediateDirectories: true)
        self.dataDir = dataDir
        self.arguments = arguments + ["--socket", own.appending("invoiced.sock")]
        self.environment = environment.merging(["INVOICED_NODE_NAME": name]) { $1 }
        self.launcher = launcher
    }

    func start() async throws {
        let daemon = try DaemonProcess(dir: own, arguments: arguments, environment: environment, dataDir: dataDir,
                                       socket: own.appending("invoiced.sock"), launcher: launcher)
        process = daemon
        try await daemon.waitUntilReady()
    }

    /// What this node has logged, every run of it.
    var logs: String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: own.path).filter { $0.hasPrefix("daemon-") }) ?? []
        return names.compactMap { try? String(contentsOfFile: own.appending($0), encoding: .utf8) }.joined(separator: "\n")
    }
}

/// The private server, the namespace, the shared data folder and inbox, and nodes A, B
/// (this host) and C (in the namespace, reaching the server over the namespace's link).
final class SharedRun {
    let dir: TemporaryDirectory
    let namespace: NetworkNamespace
    let cluster: LocalPostgresServer
    let a: ClusterNode, b: ClusterNode, c: ClusterNode
    var nodes: [ClusterNode] { [a, b, c] }
    var sharedInbox: String { dir.appending("shared-inbox") }
    static let database = "invoices"

    init() async throws {
        dir = try TemporaryDirectory(prefix: "invoiced-nodes")
        let namespace = try NetworkNamespace()
        self.namespace = namespace
        let (listen, clients) = (namespace.hostAddress, namespace.clients)
        cluster = try await onOwnThread {
            let cluster = try LocalPostgresServer(network: (listen: listen, clients: clients))
            try cluster.createDatabase(SharedRun.database)
            return cluster
        }
        try FileManager.default.createDirectory(atPath: dir.appending("shared-inbox"), withIntermediateDirectories: true)
        try "\(cluster.password)\n".write(toFile: dir.appending("pg-password"), atomically: true, encoding: .utf8)
        let common = ["INVOICED_STORE_PASSWORD_FILE": dir.appending("pg-password"), "INVOICED_JOBS_LEASE": "\(Int(SharedStoreReliabilityTests.lease))s",
                      "INVOICED_INBOX_SETTLE_MS": "200",
                      // Kills this close together may hit one job again and again, which the
                      // daemon rightly blames after max_attempts; here that is out of reach.
                      "INVOICED_JOBS_MAX_ATTEMPTS": "100"]
        let polling = common.merging(["INVOICED_INBOX_POLL_INTERVAL": "1"]) { $1 }
        let data = dir.appending("data")
        let local = ["--workers", "1", "--store", cluster.tcpAddress(Self.database)]
        a = try ClusterNode("node-a", dataDir: data, arguments: local, environment: common)
        b = try ClusterNode("node-b", dataDir: data, arguments: local + ["--inbox", dir.appending("shared-inbox")], environment: polling)
        c = try ClusterNode("node-c", dataDir: data,
                            arguments: ["--workers", "1", "--store", cluster.tcpAddress(Self.database, host: namespace.hostAddress),
                                        "--inbox", dir.appending("shared-inbox")],
                            environment: polling, launcher: namespace.launcher)
        for node in nodes { try await node.start() }
    }

    /// Rows of `sql` on the shared store, read by the test itself.
    func rows(_ sql: String) async throws -> [String] {
        let cluster = cluster
        return try await onOwnThread { try cluster.psql(sql, database: SharedRun.database) }
            .split(separator: "\n").map(String.init)
    }

    /// Jobs `node` is reading now (its lease).
    func jobsHeld(by node: ClusterNode) async throws -> [String] {
        try await rows("SELECT id FROM ocr_jobs WHERE status = 'processing' AND locked_by LIKE '\(node.name):%'")
    }

    /// Waits until every job of `ids` is done; how long that took, or nil past `timeout`.
    func timeUntilDone(_ ids: [String], timeout: Double) async throws -> Double? {
        let started = ContinuousClock.now
        guard !ids.isEmpty else { return 0 }
        let list = ids.map { "'\($0)'" }.joined(separator: ",")
        let done = try await waitUntil(timeout: timeout) {
            try await self.rows("SELECT count(*) FROM ocr_jobs WHERE id IN (\(list)) AND status = 'done'") == ["\(ids.count)"]
        }
        return done ? (ContinuousClock.now - started) / .seconds(1) : nil
    }

    /// Waits until `node` is reading a job. Every few seconds it is not, one more file goes
    /// into the shared inbox (named `extra-…`), so that a node the others outran gets one.
    func waitUntilReading(_ node: ClusterNode) async throws -> Bool {
        try await waitUntil(timeout: 120) {
            if try await waitUntil(timeout: 4, { try await !self.jobsHeld(by: node).isEmpty }) { return true }
            try dropSmallInvoices(1, into: self.sharedInbox, prefix: "extra-\(UUID().uuidString.prefix(6))")
            return false
        }
    }

    /// SIGKILLs `node` as soon as it is seen reading, waits for the others to finish what it
    /// held (within lease + 10 s), and starts it again. Returns that wait, nil when the kill
    /// fell between two jobs.
    func kill(_ node: ClusterNode, replay: String) async throws -> Double? {
        let reading = try await waitUntilReading(node)
        #expect(reading, "\(node.name) read nothing within 120 s (\(replay))")
        let process = try #require(node.process)
        #expect(await process.stop(signal: SIGKILL) == SIGKILL)
        let held = try await jobsHeld(by: node)
        guard !held.isEmpty else {
            try await node.start()
            return nil
        }
        let took = try await timeUntilDone(held, timeout: SharedStoreReliabilityTests.lease + 10)
        #expect(took != nil, "\(node.name)'s jobs \(held) not finished by the others within lease + 10 s (\(replay)); logs:\n\(allLogs)")
        try await node.start()
        return took ?? -1
    }

    /// Stops the server as a crash does (no shutdown: connections cut mid-statement) and
    /// starts it again.
    func crashServer() async throws {
        let cluster = cluster
        try await onOwnThread {
            try cluster.stop(mode: "immediate")
            try cluster.start()
        }
    }

    /// Cuts node C's link for `seconds` once it is reading: what it held is finished by the
    /// others within lease + 10 s, and once the link is back it reads again. Returns that wait
    /// (nil when its read ended before the cut).
    func cutNodeC(for seconds: Double, replay: String) async throws -> Double? {
        let reading = try await waitUntilReading(c)
        #expect(reading, "node C read nothing within 120 s (\(replay))")
        let cutAt = ContinuousClock.now
        try namespace.cut()
        let held = try await jobsHeld(by: c)
        let took = try await timeUntilDone(held, timeout: SharedStoreReliabilityTests.lease + 10)
        #expect(took != nil, "node C's jobs \(held) not finished by the others within lease + 10 s (\(replay)); logs:\n\(c.logs.suffix(4000))")
        try await Task.sleep(until: cutAt + .seconds(seconds))
        try namespace.restore()
        let process = try #require(c.process)
        let logged = process.log.count
        // Back on the link, node C takes work again: its next finished job says so.
        let readsAgain = try await waitUntil(timeout: 120) {
            try dropSmallInvoices(1, into: self.sharedInbox, prefix: "extra-\(UUID().uuidString.prefix(6))")
            return await waitUntil(timeout: 3) { process.log.dropFirst(logged).contains("job done") }
        }
        #expect(readsAgain, "node C did not read again after its link came back (\(replay)); log:\n\(process.log.suffix(4000))")
        return held.isEmpty ? nil : took ?? -1
    }

    /// The end state: every file dropped is one done job with one invoice, archived once; no
    /// inbox, spool or queue holds anything.
    func expectEveryFileDoneOnce(_ files: Int, replay: String) async throws {
        let extra = try await rows("SELECT count(*) FROM ocr_jobs WHERE filename LIKE 'extra-%'").first.flatMap { Int($0) } ?? 0
        let expected = files + extra
        let settled = try await waitUntil(timeout: ReliabilityScale.full ? 900 : 300) {
            try await self.rows("SELECT count(*) FROM ocr_jobs WHERE status = 'done'") == ["\(expected)"]
        }
        let counts = try await rows("SELECT status || '=' || count(*) FROM ocr_jobs GROUP BY status ORDER BY status")
        #expect(settled, "jobs by status: \(counts), expected \(expected) done (\(replay)); logs:\n\(allLogs)")
        #expect(counts == ["done=\(expected)"], "nothing failed, stranded or taken twice: \(counts) (\(replay))")
        #expect(try await rows("SELECT filename FROM ocr_jobs GROUP BY filename HAVING count(*) > 1").isEmpty)
        #expect(try await rows("SELECT count(*) FROM invoices") == ["\(expected)"])
        #expect(try await rows("SELECT count(*) FROM invoices GROUP BY job_id HAVING count(*) > 1").isEmpty, "no invoice twice")
        let fm = FileManager.default
        for inbox in [a.inbox, b.inbox, c.inbox, sharedInbox] {
            let left = (fm.enumerator(atPath: inbox)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".png") }
            #expect(left.isEmpty, "\(inbox) still holds \(left)")
        }
        let spool = (try? fm.contentsOfDirectory(atPath: dir.appending("data/spool"))) ?? []
        #expect(spool.isEmpty, "spool still holds \(spool)")
        let archived = (fm.enumerator(atPath: dir.appending("data/archive"))?.allObjects as? [String] ?? [])
            .filter { $0.split(separator: "/").count == 3 }
        #expect(archived.count == expected, "originals archived: \(archived.count) of \(expected)")
    }

    /// The end of each node's log, for a failure's message.
    var allLogs: String { nodes.map { "\($0.name):\n\($0.logs.suffix(3000))" }.joined(separator: "\n") }

    func stop() async throws {
        for node in nodes { #expect(await node.process?.stop() == 0, "\(node.name) did not stop cleanly") }
    }
}
