import Foundation
import Glibc
import LinuxSupport
import TestSupport
import Testing

@Suite struct FileSystemTests {
    @Test func move_withinOneFileSystem_renamesAndKeepsContent() throws {
        let dir = try TemporaryDirectory()
        try Data("scan".utf8).write(to: URL(fileURLWithPath: dir.appending("a.jpg")))
        try FileSystem.move(try #require(ConfinedPath(root: dir.path, relative: "a.jpg")),
                            to: try #require(ConfinedPath(root: dir.path, relative: "spool/deep/b.jpg")))
        #expect(!FileManager.default.fileExists(atPath: dir.appending("a.jpg")))
        #expect(try String(contentsOfFile: dir.appending("spool/deep/b.jpg"), encoding: .utf8) == "scan")
    }

    @Test func move_acrossFileSystems_copiesThenRemovesTheSource() throws {
        // /dev/shm is a tmpfs: a rename from it into /tmp's file system fails with EXDEV,
        // as from a network-share inbox into the data folder.
        #expect(FileManager.default.isWritableFile(atPath: "/dev/shm"), "the test needs /dev/shm")
        let name = "invoiced-\(UUID().uuidString).jpg"
        let source = "/dev/shm/\(name)"
        let bytes = Data((0..<3_000_000).map { UInt8($0 % 251) })
        try bytes.write(to: URL(fileURLWithPath: source))
        let dir = try TemporaryDirectory()
        var sourceStat = stat(), targetStat = stat()
        stat(source, &sourceStat)
        stat(dir.path, &targetStat)
        #expect(sourceStat.st_dev != targetStat.st_dev, "the test needs two file systems")
        try FileSystem.move(try #require(ConfinedPath(root: "/dev/shm", relative: name)),
                            to: try #require(ConfinedPath(root: dir.path, relative: "b.jpg")))
        #expect(!FileManager.default.fileExists(atPath: source))
        #expect(!FileManager.default.fileExists(atPath: dir.appending("b.jpg.partial")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.appending("b.jpg"))) == bytes)
    }

    @Test func move_ofAMissingSource_throwsENOENT() throws {
        let dir = try TemporaryDirectory()
        let missing = try #require(ConfinedPath(root: dir.path, relative: "none"))
        let target = try #require(ConfinedPath(root: dir.path, relative: "x"))
        #expect(throws: SystemError.self) { try FileSystem.move(missing, to: target) }
        do { try FileSystem.move(missing, to: target) } catch {
            #expect(error.errno == ENOENT)
            #expect(error.description.contains("No such file"))
        }
    }

    @Test func writeAtomically_replacesWholeFileAndLeavesNoTemporary() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("r.json")
        try FileSystem.writeAtomically(Array("old".utf8), to: path)
        try FileSystem.writeAtomically(Array("{\"new\": true}".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"new\": true}")
        #expect(try FileSystem.entries(dir.path) == ["r.json"])
    }

    @Test func writeAtomically_intoAMissingFolder_throwsAndNamesThePath() throws {
        let dir = try TemporaryDirectory()
        do {
            try FileSystem.writeAtomically([1], to: dir.appending("missing/r.json"))
            Issue.record("expected an error")
        } catch {
            #expect(error.reason.contains("missing/r.json.tmp"))
        }
    }

    @Test func status_doesNotFollowSymlinks() throws {
        let dir = try TemporaryDirectory()
        symlink("/etc/passwd", dir.appending("link.jpg"))
        #expect(try FileSystem.status(dir.appending("link.jpg"))?.kind == .symlink)
        #expect(try FileSystem.status(dir.appending("nothing")) == nil)
    }

    @Test func parentPath_handlesTopLevelAndBareNames() {
        #expect(FileSystem.parentPath("/a/b/c.jpg") == "/a/b")
        #expect(FileSystem.parentPath("/c.jpg") == "/")
        #expect(FileSystem.parentPath("c.jpg") == ".")
    }
}

@Suite struct FileSystemTypeTests {
    @Test func localFolders_areNotNetwork() throws {
        let dir = try TemporaryDirectory()
        #expect(!(try FileSystemType.of(dir.path)).isNetwork)
        if FileManager.default.fileExists(atPath: "/dev/shm") {
            #expect(try FileSystemType.of("/dev/shm") == .local("tmpfs"))
        }
    }

    @Test func missingPath_throwsWithErrno() {
        #expect(throws: SystemError.self) { try FileSystemType.of("/nonexistent/inbox") }
    }
}
