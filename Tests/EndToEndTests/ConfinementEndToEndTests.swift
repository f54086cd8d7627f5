import Foundation
import GRDB
import TestSupport
import Testing

/// Issue 13, item 1, as the review reproduced it on a running daemon: a file is dropped in
/// `inbox/e`, and before it settles `e` is swapped for a symlink to the data folder, where
/// a file of the same name is the live database. The daemon must take the real file (now in
/// `e2`), leave the database where it is, and say why it ignored the symlink.
@Suite struct ConfinementEndToEndTests {
    @Test func aFolderSwappedForASymlinkToTheDataFolder_neverMovesTheDatabase() async throws {
        let daemon = try DaemonProcess(environment: ["INVOICED_INBOX_SETTLE_MS": "1500"])
        try await daemon.waitUntilReady()
        let database = "\(daemon.dataDir)/invoiced.sqlite"
        #expect(FileManager.default.fileExists(atPath: database))
        try FileManager.default.createDirectory(atPath: "\(daemon.inbox)/e", withIntermediateDirectories: true)
        try Data("not an invoice".utf8).write(to: URL(fileURLWithPath: "\(daemon.inbox)/e/invoiced.sqlite"))
        // Well inside the settle time: the daemon has seen e/invoiced.sqlite and waits for it to settle.
        try FileManager.default.moveItem(atPath: "\(daemon.inbox)/e", toPath: "\(daemon.inbox)/e2")
        try FileManager.default.createSymbolicLink(atPath: "\(daemon.inbox)/e", withDestinationPath: daemon.dataDir)

        // The real file is taken from e2 (and fails: it is no image).
        #expect(try await waitUntil(timeout: 60) { try daemon.statusCounts()["failed"] == 1 }, "\(daemon.log.suffix(3000))")
        let failedPath = try await daemon.database().read { db in
            try String.fetchOne(db, sql: "SELECT filepath FROM ocr_jobs WHERE status = 'failed'")
        }
        #expect(try String(contentsOfFile: try #require(failedPath), encoding: .utf8) == "not an invoice")
        #expect(FileManager.default.fileExists(atPath: database))
        #expect(try daemon.statusCounts().values.reduce(0, +) == 1, "nothing was taken through the symlink")
        #expect(daemon.log.contains("symlink"), "the ignored symlink is logged")

        // After a restart the database still holds the job.
        await daemon.stop()
        let again = try DaemonProcess(dir: daemon.dir)
        try await again.waitUntilReady()
        #expect(try again.statusCounts()["failed"] == 1)
        await again.stop()
    }
}
