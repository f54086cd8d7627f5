import Foundation
import LocalPostgres
import TestSupport
import Testing

/// `invoiced store copy` as an administrator runs it: a store the real daemon wrote, into a
/// private PostgreSQL server over TCP with the password from a file.
@Suite(.serialized) struct StoreCopyEndToEndTests {
    @Test func aDaemonsStore_isCopiedToPostgreSQL_onceAndOnlyOnce() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        try FileManager.default.createDirectory(atPath: dir.appending("inbox"), withIntermediateDirectories: true)
        let daemon = try DaemonProcess(dir: dir, arguments: ["--workers", "1", "--http", "off"])
        try await daemon.waitUntilReady()
        try FileManager.default.copyItem(atPath: Fixtures.invoice("water-04"), toPath: dir.appending("inbox/water.png"))
        let done = try await waitUntil(timeout: 120) { (try? daemon.statusCounts())?["done"] == 1 }
        #expect(done, "log:\n\(daemon.log)")
        #expect(await daemon.stop() == 0)

        let cluster = try await onOwnThread { () throws -> LocalPostgresServer in
            let cluster = try LocalPostgresServer()
            try cluster.createDatabase("invoices")
            return cluster
        }
        try "\(cluster.password)\n".write(toFile: dir.appending("pg-password"), atomically: true, encoding: .utf8)
        let arguments = ["store", "copy", "--from", "sqlite:\(daemon.dataDir)/invoiced.sqlite", "--to", cluster.tcpAddress("invoices"),
                         "--password-file", dir.appending("pg-password")]
        let copied = try await runCommand(DaemonProcess.binary, arguments)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("invoices 1") && copied.stdout.contains("ocr_jobs 1"), "\(copied.stdout)")
        #expect(copied.stdout.contains("totals per currency agree: VND"), "\(copied.stdout)")

        let again = try await runCommand(DaemonProcess.binary, arguments)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds 1 jobs"), "\(again.stderr)")

        let withPassword = try await runCommand(DaemonProcess.binary, ["store", "copy", "--from", "sqlite:\(daemon.dataDir)/invoiced.sqlite",
                                                                       "--to", "postgresql://postgres:hunter2@127.0.0.1:\(cluster.port)/invoices"])
        #expect(withPassword.status == 2)
        #expect(withPassword.stderr.contains("password") && !withPassword.stderr.contains("hunter2"), "\(withPassword.stderr)")
    }
}
