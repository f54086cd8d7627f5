import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// The real binary as systemd runs it with `Type=notify` and `WatchdogSec=`: the test plays
/// systemd's part, listening on the datagram socket named by `NOTIFY_SOCKET`.
@Suite(.serialized) struct SystemdNotifyEndToEndTests {
    /// A listener on a fresh socket in `dir` (path), or an abstract one.
    func listener(in dir: TemporaryDirectory, abstract: Bool = false) throws -> NotifyListener {
        try NotifyListener(address: abstract ? "@invoiced-test-\(UUID().uuidString.prefix(8))" : dir.appending("notify.sock"))
    }

    @Test func readyAfterTheSocketAnswers_statusLines_watchdogAtHalfTheInterval_stoppingOnSigterm() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        let systemd = try listener(in: dir)
        let daemon = try DaemonProcess(dir: dir, arguments: ["--workers", "1"],
                                       environment: ["NOTIFY_SOCKET": systemd.address, "WATCHDOG_USEC": "2000000"])

        let ready = await waitUntil(timeout: 60) { !systemd.messages(containing: "READY=1").isEmpty }
        #expect(ready, "no READY=1; log:\n\(daemon.log)")
        // READY=1 means the socket already answers: ask at once, no waiting.
        #expect(try await daemon.get("/healthz").status == .ok)
        let readyMessage = try #require(systemd.messages(containing: "READY=1").first)
        #expect(readyMessage.assignments.contains("STATUS=0 queued, 0 processing, 0 done"), "\(readyMessage.text)")
        // Nothing but startup status came before READY=1.
        let before = systemd.messages.prefix { $0.received < readyMessage.received }
        #expect(before.allSatisfy { $0.assignments.allSatisfy { $0.hasPrefix("STATUS=") } })

        // STATUS= follows the queue.
        try FileManager.default.copyItem(atPath: Fixtures.invoice("english-01"), toPath: "\(daemon.inbox)/english.png")
        let counted = await waitUntil(timeout: 120) {
            systemd.messages(withPrefix: "STATUS=").contains { $0.text.contains("0 queued, 0 processing, 1 done") }
        }
        #expect(counted, "status lines: \(systemd.messages(withPrefix: "STATUS=").map(\.text))")

        // WATCHDOG=1 every second (half of WATCHDOG_USEC), never a gap systemd would punish.
        let pinged = await waitUntil(timeout: 60) { systemd.messages(containing: "WATCHDOG=1").count >= 6 }
        #expect(pinged)
        let pings = systemd.messages(containing: "WATCHDOG=1").map(\.received)
        let gaps = zip(pings.dropFirst(), pings).map { $0.timeIntervalSince($1) }
        let mean = gaps.reduce(0, +) / Double(max(1, gaps.count))
        #expect(mean > 0.7 && mean < 1.5, "gaps: \(gaps)")
        #expect(gaps.allSatisfy { $0 < 2.0 }, "gaps: \(gaps)")
        #expect(pings.first.map { $0 >= readyMessage.received } == true, "no ping before READY=1")

        #expect(await daemon.stop() == 0)
        let stopping = systemd.messages(containing: "STOPPING=1")
        #expect(stopping.count == 1, "log:\n\(daemon.log)")
    }

    @Test func abstractNotifySocket_getsReady() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        let systemd = try listener(in: dir, abstract: true)
        let daemon = try DaemonProcess(dir: dir, arguments: ["--workers", "1"], environment: ["NOTIFY_SOCKET": systemd.address])
        let ready = await waitUntil(timeout: 60) { !systemd.messages(containing: "READY=1").isEmpty }
        #expect(ready, "log:\n\(daemon.log)")
        #expect(await daemon.stop() == 0)
        #expect(!systemd.messages(containing: "STOPPING=1").isEmpty)
        // Without WATCHDOG_USEC there is no watchdog to ping.
        #expect(systemd.messages(containing: "WATCHDOG=1").isEmpty)
    }

    @Test func hungWorker_stopsTheWatchdogPings_andHealthSaysWhy() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        let systemd = try listener(in: dir)
        let daemon = try DaemonProcess(dir: dir, arguments: ["--workers", "1"], environment: [
            "NOTIFY_SOCKET": systemd.address, "WATCHDOG_USEC": "1000000", "INVOICED_TEST_HANG_WORKER": "1",
        ])
        let pinging = await waitUntil(timeout: 60) { systemd.messages(containing: "WATCHDOG=1").count >= 3 }
        #expect(pinging, "log:\n\(daemon.log)")

        try FileManager.default.copyItem(atPath: Fixtures.invoice("english-01"), toPath: "\(daemon.inbox)/english.png")
        let hung = await waitUntil(timeout: 60) { daemon.log.contains("hangs on purpose") }
        #expect(hung, "log:\n\(daemon.log)")
        let hangNoticed = Date()

        // The worker's heartbeat goes stale (10 s without a beat) and the pings stop: systemd
        // would kill the daemon WATCHDOG_USEC after the last one.
        let silent = await waitUntil(timeout: 60) {
            guard let last = systemd.messages(containing: "WATCHDOG=1").last?.received else { return false }
            return Date().timeIntervalSince(last) > 3
        }
        #expect(silent, "pings went on; log:\n\(daemon.log)")
        let lastPing = try #require(systemd.messages(containing: "WATCHDOG=1").last?.received)
        #expect(lastPing.timeIntervalSince(hangNoticed) < 20)
        #expect(daemon.log.contains("not pinging the systemd watchdog"))

        let (status, body) = try await daemon.get("/healthz")
        #expect(status == .serviceUnavailable)
        #expect(body.contains("invoiced-worker-0 stuck"), "\(body)")
        // A hung worker never finishes: this is what systemd's SIGABRT/SIGKILL is for.
        await daemon.stop(signal: SIGKILL)
    }
}
