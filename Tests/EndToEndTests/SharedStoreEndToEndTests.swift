import AsyncHTTPClient
import Foundation
import LocalPostgres
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// Two real daemons as two nodes of one PostgreSQL store (a private server of the test's
/// own, over TCP with a password file), one data folder between them, as docs/SCALING.md
/// deploys them.
@Suite(.serialized) struct SharedStoreEndToEndTests {
    /// A private server with an empty database, and the password in a file of `dir`.
    private static func cluster(in dir: TemporaryDirectory) async throws -> (LocalPostgresServer, String) {
        let cluster = try await onOwnThread { () throws -> LocalPostgresServer in
            let cluster = try LocalPostgresServer()
            try cluster.createDatabase("invoices")
            return cluster
        }
        try "\(cluster.password)\n".write(toFile: dir.appending("pg-password"), atomically: true, encoding: .utf8)
        return (cluster, dir.appending("pg-password"))
    }

    /// Node `name` on the shared store, with its own inbox and socket and the shared data folder.
    private static func node(_ name: String, dir: TemporaryDirectory, store: String, passwordFile: String, inbox: String? = nil,
                             environment: [String: String] = [:]) throws -> DaemonProcess {
        let own = try TemporaryDirectory(prefix: "invoiced-\(name)")
        try FileManager.default.createDirectory(atPath: own.appending("inbox"), withIntermediateDirectories: true)
        var arguments = ["--workers", "1", "--store", store, "--socket", own.appending("invoiced.sock")]
        if let inbox { arguments += ["--inbox", inbox] }
        var env = ["INVOICED_NODE_NAME": name, "INVOICED_STORE_PASSWORD_FILE": passwordFile]
        env.merge(environment) { $1 }
        return try DaemonProcess(dir: own, arguments: arguments, environment: env, dataDir: dir.appending("data"),
                                 socket: own.appending("invoiced.sock"))
    }

    @Test func twoNodes_readEachOthersFiles_andAnswerForAllOfThem() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-shared")
        let (cluster, passwordFile) = try await Self.cluster(in: dir)
        let store = cluster.tcpAddress("invoices")
        let a = try Self.node("node-a", dir: dir, store: store, passwordFile: passwordFile)
        let b = try Self.node("node-b", dir: dir, store: store, passwordFile: passwordFile)
        try await a.waitUntilReady()
        try await b.waitUntilReady()

        // Node A's live events, while node B takes files in: B's jobs must show on A.
        var request = HTTPClientRequest(url: URL(httpURLWithSocketPath: a.socket, uri: "/api/events")!.absoluteString)
        request.headers.add(name: "Accept", value: "text/event-stream")
        let stream = try await HTTPClient.shared.execute(request, timeout: .seconds(180))

        try FileManager.default.copyItem(atPath: Fixtures.invoice("electricity-01"), toPath: "\(b.inbox)/dien.png")
        try FileManager.default.copyItem(atPath: Fixtures.invoice("water-04"), toPath: "\(b.inbox)/nuoc.png")
        try FileManager.default.copyItem(atPath: Fixtures.invoice("electricity-03"), toPath: "\(a.inbox)/dien-3.png")

        var buffered = ""
        for try await chunk in stream.body {
            buffered += String(buffer: chunk)
            if buffered.components(separatedBy: "event: job.done").count > 3 { break }
        }
        #expect(buffered.contains("\"filename\":\"dien.png\""), "A's stream shows B's job: \(buffered)")
        #expect(buffered.contains("\"filename\":\"dien-3.png\""))

        // Either node answers for every job and invoice.
        for node in [a, b] {
            let stats = try await node.getJSON("/api/stats")
            #expect(stats["done"] as? Int == 3, "\(stats)")
            #expect(stats["invoices"] as? Int == 3, "\(stats)")
            let jobs = try await node.getJSON("/api/ocr/jobs?limit=2")
            #expect((jobs["items"] as? [Any])?.count == 2)
            let next = try #require(jobs["next_cursor"] as? String)
            let rest = try await node.getJSON("/api/ocr/jobs?cursor=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect((rest["items"] as? [Any])?.count == 1)
            // Diacritics and đ folded: "dien luc" finds ĐIỆN LỰC, read by either node.
            let found = try await node.getJSON("/api/search?q=dien%20luc")
            let hits = (found["items"] as? [[String: Any]]) ?? []
            #expect(hits.count == 2, "\(found)")
            #expect(hits.allSatisfy { ($0["snippet"] as? String)?.contains("<mark>") == true })
        }
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Fixtures.invoices)/electricity-01.json"))) as! [String: Any]
        let list = try await a.getJSON("/api/invoices/list?seller=dien%20luc%20gia%20dinh")
        let invoice = try #require((list["items"] as? [[String: Any]])?.first)
        #expect(invoice["total_amount"] as? Double == expected["total_amount"] as? Double)

