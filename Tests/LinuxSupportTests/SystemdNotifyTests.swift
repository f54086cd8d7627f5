import Foundation
import Glibc
import LinuxSupport
import TestSupport
import Testing

@Suite struct SystemdNotifyTests {
    @Test func address_parsesPathsAndAbstractNames_refusesTheRest() throws {
        let path = try #require(SystemdNotify.Address("/run/systemd/notify"))
        #expect(!path.isAbstract)
        #expect(path.pathBytes == Array("/run/systemd/notify".utf8))
        let abstract = try #require(SystemdNotify.Address("@invoiced/notify"))
        #expect(abstract.isAbstract)
        #expect(abstract.pathBytes == [0] + Array("invoiced/notify".utf8))
        #expect(abstract.description == "@invoiced/notify")
        #expect(SystemdNotify.Address("vsock:2:1234") == nil)
        #expect(SystemdNotify.Address("relative/path") == nil)
        #expect(SystemdNotify.Address("@") == nil)
        #expect(SystemdNotify.Address("/" + String(repeating: "x", count: 107)) == nil, "no room for the NUL")
        #expect(SystemdNotify.Address("@" + String(repeating: "x", count: 107)) != nil, "abstract names need no NUL")
    }

    @Test func address_fromTheEnvironment_nilWithoutNotifySocket() throws {
        #expect(try SystemdNotify.address(environment: [:]) == nil)
        #expect(try SystemdNotify.address(environment: ["NOTIFY_SOCKET": ""]) == nil)
        #expect(try SystemdNotify.address(environment: ["NOTIFY_SOCKET": "@x"]) == SystemdNotify.Address("@x"))
        #expect(throws: SystemError.self) { try SystemdNotify.address(environment: ["NOTIFY_SOCKET": "vsock:2:1"]) }
    }

    @Test func send_toAPathSocket_deliversOneDatagram() throws {
        let dir = try TemporaryDirectory()
        let listener = try NotifyListener(address: dir.appending("notify"))
        try SystemdNotify.send(["READY=1", "STATUS=3 queued"], to: #require(SystemdNotify.Address(listener.address)))
        #expect(waitUntilBlocking(timeout: 10) { listener.messages.count == 1 })
        #expect(listener.messages.first?.text == "READY=1\nSTATUS=3 queued")
    }

    @Test func send_toAnAbstractSocket_deliversOneDatagram() throws {
        let listener = try NotifyListener(address: "@invoiced-test-\(UUID().uuidString.prefix(8))")
        try SystemdNotify.send(["WATCHDOG=1"], to: #require(SystemdNotify.Address(listener.address)))
        #expect(waitUntilBlocking(timeout: 10) { listener.messages.count == 1 })
        #expect(listener.messages.first?.text == "WATCHDOG=1")
    }

    @Test func send_toNobody_throwsWithErrno() throws {
        let dir = try TemporaryDirectory()
        let address = try #require(SystemdNotify.Address(dir.appending("nobody-here")))
        let error = try #require(throws: SystemError.self) { try SystemdNotify.send(["READY=1"], to: address) }
        #expect(error.errno == ENOENT)
    }

    @Test func watchdogInterval_fromWatchdogUsec_onlyForThisProcess() {
        #expect(SystemdNotify.watchdogInterval(environment: [:]) == nil)
        #expect(SystemdNotify.watchdogInterval(environment: ["WATCHDOG_USEC": "0"]) == nil)
        #expect(SystemdNotify.watchdogInterval(environment: ["WATCHDOG_USEC": "30000000"]) == 30)
        #expect(SystemdNotify.watchdogInterval(environment: ["WATCHDOG_USEC": "2500000", "WATCHDOG_PID": "\(getpid())"]) == 2.5)
        #expect(SystemdNotify.watchdogInterval(environment: ["WATCHDOG_USEC": "2500000", "WATCHDOG_PID": "\(getpid() + 1)"]) == nil)
    }
}

@Suite struct SystemdCredentialsTests {
    @Test func read_givesTheBytes_nilWhenAbsent() throws {
        let dir = try TemporaryDirectory()
        try "secret\n".write(toFile: dir.appending("groq-api-key"), atomically: true, encoding: .utf8)
        let environment = ["CREDENTIALS_DIRECTORY": dir.path]
        #expect(try SystemdCredentials.read("groq-api-key", environment: environment) == Array("secret\n".utf8))
        #expect(try SystemdCredentials.read("other", environment: environment) == nil)
        #expect(try SystemdCredentials.read("groq-api-key", environment: [:]) == nil)
    }

    @Test func read_refusesNamesThatLeaveTheFolder() throws {
        let dir = try TemporaryDirectory()
        for name in ["../etc/passwd", "a/b", "..", ""] {
            #expect(throws: SystemError.self) { try SystemdCredentials.read(name, environment: ["CREDENTIALS_DIRECTORY": dir.path]) }
        }
    }

    @Test func read_aFolderInsteadOfAFile_throws() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.appending("key"), withIntermediateDirectories: true)
        #expect(throws: SystemError.self) { try SystemdCredentials.read("key", environment: ["CREDENTIALS_DIRECTORY": dir.path]) }
    }
}

