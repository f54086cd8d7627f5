import Foundation
import Glibc
import NIOHTTP1
import TestSupport
import Testing

/// systemd's offline tools, where installed.
enum SystemdTools {
    static let analyze = findExecutable(["/usr/bin/systemd-analyze", "/bin/systemd-analyze"])
}

/// The unit file and its snippets, checked with systemd's own tools (which work without
/// systemd running), and `make install` into a staging root with the installed binary
/// started the way the unit starts it.
@Suite(.serialized, .enabled(if: SystemdTools.analyze != nil,
                             "systemd-analyze is not installed (Debian package systemd; scripts/install-deps.sh installs it)"))
struct SystemdUnitTests {
    static let unit = "\(Fixtures.repositoryRoot)/systemd/invoiced.service"

    /// `unitText` with `ExecStart=` naming `binary`, written into `dir`: `verify` checks that
    /// the program exists, and the tests must not depend on an installed one.
    func unitCopy(_ unitText: String, execStart binary: String, in dir: TemporaryDirectory) throws -> String {
        let text = unitText.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix("ExecStart=") ? "ExecStart=\(binary)" : String($0)
        }.joined(separator: "\n")
        let path = dir.appending("invoiced.service")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func verify(_ unitText: String) async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-unit")
        let path = try unitCopy(unitText, execStart: DaemonProcess.binary, in: dir)
        let result = try await runCommand(SystemdTools.analyze!, ["verify", path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.isEmpty && result.stdout.isEmpty, "verify complained: \(result.stdout)\(result.stderr)")
    }

    @Test func unitVerifies() async throws {
        try await verify(try String(contentsOfFile: Self.unit, encoding: .utf8))
    }

    @Test func securityExposure_isAtMostOneAndAHalf() async throws {
        let result = try await runCommand(SystemdTools.analyze!, ["security", "--offline=true", Self.unit])
        let output = result.stdout + result.stderr
        // A misspelt or invalid setting is ignored with a warning and would quietly lower the protection.
        #expect(!output.contains("ignoring") && !output.contains("Unknown"), "\(output)")
        let line = try #require(output.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(output)")
        let number = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(number <= 1.5, "\(line)")
    }

    /// Issue 13, item 6: a document that blows up the decoders must meet a limit of the
    /// service's own, so the kernel kills the daemon (and the job is counted), not the machine.
    @Test func memory_isCappedForTheService() throws {
        let unit = try String(contentsOfFile: Self.unit, encoding: .utf8)
        let limit = try #require(unit.split(separator: "\n").first { $0.hasPrefix("MemoryMax=") }, "no MemoryMax= in the unit")
        #expect(limit.hasSuffix("G") || limit.hasSuffix("M"), "\(limit)")
        // (A misspelt key would be reported by the verify test above.)
    }

    /// Issue 16: the installed service serves the web workspace on loopback TCP; nothing in
    /// the unit's sandbox may keep it from listening there or from being reached.
    @Test func theUnit_letsTheServiceListenOnLoopbackTCP() throws {
        let lines = try String(contentsOfFile: Self.unit, encoding: .utf8).split(separator: "\n").map(String.init)
        func values(_ key: String) -> [String] {
            lines.filter { $0.hasPrefix("\(key)=") }.flatMap { $0.dropFirst(key.count + 1).split(separator: " ").map(String.init) }
        }
        let families = values("RestrictAddressFamilies")
        #expect(families.contains("AF_INET") && families.contains("AF_INET6"), "\(families)")
        // Port 8000 (the installed config's) is in an allowed range, and nothing denies it first.
        let allowed = values("SocketBindAllow").compactMap { rule -> ClosedRange<Int>? in
            let range = rule.replacingOccurrences(of: "tcp:", with: "").split(separator: "-").compactMap { Int($0) }
            return rule.hasPrefix("tcp:") && range.count == 2 ? range[0]...range[1] : nil
        }
        #expect(allowed.contains { $0.contains(8000) }, "SocketBindAllow: \(values("SocketBindAllow"))")
        #expect(values("SocketBindDeny").allSatisfy { $0 == "any" }, "\(values("SocketBindDeny"))")
        // No network namespace of its own, and loopback not filtered away.
        #expect(!values("PrivateNetwork").contains("yes") && !values("PrivateNetwork").contains("true"))
        let deny = values("IPAddressDeny"), allow = values("IPAddressAllow")
        #expect(deny.isEmpty || allow.contains("localhost") || allow.contains("127.0.0.1"), "IPAddressDeny \(deny) without loopback allowed")
    }