        // Each node keeps its own crash record in the shared data folder.
        #expect(FileManager.default.fileExists(atPath: dir.appending("data/crash-record.node-a")))
        #expect(FileManager.default.fileExists(atPath: dir.appending("data/crash-record.node-b")))
        #expect(await a.stop() == 0, "log:\n\(a.log)")
        #expect(await b.stop() == 0, "log:\n\(b.log)")
        withExtendedLifetime(cluster) {}
    }

    /// While the store's server is down, the API says so (503, when to try again), not
    /// "internal error"; once it is back the same request answers, on a new connection.
    @Test func aServerThatIsDown_is503WithRetryAfter_untilItIsBack() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-shared")
        let (cluster, passwordFile) = try await Self.cluster(in: dir)
        let a = try Self.node("node-a", dir: dir, store: cluster.tcpAddress("invoices"), passwordFile: passwordFile)
        try await a.waitUntilReady()
        #expect(try await a.get("/api/stats").status == .ok)
        try await onOwnThread { try cluster.stop(mode: "fast") }
        let request = HTTPClientRequest(url: URL(httpURLWithSocketPath: a.socket, uri: "/api/stats")!.absoluteString)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        #expect(response.status == .serviceUnavailable, "\(body)")
        #expect(response.headers["Retry-After"].first == "5")
        #expect(body.contains("cannot be reached just now") && !body.contains("postgres@"), "\(body)")
        try await onOwnThread { try cluster.start() }
        let back = await waitUntil(timeout: 30) { (try? await a.get("/api/stats").status) == .ok }
        #expect(back, "log:\n\(a.log)")
        #expect(await a.stop() == 0)
    }

    /// N nodes polling one shared inbox: each file is taken by exactly one (the loser of the
    /// atomic rename out of the inbox drops its row).
    @Test func twoNodesPollingOneInbox_takeEachFileOnce() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-shared")
        let (cluster, passwordFile) = try await Self.cluster(in: dir)
        let inbox = dir.appending("shared-inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let polling = ["INVOICED_INBOX_POLL_INTERVAL": "1", "INVOICED_INBOX_SETTLE_MS": "200"]
        let store = cluster.tcpAddress("invoices")
        let a = try Self.node("node-a", dir: dir, store: store, passwordFile: passwordFile, inbox: inbox, environment: polling)
        let b = try Self.node("node-b", dir: dir, store: store, passwordFile: passwordFile, inbox: inbox, environment: polling)
        try await a.waitUntilReady()
        try await b.waitUntilReady()
        let names = ["electricity-01", "electricity-02", "water-04", "english-01"]
        for name in names { try FileManager.default.copyItem(atPath: Fixtures.invoice(name), toPath: "\(inbox)/\(name).png") }

        let finished = try await waitUntil(timeout: 240) {
            let stats = (try? await a.getJSON("/api/stats")) ?? [:]
            return (stats["done"] as? Int ?? 0) + (stats["failed"] as? Int ?? 0) >= names.count
        }
        #expect(finished, "log A:\n\(a.log)\nlog B:\n\(b.log)")
        let jobs = try await b.getJSON("/api/ocr/jobs")
        let filenames = ((jobs["items"] as? [[String: Any]]) ?? []).compactMap { $0["filename"] as? String }
        #expect(filenames.sorted() == names.map { "\($0).png" }.sorted(), "each file once: \(filenames)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).isEmpty)
        #expect(await a.stop() == 0)
        #expect(await b.stop() == 0)
        withExtendedLifetime(cluster) {}
    }

    /// A node killed while it holds a job: its lease runs out, another node reads the job, and
    /// the killed node, back under the same name, neither reads it again nor undoes it.
    @Test func aKilledNodesJob_isFinishedByAnother_once() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-shared")
        let (cluster, passwordFile) = try await Self.cluster(in: dir)
        let store = cluster.tcpAddress("invoices")
        let lease = ["INVOICED_JOBS_LEASE": "3s"]
        // Node A's worker takes the first job and hangs with it, as a node does that dies.
        let a = try Self.node("node-a", dir: dir, store: store, passwordFile: passwordFile,
                              environment: lease.merging(["INVOICED_TEST_HANG_WORKER": "1"]) { $1 })
        try await a.waitUntilReady()
        try FileManager.default.copyItem(atPath: Fixtures.invoice("electricity-01"), toPath: "\(a.inbox)/dien.png")
        let held = try await waitUntil(timeout: 60) { (try? await a.getJSON("/api/stats"))?["processing"] as? Int == 1 }
        #expect(held, "log:\n\(a.log)")
        // Node B starts only now, so that the job is node A's.
        let b = try Self.node("node-b", dir: dir, store: store, passwordFile: passwordFile, environment: lease)
        try await b.waitUntilReady()
        #expect(await a.stop(signal: SIGKILL) == SIGKILL)

        let done = try await waitUntil(timeout: 90) { (try? await b.getJSON("/api/stats"))?["done"] as? Int == 1 }
        #expect(done, "log B:\n\(b.log)")
        let jobs = try await b.getJSON("/api/ocr/jobs")
        let job = try #require((jobs["items"] as? [[String: Any]])?.first)
        let id = try #require(job["id"] as? String)
        #expect(job["attempts"] as? Int == 2, "node A's claim and node B's: \(job)")

        // Node A again, under its name: nothing of its previous run is left to settle.
        let again = try Self.node("node-a", dir: dir, store: store, passwordFile: passwordFile, environment: lease)
        try await again.waitUntilReady()
        let stats = try await again.getJSON("/api/stats")
        #expect(stats["done"] as? Int == 1 && stats["invoices"] as? Int == 1 && stats["queued"] as? Int == 0, "\(stats)")
        #expect(try await again.getJSON("/api/ocr/job/\(id)")["status"] as? String == "done")
        #expect(!again.log.contains("job requeued after an interrupted run"), "\(again.log)")
        #expect(await again.stop() == 0)
        #expect(await b.stop() == 0)
        withExtendedLifetime(cluster) {}
    }
}
