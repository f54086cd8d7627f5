import AsyncHTTPClient
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// The real `invoiced` binary run on a temp inbox and data folder, as a user runs it.
final class DaemonProcess {
    let dir: TemporaryDirectory
    let process = Process()
    /// `cat`, copying the daemon's output into the log file when it logs through a pipe.
    private let logCopier = Process()
    let logPath: String
    var inbox: String { dir.appending("inbox") }
    var dataDir: String
    var socket: String

    /// The binary `swift build` made; `make test` builds it before the tests run.
    static var binary: String {
        ProcessInfo.processInfo.environment["INVOICED_BINARY"] ?? "\(Fixtures.repositoryRoot)/.build/debug/invoiced"
    }

    /// Starts the daemon in `dir` (a new temp folder when nil) with `arguments` added. Without
    /// `passPaths`, no `--inbox`/`--data-dir` is given (the environment or a config file
    /// decides, and `dataDir`/`socket` must be set to where the daemon puts them). With
    /// `journal`, `$JOURNAL_STREAM` names the log file, as systemd names the journal's stream.
    /// An empty value in `environment` removes that variable.
    /// `binary` runs another build of the daemon (an installed copy); `httpOff: false` leaves
    /// `--http` to the configuration; `user` runs it as that user and group (needs root).
    /// `logThroughPipe` gives the daemon a pipe to write its log to, as journald's stream is,
    /// and another process copies it into the log file: the log grows even while the daemon
    /// may write no file at all (a full disk). `launcher` runs the daemon through another
    /// program that execs it (`ip netns exec NAME`), so the process is still the daemon.
    init(dir: TemporaryDirectory? = nil, arguments: [String] = [], environment: [String: String] = [:],
         passPaths: Bool = true, dataDir: String? = nil, socket: String? = nil, journal: Bool = false,
         binary: String = DaemonProcess.binary, httpOff: Bool = true, user: (name: String, group: String)? = nil,
         logThroughPipe: Bool = false, launcher: [String] = []) throws {
        self.dir = try dir ?? TemporaryDirectory(prefix: "invoiced-e2e")
        self.dataDir = dataDir ?? self.dir.appending("data")
        self.socket = socket ?? "\(self.dataDir)/invoiced.sock"
        try FileManager.default.createDirectory(atPath: self.dir.appending("inbox"), withIntermediateDirectories: true)
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestFailure("no daemon binary at \(binary): run `swift build` (make test does) first")
        }
        logPath = self.dir.appending("daemon-\(UUID().uuidString.prefix(6)).log")
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.currentDirectoryURL = URL(fileURLWithPath: self.dir.path)
        let paths = passPaths ? ["--inbox", self.dir.appending("inbox"), "--data-dir", self.dataDir] : []
        let daemonArguments = paths + (httpOff ? ["--http", "off"] : []) + arguments
        if let user {
            // As a service runs it: under a user of its own (systemd's User=), here by setpriv.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user.name)", "--regid=\(user.group)", "--clear-groups", binary] + daemonArguments
        } else if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [binary] + daemonArguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = daemonArguments
        }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "OMP_THREAD_LIMIT") // the daemon must see to it itself
        // What systemd sets must come from the test alone, never from whatever runs the tests.
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "CREDENTIALS_DIRECTORY",
                    "STATE_DIRECTORY", "RUNTIME_DIRECTORY", "CONFIGURATION_DIRECTORY", "INVOICED_CONFIG", "GROQ_API_KEY"] {
            env.removeValue(forKey: key)
        }
        env["INVOICED_INBOX_SETTLE_MS"] = env["INVOICED_INBOX_SETTLE_MS"] ?? "300"
        if journal {
            var st = stat()
            guard stat(logPath, &st) == 0 else { throw TestFailure("cannot stat \(logPath)") }
            env["JOURNAL_STREAM"] = "\(st.st_dev):\(st.st_ino)"
        }
        // An empty value in `environment` removes the variable.
        for (key, value) in environment { env[key] = value.isEmpty ? nil : value }
        process.environment = env
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        if logThroughPipe {
            // Each side's end of the pipe is closed in this process once that side runs, so
            // `cat` ends when the daemon does.
            let pipe = Pipe()
            logCopier.executableURL = URL(fileURLWithPath: "/bin/cat")
            logCopier.standardInput = pipe
            logCopier.standardOutput = log
            try logCopier.run()
            process.standardOutput = pipe
            process.standardError = pipe
        } else {
            process.standardOutput = log
            process.standardError = log
        }
        try process.run()
    }

    /// What the daemon has logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits until the API answers on the socket.
    func waitUntilReady(timeout: Double = 60) async throws {
        let ready = await waitUntil(timeout: timeout) {
            (try? await self.get("/healthz").status) == .ok
        }
        if !ready { throw TestFailure("daemon not ready within \(timeout) s; log:\n\(log)") }
    }

    /// GET `path` over the Unix socket.
    func get(_ path: String) async throws -> (status: HTTPResponseStatus, body: String) {
        guard let url = URL(httpURLWithSocketPath: socket, uri: path) else { throw TestFailure("bad socket URL") }
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (response.status, String(buffer: body))
    }

    /// GET `path` and decode its JSON object.
    func getJSON(_ path: String) async throws -> [String: Any] {
        let (_, body) = try await get(path)
        return try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] ?? [:]
    }

    /// Sends `signal` and waits for the process to exit; returns its status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Double = 60) async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        _ = await waitUntil(timeout: timeout) { !self.process.isRunning }
        return process.isRunning ? -1 : process.terminationStatus
    }

    /// The daemon's database, read-only.
    func database() throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: "\(dataDir)/invoiced.sqlite", configuration: config)
    }

    /// Counts of jobs per status, as a user sees them: a finished job (done, failed,
    /// duplicate) counts once its file is where its row says. The daemon commits the status
    /// first and moves the file just after (a crash between is finished at start), so a test
    /// that saw only the row could look for the file in that instant and not find it.
    func statusCounts() throws -> [String: Int] {
        try database().read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, filepath FROM ocr_jobs") {
                let status: String = row["status"]
                let finished = ["done", "failed", "duplicate"].contains(status)
                if finished, !FileManager.default.fileExists(atPath: row["filepath"]) { continue }
                counts[status, default: 0] += 1
            }
            return counts
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        if logCopier.processIdentifier != 0 {
            // `cat` ends with the daemon's output; one whose daemon never started is stopped.
            if process.processIdentifier == 0 { logCopier.terminate() }
            logCopier.waitUntilExit()
        }
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