@Suite struct SystemdJournalTests {
    @Test func journalStream_matchesOnlyTheDescriptorItNames() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("stream")
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        let identity = try FileSystem.identity(ofDescriptor: fd)
        #expect(SystemdJournal.isJournalStream(fd, environment: ["JOURNAL_STREAM": "\(identity.device):\(identity.inode)"]))
        #expect(!SystemdJournal.isJournalStream(fd, environment: ["JOURNAL_STREAM": "\(identity.device):\(identity.inode + 1)"]))
        #expect(!SystemdJournal.isJournalStream(fd, environment: ["JOURNAL_STREAM": "garbage"]))
        #expect(!SystemdJournal.isJournalStream(fd, environment: [:]))
    }
}

@Suite struct UserDatabaseTests {
    @Test func groupID_byNameOrNumber_nilForNoSuchGroup() throws {
        #expect(try UserDatabase.groupID(named: "root") == 0)
        #expect(try UserDatabase.groupID(named: "4242") == 4242)
        #expect(try UserDatabase.groupID(named: "no-such-group-invoiced") == nil)
    }

    @Test func processCanUseItsOwnGroup() {
        #expect(UserDatabase.processCanUseGroup(getegid()))
    }

    @Test func setGroupAndMode_onAFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("socket-like")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        try FileSystem.setGroup(path, getegid())
        try FileSystem.setMode(path, 0o640)
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_gid == getegid())
        #expect(st.st_mode & 0o777 == 0o640)
    }

    @Test func writableOrCreatable_looksAtTheNearestExistingFolder() throws {
        let dir = try TemporaryDirectory()
        #expect(FileSystem.isWritableOrCreatable(dir.appending("a/b/c")))
        #expect(FileSystem.isWritableOrCreatable(dir.path))
    }
}

@Suite struct HeartbeatTests {
    let second: Int64 = 1_000_000_000

    @Test func freshBeat_isAlive_thenStale() {
        let heartbeat = Heartbeat(name: "worker")
        let now = Heartbeat.now()
        #expect(heartbeat.state(staleAfter: 10, now: now) == .alive)
        guard case let .stale(seconds) = heartbeat.state(staleAfter: 10, now: now + 12 * second) else {
            Issue.record("not stale")
            return
        }
        #expect(seconds >= 11.9)
    }

    @Test func busyWork_isNotStaleUntilItsAllowanceRunsOut() {
        let heartbeat = Heartbeat(name: "worker")
        heartbeat.busy(for: 60)
        let now = Heartbeat.now()
        #expect(heartbeat.state(staleAfter: 10, now: now + 30 * second) == .busy)
        #expect(heartbeat.state(staleAfter: 10, now: now + 61 * second) != .busy)
        heartbeat.endBusy()
        #expect(heartbeat.state(staleAfter: 10, now: Heartbeat.now() + 30 * second) != .busy)
    }

    @Test func stoppedThread_isStopped() {
        let heartbeat = Heartbeat(name: "worker")
        heartbeat.stop()
        #expect(heartbeat.state(staleAfter: 10) == .stopped)
    }
}
