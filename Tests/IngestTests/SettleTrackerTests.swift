import Foundation
import Glibc
import TestSupport
import Ingest
import Testing

@Suite struct SettleTrackerTests {
    let file = InboxFile(inbox: "/in", relativePath: "a.jpg")
    let sig1 = SettleTracker.Signature(size: 10, modifiedNanoseconds: 1)
    let sig2 = SettleTracker.Signature(size: 20, modifiedNanoseconds: 2)

    @Test func fileIsDue_onlyAfterTheSettleTimeWithoutChange() {
        var tracker = SettleTracker(settle: 1.0)
        tracker.observe(file, signature: sig1, now: 100)
        #expect(tracker.due(now: 100.5).isEmpty)
        #expect(tracker.due(now: 101.0) == [file])
        #expect(tracker.secondsUntilNextDue(now: 100.25) == 0.75)
    }

    @Test func aChange_restartsTheSettleTime() {
        var tracker = SettleTracker(settle: 1.0)
        tracker.observe(file, signature: sig1, now: 100)
        tracker.observe(file, signature: sig2, now: 100.9)
        #expect(tracker.due(now: 101.5).isEmpty)
        #expect(tracker.due(now: 101.9) == [file])
        #expect(!tracker.isUnchanged(file.path, signature: sig1))
        #expect(tracker.isUnchanged(file.path, signature: sig2))
    }

    @Test func seeingTheSameSignatureAgain_doesNotRestart() {
        var tracker = SettleTracker(settle: 1.0)
        tracker.observe(file, signature: sig1, now: 100)
        tracker.observe(file, signature: sig1, now: 100.9)
        #expect(tracker.due(now: 101.0) == [file])
    }

    @Test func zeroSettle_isDueAtOnce_andForgetRemoves() {
        var tracker = SettleTracker(settle: 0)
        tracker.observe(file, signature: sig1, now: 5)
        #expect(tracker.due(now: 5) == [file])
        tracker.forget(file.path)
        #expect(tracker.count == 0)
        #expect(tracker.secondsUntilNextDue(now: 5) == nil)
    }
}

@Suite struct InboxNamingTests {
    @Test(arguments: [".hidden.jpg", "~$scan.pdf", "a.part", "b.PARTIAL", "c.tmp", "d.crdownload", "Thumbs.db", "desktop.ini", "e.filepart", ""])
    func temporaryAndHiddenNames_areIgnored(name: String) {
        #expect(IgnoredNames.isIgnored(name))
    }

    @Test(arguments: ["scan.jpg", "hóa đơn.png", "-rf.jpg", "a.tmp.jpg", "part.png"])
    func documentNames_areTaken(name: String) {
        #expect(!IgnoredNames.isIgnored(name))
    }

    @Test func subfolder_namesTheUploader() {
        #expect(InboxFile(inbox: "/in", relativePath: "scanner-2/a.jpg").uploader == "scanner-2")
        #expect(InboxFile(inbox: "/in", relativePath: "scanner-2/2026/a.jpg").uploader == "scanner-2")
        #expect(InboxFile(inbox: "/in", relativePath: "a.jpg").uploader == nil)
        #expect(InboxFile(inbox: "/in", relativePath: "scanner-2/a.jpg").name == "a.jpg")
    }

    @Test func scanner_listsRegularFilesRecursively_skippingIgnoredAndLinks() throws {
        let dir = try TestSupport.TemporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir.appending("scanner-1/deep"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir.appending(".trash"), withIntermediateDirectories: true)
        for path in ["a.jpg", "scanner-1/b.png", "scanner-1/deep/c.tif", ".trash/d.jpg", "e.part"] {
            #expect(fm.createFile(atPath: dir.appending(path), contents: Data("x".utf8)), "could not create \(path)")
        }
        try fm.createSymbolicLink(atPath: dir.appending("passwd.jpg"), withDestinationPath: "/etc/passwd")
        mkfifo(dir.appending("fifo.jpg"), 0o600)
        let files = InboxScanner.scan(inbox: dir.path).files.map { $0.path.replacingOccurrences(of: dir.path + "/", with: "") }
        #expect(files.sorted() == ["a.jpg", "scanner-1/b.png", "scanner-1/deep/c.tif"])
    }
}
