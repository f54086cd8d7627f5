import Foundation
import LocalPostgres

/// Figure 9: nodes of one PostgreSQL store (docs/SCALING.md), on a private server of the
/// bench's own. Two nodes with a worker each against one node with two workers, in
/// alternating rounds on the throughput corpus (what the queue costs across processes); and
/// how soon an idle worker claims a job once it becomes runnable, in a running daemon.
struct NodesBench {
    let settings: BenchSettings
    let corpus: [Corpus.Invoice]

    struct Result {
        var oneNodeTwoWorkers: [Double] = []
        var twoNodesOneWorker: [Double] = []
        /// Milliseconds from a job becoming runnable (its intake's update) to a worker's
        /// claim updating it, both stamped by the server's clock.
        var runnableToClaimed = Samples()
        var claimFiles = 0
    }

    private enum Shape: String { case oneNodeTwoWorkers = "1x2", twoNodesOneWorker = "2x1" }

    func run(log: Log) async throws -> Result {
        let server = try await Blocking.run { try LocalPostgresServer() }
        let root = "\(settings.workRoot)/nodes"
        defer { if !settings.keepWork { try? FileManager.default.removeItem(atPath: root) } }
        var result = Result()
        let files = try corpus.map { ($0.filename, try Array(Data(contentsOf: URL(fileURLWithPath: $0.path)))) }
        for round in 0..<settings.runs {
            // The order turns each round, so neither shape always runs first.
            let shapes: [Shape] = round.isMultiple(of: 2) ? [.oneNodeTwoWorkers, .twoNodesOneWorker] : [.twoNodesOneWorker, .oneNodeTwoWorkers]
            for shape in shapes {
                let nodes = try await start(shape == .oneNodeTwoWorkers ? [2] : [1, 1], server: server,
                                            database: "throughput_\(round)_\(shape == .oneNodeTwoWorkers ? "one" : "two")",
                                            root: "\(root)/\(round)-\(shape.rawValue)")
                let seconds = try await readAll(files, on: nodes)
                for node in nodes { try await node.stop() }
                switch shape {
                case .oneNodeTwoWorkers: result.oneNodeTwoWorkers.append(seconds)
                case .twoNodesOneWorker: result.twoNodesOneWorker.append(seconds)
                }
                log.say("nodes round \(round + 1): \(shape == .oneNodeTwoWorkers ? "1 node x 2 workers" : "2 nodes x 1 worker") \(format(seconds, 2)) s")
            }
        }
        result.claimFiles = settings.quick ? 5 : 60
        result.runnableToClaimed = try await claimLatency(files: result.claimFiles, server: server, root: "\(root)/claims")
        log.say("nodes: runnable to claimed p50 \(format(result.runnableToClaimed.median ?? 0, 2)) ms, "
            + "p99 \(format(result.runnableToClaimed.percentile(99) ?? 0, 2)) ms")
        withExtendedLifetime(server) {}
        return result
    }

    /// Nodes with `workers[i]` workers each on a new database of `server`, one data folder
    /// under `root` between them, each with its own inbox and socket; started one after another.
    private func start(_ workers: [Int], server: LocalPostgresServer, database: String, root: String) async throws -> [DaemonUnderTest] {
        try? FileManager.default.removeItem(atPath: root)
        try await Blocking.run { try server.createDatabase(database) }
        var nodes: [DaemonUnderTest] = []
        for (index, count) in workers.enumerated() {
            let node = try DaemonUnderTest(binary: settings.binary, root: "\(root)/node-\(index)", workers: count, settleMs: 0,
                                           environment: ["INVOICED_STORE": server.socketAddress(database), "INVOICED_NODE_NAME": "bench-\(index)"],
                                           dataDir: "\(root)/data")
            try await node.waitUntilReady()
            nodes.append(node)
        }
        return nodes
    }

    /// Drops `files` across the nodes' inboxes (as scanners each with a node of their own
    /// would) and waits until all are done; the seconds from the first drop.
    private func readAll(_ files: [(String, [UInt8])], on nodes: [DaemonUnderTest]) async throws -> Double {
        let inboxes = nodes.map(\.inbox)
        let started = Monotonic.seconds()
        try await Blocking.run {
            for (index, (name, bytes)) in files.enumerated() { try Dropper.renameIn(bytes, to: "\(inboxes[index % inboxes.count])/\(name)") }
        }
        try await waitForDone(files.count, asking: nodes[0], timeout: 600)
        return Monotonic.seconds() - started
    }

    /// Polls `/api/stats` of `node` (every node answers for all) until `count` jobs are done.
    /// Throws when one fails: a failed job would make the run look fast.
    private func waitForDone(_ count: Int, asking node: DaemonUnderTest, timeout: Double) async throws {
        let client = APIClient(socket: node.socket)
        let deadline = Monotonic.seconds() + timeout
        while Monotonic.seconds() < deadline {
            let stats = try await client.get("/api/stats").object
            if let failed = stats["failed"] as? Int, failed > 0 { throw BenchError("\(failed) jobs failed on the nodes:\n\(node.logTail)") }
            if (stats["done"] as? Int ?? 0) >= count { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BenchError("the nodes did not read \(count) files in \(Int(timeout)) s:\n\(node.logTail)")
    }

    /// Two idle nodes of a worker each; small files dropped one at a time, each once the last
    /// is done, so that a worker is always waiting. A trigger of the bench's own stamps each
    /// job's two moments with the server's clock (`clock_timestamp()`, inside each update).
    private func claimLatency(files: Int, server: LocalPostgresServer, root: String) async throws -> Samples {
        let nodes = try await start([1, 1], server: server, database: "claims", root: root)
        _ = try await Blocking.run { try server.psql(Self.momentsTrigger, database: "claims") }
        let images = try Corpus(fixtures: settings.fixtures).smallImages()
        for index in 0..<files {
            let inbox = nodes[index % nodes.count].inbox
            try Dropper.renameIn(Corpus.unique(images[index % images.count], tag: "claim-\(index)-\(UUID())"), to: "\(inbox)/claim-\(index).png")
            try await waitForDone(index + 1, asking: nodes[0], timeout: 120)
        }
        for node in nodes { try await node.stop() }
        let lines = try await Blocking.run {
            try server.psql("""
                SELECT extract(epoch FROM c.at - r.at) * 1000 FROM bench_moments r JOIN bench_moments c USING (job_id)
                WHERE r.what = 'runnable' AND c.what = 'claimed'
                """, database: "claims")
        }
        let samples = Samples(lines.split(separator: "\n").compactMap { Double($0) })
        guard samples.count == files else { throw BenchError("expected \(files) claims stamped, found \(samples.count)") }
        return samples
    }

    static let momentsTrigger = """
        CREATE TABLE bench_moments (job_id text, what text, at timestamptz);
        CREATE FUNCTION bench_moment() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.intake_pending AND NOT NEW.intake_pending AND NEW.status = 'queued' THEN
                INSERT INTO bench_moments VALUES (NEW.id, 'runnable', clock_timestamp());
            END IF;
            IF OLD.status <> 'processing' AND NEW.status = 'processing' THEN
                INSERT INTO bench_moments VALUES (NEW.id, 'claimed', clock_timestamp());
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER bench_moment AFTER UPDATE ON ocr_jobs FOR EACH ROW EXECUTE FUNCTION bench_moment();
        """
}