    @Test func makeInstall_stagesEverything_theInstalledDaemonRunsAsTheUnitRunsIt_uninstallRemovesIt() async throws {
        let dir = try TemporaryDirectory(prefix: "invoiced-install")
        let stage = dir.appending("stage")
        let binaries = (DaemonProcess.binary as NSString).deletingLastPathComponent
        let install = try await runCommand("/usr/bin/make", ["install", "DESTDIR=\(stage)", "PREFIX=/usr", "BINARIES=\(binaries)"],
                                           environment: cleanEnvironment(), in: Fixtures.repositoryRoot)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let files: [(String, Int)] = [
            ("usr/bin/invoiced", 0o755), ("usr/bin/invoicectl", 0o755),
            ("usr/lib/systemd/system/invoiced.service", 0o644), ("usr/lib/sysusers.d/invoiced.conf", 0o644),
            ("usr/lib/tmpfiles.d/invoiced.conf", 0o644), ("etc/invoiced/invoiced.yaml", 0o644),
            ("usr/share/doc/invoiced/README.md", 0o644),
            // The reverse proxy example the README points to (deploy/nginx/invoiced.conf).
            ("usr/share/doc/invoiced/nginx-invoiced.conf", 0o644),
        ]
        for (file, mode) in files {
            let status = FileStatus("\(stage)/\(file)")
            #expect(status != nil, "\(file) not installed")
            let bits = (status?.permissions ?? 0) & 0o777
            #expect(bits == mode, "\(file): mode \(String(bits, radix: 8))")
        }
        let unitText = try String(contentsOfFile: "\(stage)/usr/lib/systemd/system/invoiced.service", encoding: .utf8)
        #expect(unitText.contains("\nExecStart=/usr/bin/invoiced\n"))
        try await verify(unitText)

        // The default configuration puts everything where the unit prepares it.
        let config = try String(contentsOfFile: "\(stage)/etc/invoiced/invoiced.yaml", encoding: .utf8)
        for line in ["  path: /srv/invoiced/inbox", "data_dir: /var/lib/invoiced", "socket: /run/invoiced/invoiced.sock",
                     "socket_group: invoiced-users"] {
            #expect(config.contains("\n\(line)\n"), "\(line) missing in:\n\(config)")
        }
        // Issue 16: loopback TCP is on, so the office's browser on this machine finds the
        // workspace at http://127.0.0.1:8000/; the token stays off until someone sets it.
        let configLines = config.split(separator: "\n")
        #expect(configLines.contains { $0.hasPrefix("http: 127.0.0.1:8000") && !$0.contains("off") }, "\(config)")
        #expect(configLines.contains { $0 == "http_allow_remote: false" })

        // sysusers.d and tmpfiles.d snippets applied to the staging root, as on a real system.
        if let sysusers = findExecutable(["/usr/bin/systemd-sysusers", "/bin/systemd-sysusers"]),
           let tmpfiles = findExecutable(["/usr/bin/systemd-tmpfiles", "/bin/systemd-tmpfiles"]) {
            try FileManager.default.createDirectory(atPath: "\(stage)/etc", withIntermediateDirectories: true)
            let users = try await runCommand(sysusers, ["--root=\(stage)"])
            #expect(users.status == 0, "\(users.stderr)")
            let group = try String(contentsOfFile: "\(stage)/etc/group", encoding: .utf8)
            #expect(group.split(separator: "\n").contains { $0.hasPrefix("invoiced-inbox:") && $0.hasSuffix(":invoiced") }, "\(group)")
            #expect(group.split(separator: "\n").contains { $0.hasPrefix("invoiced-users:") && $0.hasSuffix(":invoiced") }, "\(group)")
            #expect(try String(contentsOfFile: "\(stage)/etc/passwd", encoding: .utf8).contains("invoiced:x:"))
            let created = try await runCommand(tmpfiles, ["--create", "--root=\(stage)", "invoiced.conf"])
            #expect(created.status == 0, "\(created.stderr)")
            let inbox = try #require(FileStatus("\(stage)/srv/invoiced/inbox"))
            #expect(inbox.permissions == 0o2770, "inbox mode \(String(inbox.permissions, radix: 8))")
        }

        // The installed binary, started as the unit starts it: no arguments, the config from
        // $CONFIGURATION_DIRECTORY, OMP_THREAD_LIMIT set, notify socket and watchdog. The
        // places systemd would create are redirected into the staging root.
        let state = "\(stage)/var/lib/invoiced", runtime = "\(stage)/run/invoiced", inbox = "\(stage)/srv/invoiced/inbox"
        for folder in [state, runtime, inbox] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let credentials = dir.appending("credentials")
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        try "gsk_installed_test\n".write(toFile: "\(credentials)/groq-api-key", atomically: true, encoding: .utf8)
        let systemd = try NotifyListener(address: dir.appending("notify"))
        let daemon = try DaemonProcess(dir: dir, environment: [
            "CONFIGURATION_DIRECTORY": "\(stage)/etc/invoiced", "STATE_DIRECTORY": state, "RUNTIME_DIRECTORY": runtime,
            "CREDENTIALS_DIRECTORY": credentials, "OMP_THREAD_LIMIT": "1",
            "NOTIFY_SOCKET": systemd.address, "WATCHDOG_USEC": "4000000",
            // What the config file names outside the staging root:
            "INVOICED_DATA_DIR": state, "INVOICED_SOCKET": "\(runtime)/invoiced.sock", "INVOICED_INBOX_PATH": inbox,
            "INVOICED_SOCKET_GROUP": geteuid() == 0 ? "users" : String(getegid()), "INVOICED_WORKERS": "1",
            // The config's loopback address on a port the kernel picks: 8000 may be taken here.
            "INVOICED_HTTP": "127.0.0.1:0",
        ], passPaths: false, dataDir: state, socket: "\(runtime)/invoiced.sock", binary: "\(stage)/usr/bin/invoiced", httpOff: false)
        let ready = await waitUntil(timeout: 60) { !systemd.messages(containing: "READY=1").isEmpty }
        #expect(ready, "log:\n\(daemon.log)")
        #expect(try await daemon.get("/healthz").status == .ok)
        #expect(daemon.log.contains("config=\(stage)/etc/invoiced/invoiced.yaml"), "\(daemon.log)")
        #expect(daemon.log.contains("chat_key=credential groq-api-key"))
        // The workspace over loopback TCP, with its browser guards: another name in Host
        // (DNS rebinding) gets 421, a change from another site 403.
        let port = try await daemon.waitForTCPPort()
        try await TCPClient.with(port: port) { tcp in
            let page = try await tcp.send(.GET, "/", headers: [("Accept", "text/html")])
            #expect(page.status == .ok, "\(page.body)")
            #expect(page.headers["Content-Type"].first?.hasPrefix("text/html") == true)
            #expect(page.headers["Content-Security-Policy"].first?.contains("frame-ancestors 'none'") == true)
            #expect(try await tcp.send(.GET, "/api/stats").status == .ok)
            #expect(try await tcp.send(.GET, "/api/stats", headers: [("Host", "attacker.example:\(port)")]).status == .misdirectedRequest)
            let crossSite = try await tcp.send(.DELETE, "/chat/history?user_id=x", headers: [("Origin", "http://attacker.example")])
            #expect(crossSite.status == .forbidden, "\(crossSite.body)")
        }
        let pinged = await waitUntil(timeout: 30) { !systemd.messages(containing: "WATCHDOG=1").isEmpty }
        #expect(pinged)
        #expect(await daemon.stop() == 0)
        #expect(!systemd.messages(containing: "STOPPING=1").isEmpty)

        let uninstall = try await runCommand("/usr/bin/make", ["uninstall", "DESTDIR=\(stage)", "PREFIX=/usr"],
                                             environment: cleanEnvironment(), in: Fixtures.repositoryRoot)
        #expect(uninstall.status == 0, "\(uninstall.stdout)\(uninstall.stderr)")
        for (file, _) in files {
            #expect(!FileManager.default.fileExists(atPath: "\(stage)/\(file)"), "\(file) left after uninstall")
        }
    }
}
