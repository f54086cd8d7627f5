import Foundation
import Glibc
import NIOHTTP1
import TestSupport
import Testing

/// The real binary in what systemd gives a service: journald's stream, SIGHUP reloads,
/// credentials, state and runtime folders, a socket group; and `--check-config`.
@Suite(.serialized) struct ServiceEnvironmentEndToEndTests {
    @Test func underJournald_linesCarrySyslogPriorities_andNoTimestamps() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        let config = dir.appending("invoiced.yaml")
        try "workers: 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(dir: dir, arguments: ["--config", config],
                                       environment: ["INVOICED_LOG_LEVEL": "debug"], journal: true)
        try await daemon.waitUntilReady()
        // An error: a file that is not an image fails at once.
        try Data("not a scan".utf8).write(to: URL(fileURLWithPath: "\(daemon.inbox)/bad.jpg"))
        let failed = try await waitUntil(timeout: 60) { (try daemon.statusCounts())["failed"] == 1 }
        #expect(failed)
        // A warning: a reload that changes a setting needing a restart.
        try "workers: 2\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        let warned = await waitUntil(timeout: 30) { daemon.log.contains("only after a restart") }
        #expect(warned, "log:\n\(daemon.log)")
        #expect(await daemon.stop() == 0)

        let lines = daemon.log.split(separator: "\n").map(String.init)
        func line(_ text: String) -> String? { lines.first { $0.contains(text) } }
        #expect(line("invoiced started")?.hasPrefix("<5>invoiced started") == true, "\(lines)")
        #expect(line("watching the inbox")?.hasPrefix("<6>") == true)
        #expect(line("job failed")?.hasPrefix("<3>") == true)
        #expect(line("only after a restart")?.hasPrefix("<4>") == true)
        #expect(lines.contains { $0.hasPrefix("<7>") }, "no debug line")
        // journald stamps each line itself.
        let stamped = lines.filter { $0.range(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d"#, options: .regularExpression) != nil }
        #expect(stamped.isEmpty, "\(stamped)")
        // Every line the daemon's logger wrote has a priority.
        #expect(lines.filter { !$0.isEmpty && !$0.hasPrefix("<") }.isEmpty, "\(lines)")
    }

    @Test func withoutJournald_linesKeepTimestamps() async throws {
        let daemon = try DaemonProcess(arguments: ["--workers", "1"], environment: ["JOURNAL_STREAM": "1:2"])
        try await daemon.waitUntilReady()
        await daemon.stop()
        let started = daemon.log.split(separator: "\n").first { $0.contains("invoiced started") } ?? ""
        // JOURNAL_STREAM names some other stream (inherited, say): stderr is not the journal.
        #expect(!started.hasPrefix("<"), "\(started)")
        #expect(started.range(of: #"^\d{4}-\d\d-\d\dT"#, options: .regularExpression) != nil, "\(started)")
    }

    @Test func sighup_appliesLogLevelAndSettleTime_reportsWhatNeedsARestart_andSurvivesABadFile() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        let config = dir.appending("invoiced.yaml")
        // Ten minutes of settle time: nothing is taken unless the reload shortens it.
        try "log:\n  level: warning\ninbox:\n  settle_ms: 600000\nworkers: 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let systemd = try NotifyListener(address: dir.appending("notify.sock"))
        let daemon = try DaemonProcess(dir: dir, arguments: ["--config", config], environment: [
            "NOTIFY_SOCKET": systemd.address, "INVOICED_INBOX_SETTLE_MS": "", "INVOICED_WORKERS": "",
        ])
        let ready = await waitUntil(timeout: 60) { !systemd.messages(containing: "READY=1").isEmpty }
        #expect(ready, "log:\n\(daemon.log)")
        #expect(!daemon.log.contains("watching the inbox"), "info lines at level warning")

        try FileManager.default.copyItem(atPath: Fixtures.invoice("english-01"), toPath: "\(daemon.inbox)/english.png")
        try "log:\n  level: info\ninbox:\n  settle_ms: 100\nworkers: 2\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)

        let reloaded = await waitUntil(timeout: 30) { systemd.messages(containing: "READY=1").count >= 2 }
        #expect(reloaded, "log:\n\(daemon.log)")
        #expect(!systemd.messages(containing: "RELOADING=1").isEmpty)
        let done = try await waitUntil(timeout: 120) { (try daemon.statusCounts())["done"] == 1 }
        #expect(done, "the file was not taken after the settle time was shortened; log:\n\(daemon.log)")
        let log = daemon.log
        let reloadLine = log.split(separator: "\n").first { $0.contains("configuration reloaded") } ?? ""
        #expect(reloadLine.contains("log.level=info") && reloadLine.contains("inbox.settle_ms=100"), "\(log)")
        let restartLine = log.split(separator: "\n").first { $0.contains("only after a restart") } ?? ""
        #expect(restartLine.contains("workers"), "\(log)")
        // The row is committed before the line is logged: wait for the line itself.
        let logged = await waitUntil(timeout: 30) { daemon.log.contains("job done") }
        #expect(logged, "info level not in force")

        // A file that no longer loads changes nothing, and the daemon runs on.
        try "inbox:\n  settle_ms: soon\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        let refused = await waitUntil(timeout: 30) { daemon.log.contains("configuration reload failed") }
        #expect(refused, "log:\n\(daemon.log)")
        #expect(daemon.log.split(separator: "\n").first { $0.contains("reload failed") }?.contains("inbox.settle_ms") == true)
        #expect(try await daemon.get("/healthz").status == .ok)
        #expect(await daemon.stop() == 0)
    }

    @Test func stateAndRuntimeDirectories_holdTheDataAndTheSocket() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        let state = dir.appending("state"), runtime = dir.appending("runtime")
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
        let daemon = try DaemonProcess(dir: dir, arguments: ["--workers", "1"], environment: [
            "STATE_DIRECTORY": state, "RUNTIME_DIRECTORY": runtime, "INVOICED_INBOX_PATH": dir.appending("inbox"),
        ], passPaths: false, dataDir: state, socket: "\(runtime)/invoiced.sock")
        try await daemon.waitUntilReady()
        #expect(FileManager.default.fileExists(atPath: "\(state)/invoiced.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir.appending("data")))
        await daemon.stop()
    }

    @Test func credentialsDirectory_providesTheGroqKey_neverLogged() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-e2e")
        let credentials = dir.appending("credentials")
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        try "gsk_test_0123456789secret\n".write(toFile: "\(credentials)/groq-api-key", atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(dir: dir, arguments: ["--workers", "1"], environment: [
            "CREDENTIALS_DIRECTORY": credentials, "GROQ_API_KEY": "gsk_from_environment",
        ])
        try await daemon.waitUntilReady()
        await daemon.stop()
        #expect(daemon.log.contains("chat_key=credential groq-api-key"), "\(daemon.log)")
        #expect(!daemon.log.contains("gsk_"))

        let check = try await runCommand(DaemonProcess.binary, ["--check-config", "--inbox", daemon.inbox, "--data-dir", daemon.dataDir],
                                         environment: cleanEnvironment(["CREDENTIALS_DIRECTORY": credentials]))
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("chat API key: from credential groq-api-key"), "\(check.stdout)")
        #expect(!(check.stdout + check.stderr).contains("gsk_"))
    }

    @Test func socketGroup_isGivenToTheSocket_andAMissingGroupStopsTheStart() async throws {
        // Root may give the socket to any group; anyone else to their own group.
        let group = geteuid() == 0 ? "users" : String(getegid())
        let gid = geteuid() == 0 ? gid_t(100) : getegid()
        let daemon = try DaemonProcess(arguments: ["--workers", "1"],
                                       environment: ["INVOICED_SOCKET_GROUP": group, "INVOICED_SOCKET_MODE": "0660"])
        try await daemon.waitUntilReady()
        let socketStatus = try #require(FileStatus(daemon.socket))
        #expect(socketStatus.groupID == gid)
        #expect(socketStatus.permissions & 0o777 == 0o660)
        await daemon.stop()

        let refused = try DaemonProcess(arguments: ["--workers", "1"], environment: ["INVOICED_SOCKET_GROUP": "no-such-group-invoiced"])
        _ = await waitUntil(timeout: 30) { !refused.process.isRunning }
        #expect(refused.process.terminationStatus == 1)
        #expect(refused.log.contains("socket_group 'no-such-group-invoiced' does not exist"), "\(refused.log)")
        #expect(!FileManager.default.fileExists(atPath: refused.socket))
    }

    /// Issue 16: the configuration `make install` writes serves the web workspace on loopback,
    /// and `--check-config` tells the administrator where and to whom, before and after a
    /// token is set.
    @Test func checkConfig_ofTheInstalledConfiguration_showsTheWorkspaceOnLoopback_andWhoMayUseIt() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-check")
        let installed = try await runCommand("\(Fixtures.repositoryRoot)/scripts/service-config.sh", [])
        #expect(installed.status == 0, "\(installed.stderr)")
        let file = dir.appending("invoiced.yaml")
        try installed.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        // The service's places are elsewhere on this machine: only they are moved.
        let places = ["INVOICED_INBOX_PATH": dir.appending("inbox"), "INVOICED_DATA_DIR": dir.appending("data"),
                      "INVOICED_SOCKET": dir.appending("invoiced.sock"), "INVOICED_SOCKET_GROUP": geteuid() == 0 ? "users" : String(getegid())]
        let open = try await runCommand(DaemonProcess.binary, ["--config", file, "--check-config"], environment: cleanEnvironment(places))
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout.contains("http: 127.0.0.1:8000, the web workspace at http://127.0.0.1:8000/ (no token: every user of this machine may use it)"),
                "\(open.stdout)")
        var withToken = places
        withToken["INVOICED_HTTP_TOKEN"] = "office-token-0123456789"
        let guarded = try await runCommand(DaemonProcess.binary, ["--config", file, "--check-config"], environment: cleanEnvironment(withToken))
        #expect(guarded.status == 0, "\(guarded.stderr)")
        #expect(guarded.stdout.contains("http://127.0.0.1:8000/ (the token required: programs send it as a bearer header, browsers log in at /login)"),
                "\(guarded.stdout)")
        #expect(!guarded.stdout.contains("office-token"))
    }

    @Test func checkConfig_acceptsAGoodFile_andNamesWhatIsWrongInBadOnes() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-check")
        func check(_ yaml: String, _ extra: [String: String] = [:]) async throws -> CommandResult {
            let file = dir.appending("invoiced-\(UUID().uuidString.prefix(6)).yaml")
            try yaml.write(toFile: file, atomically: true, encoding: .utf8)
            return try await runCommand(DaemonProcess.binary, ["--config", file, "--check-config"],
                                        environment: cleanEnvironment(extra), in: dir.path)
        }
        let good = try await check("inbox:\n  path: \(dir.appending("inbox"))\ndata_dir: \(dir.appending("data"))\nworkers: 1\n")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("configuration is valid"))
        #expect(good.stdout.contains("ocr.languages: vie+eng loaded"))

        let badValue = try await check("inbox:\n  settle_ms: soon\n")
        #expect(badValue.status == 2)
        #expect(badValue.stderr.contains("inbox.settle_ms"))

        let unknownKey = try await check("inbox:\n  setle_ms: 100\n")
        #expect(unknownKey.status == 2)
        #expect(unknownKey.stderr.contains("inbox.setle_ms"))

        let noGroup = try await check("data_dir: \(dir.appending("data"))\nsocket_group: no-such-group-invoiced\n")
        #expect(noGroup.status == 2)
        #expect(noGroup.stderr.contains("group 'no-such-group-invoiced' does not exist"), "\(noGroup.stderr)")

        _ = FileManager.default.createFile(atPath: dir.appending("a-file"), contents: Data("x".utf8))
        let fileAsData = try await check("data_dir: \(dir.appending("a-file"))\n")
        #expect(fileAsData.status == 2)
        #expect(fileAsData.stderr.contains("data_dir: \(dir.appending("a-file")) exists and is not a folder"), "\(fileAsData.stderr)")

        let noLanguage = try await check("data_dir: \(dir.appending("data"))\nocr:\n  languages: vie+xyz\n")
        #expect(noLanguage.status == 2)
        #expect(noLanguage.stderr.contains("tesseract-ocr-xyz"))

        let missingCredentials = try await check("data_dir: \(dir.appending("data"))\n", ["CREDENTIALS_DIRECTORY": dir.appending("nowhere")])
        #expect(missingCredentials.status == 2)
        #expect(missingCredentials.stderr.contains("CREDENTIALS_DIRECTORY"))
    }
}
