import Foundation
import GRDB
import TestSupport
import Testing

/// Guarantee 6, a file the daemon cannot read: a scanner's share can write files that only
/// their owner may read while invoiced runs as a user of its own. The file must end as a
/// failed job that says what to do, in `failed/`, and `retry` must read it once it is made
/// readable. An earlier build moved such a file into the spool, left its intake pending
/// forever, and then refused to start at all ("Permission denied").
@Suite struct UnreadableFileTests {
    /// The daemon runs as `nobody` when the tests run as root (root reads any file); else
    /// as the test's own user, with the file's permissions taken away from its owner too.
    static let asRoot = geteuid() == 0
    static let daemonUser: (name: String, group: String)? = asRoot ? ("nobody", "nogroup") : nil

    /// As root, `nobody` must reach the temporary folder (every folder above it searchable
    /// by others); the test cannot run where it is not.
    static let temporaryFolderReachable: Bool = {
        guard asRoot else { return true }
        var path = URL(fileURLWithPath: FileManager.default.temporaryDirectory.path)
        while path.path != "/" {
            guard let status = FileStatus(path.path), status.permissions & S_IXOTH != 0 else { return false }
            path.deleteLastPathComponent()
        }
        return true
    }()

    /// The daemon binary where the daemon's user can run it: the checkout may sit in a folder
    /// only root may enter (/root), so as root it is copied into `dir`.
    func binary(in dir: TemporaryDirectory) throws -> String {
        guard Self.asRoot else { return DaemonProcess.binary }
        let copy = dir.appending("invoiced")
        try FileManager.default.copyItem(atPath: DaemonProcess.binary, toPath: copy)
        #expect(chmod(copy, 0o755) == 0)
        return copy
    }

    /// A folder the daemon's user owns.
    func folder() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        try FileManager.default.createDirectory(atPath: dir.appending("inbox"), withIntermediateDirectories: true)
        if Self.asRoot {
            let owner = try #require(getpwnam("nobody")?.pointee.pw_uid)
            let group = try #require(getgrnam("nogroup")?.pointee.gr_gid)
            for path in [dir.path, dir.appending("inbox")] { #expect(chown(path, owner, group) == 0) }
        }
        return dir
    }

    /// Writes a small invoice into the inbox that the daemon's user may not read.
    func dropUnreadable(_ name: String, into inbox: String) throws {
        let temporary = "\(inbox)/.\(name).part"
        try FileManager.default.copyItem(atPath: "\(Fixtures.repositoryRoot)/Tests/Fixtures/small/small-01.png", toPath: temporary)
        #expect(chmod(temporary, Self.asRoot ? 0o600 : 0o000) == 0)
        #expect(rename(temporary, "\(inbox)/\(name)") == 0)
    }

    func rows(_ daemon: DaemonProcess) async throws -> [String: Row] {
        let rows = try await daemon.database().read { db in try Row.fetchAll(db, sql: "SELECT * FROM ocr_jobs") }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["filename"] as String, $0) })
    }

    @Test(.enabled(if: temporaryFolderReachable, "the temporary folder is not reachable by user nobody"))
    func unreadableFile_failsWithWhatToDo_survivesACrash_andIsReadAfterRetry() async throws {
        let dir = try folder()
        let binary = try binary(in: dir)
        // 1. The daemon dies just after moving the unreadable file into the spool.
        let crashing = try DaemonProcess(dir: dir, environment: ["INVOICED_TEST_CRASH_AT": "intake.after_move"], binary: binary,
                                         user: Self.daemonUser)
        try await crashing.waitUntilReady()
        try dropUnreadable("locked-1.png", into: crashing.inbox)
        #expect(await waitUntil(timeout: 60) { !crashing.process.isRunning }, "log:\n\(crashing.log)")
        #expect(try await rows(crashing)["locked-1.png"]?["intake_pending"] == true)

        // 2. It starts again, and the interrupted intake ends as a failed job that says why.
        let daemon = try DaemonProcess(dir: dir, binary: binary, user: Self.daemonUser)
        try await daemon.waitUntilReady()
        try dropUnreadable("locked-2.png", into: daemon.inbox)
        try FileManager.default.copyItem(atPath: "\(Fixtures.repositoryRoot)/Tests/Fixtures/small/small-02.png",
                                         toPath: "\(daemon.inbox)/readable.png")
        let settled = try await waitUntil(timeout: 120) {
            let counts = try daemon.statusCounts()
            return counts["failed"] == 2 && counts["done"] == 1
        }
        #expect(settled, "counts \((try? daemon.statusCounts()) ?? [:]); log:\n\(daemon.log)")
        let jobs = try await rows(daemon)
        for name in ["locked-1.png", "locked-2.png"] {
            let job = try #require(jobs[name], "no job for \(name)")
            let message: String? = job["error_message"]
            #expect(message?.contains("cannot read the file") == true, "\(name): \(message ?? "")")
            #expect(message?.contains("retry") == true, "\(name): \(message ?? "")")
            if Self.asRoot { #expect(message?.contains("user nobody") == true, "\(name): \(message ?? "")") }
            let path: String = job["filepath"]
            #expect(path.hasPrefix("\(daemon.dataDir)/failed/"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.inbox).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(daemon.dataDir)/spool").isEmpty)

        // 3. Made readable, the file is read on retry.
        let locked = try #require(jobs["locked-2.png"])
        let failedPath: String = locked["filepath"]
        #expect(chmod(failedPath, 0o644) == 0)
        let retried = try invoicectl(["retry", locked["id"] as String, "--socket", daemon.socket])
        #expect(retried.status == 0, "\(retried.err)")
        #expect(try await waitUntil(timeout: 120) { try daemon.statusCounts()["done"] == 2 }, "log:\n\(daemon.log)")
        // Never hashed before, it went through intake again: hashed, so checked for duplicates.
        let hash: String? = try await rows(daemon)["locked-2.png"]?["sha256"]
        #expect(hash?.count == 64)
        #expect(await daemon.stop() == 0)
    }
}
