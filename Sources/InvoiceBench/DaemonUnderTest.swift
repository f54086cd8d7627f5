import Foundation
import GRDB
import Glibc

/// The release `invoiced` binary run on a folder of its own (inbox, data, socket), started
/// as a user or systemd starts it: `OMP_THREAD_LIMIT` removed (the daemon sees to it), TCP
/// off, the rest from flags and `INVOICED_*` variables.
///
/// Not `Sendable`: one benchmark step owns it; concurrent load tasks get `socket` and an
/// `APIClient`, never the process.
public final class DaemonUnderTest {
    /// The folder holding `inbox/`, `data/` and the log.
    public let root: String
    /// Worker threads it was started with.
    public let workers: Int
    private let process: ChildProcess
    private let logPath: String

    /// The drop folder.
    public var inbox: String { "\(root)/inbox" }
    /// The data folder (`invoiced.sqlite`, `results/`, ...).
    public let dataDir: String
    /// The API socket.
    public let socket: String
    /// The database file.
    public var databasePath: String { "\(dataDir)/invoiced.sqlite" }
    /// The process id (the same after the daemon's OpenMP re-exec: exec keeps it).
    public var pid: Int32 { process.pid }

    /// Starts `binary` on `root` (created if needed) with `workers` threads and `settleMs`.
    /// `dataDir` puts the data folder elsewhere (one shared by nodes), the socket then in
    /// `root`.
    public init(binary: String, root: String, workers: Int, settleMs: Int, environment extra: [String: String] = [:],
                dataDir: String? = nil) throws {
        self.root = root
        self.workers = workers
        self.dataDir = dataDir ?? "\(root)/data"
        socket = dataDir == nil ? "\(root)/data/invoiced.sock" : "\(root)/invoiced.sock"
        try FileManager.default.createDirectory(atPath: "\(root)/inbox", withIntermediateDirectories: true)
        logPath = "\(root)/daemon.log"
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "OMP_THREAD_LIMIT")
        environment = environment.filter { !$0.key.hasPrefix("INVOICED_") }
        environment["INVOICED_INBOX_SETTLE_MS"] = "\(settleMs)"
        for (key, value) in extra { environment[key] = value }
        process = try ChildProcess(
            executable: binary,
            arguments: ["--inbox", "\(root)/inbox", "--data-dir", self.dataDir, "--socket", socket, "--http", "off", "--workers", "\(workers)"],
            environment: environment, output: logPath)
    }

    /// Starts `binary` (the measured build unless given) on a fresh `<workRoot>/<name>`, a
    /// worker per core, and waits until it answers.
    static func fresh(_ name: String, settings: BenchSettings, settleMs: Int, binary: String? = nil,
                      environment: [String: String] = [:]) async throws -> DaemonUnderTest {
        let root = "\(settings.workRoot)/\(name)"
        try? FileManager.default.removeItem(atPath: root)
        let daemon = try DaemonUnderTest(binary: binary ?? settings.binary, root: root, workers: settings.cores,
                                         settleMs: settleMs, environment: environment)
        try await daemon.waitUntilReady()
        return daemon
    }

    /// Stops the daemon and removes its folder.
    func stopAndRemove() async throws {
        try await stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The end of the daemon's log, for error messages.
    public var logTail: String {
        String(((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").suffix(2000))
    }

    /// Waits until `/healthz` answers 200 (engines loaded, inbox watched).
    public func waitUntilReady(timeout: Double = 120) async throws {
        let client = APIClient(socket: socket)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { throw BenchError("the daemon exited at start:\n\(logTail)") }
            if FileManager.default.fileExists(atPath: socket), (try? await client.get("/healthz").status) == 200 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BenchError("the daemon did not become ready in \(Int(timeout)) s:\n\(logTail)")
    }

    /// The database, read-only, for the bench's own checks (WAL: it never blocks the daemon).
    public func openDatabase() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: databasePath, configuration: configuration)
    }

    /// Resident set size now, in KiB (`VmRSS`).
    public func residentKiB() -> Int? { Self.procStatus(pid: pid, key: "VmRSS:") }
    /// The highest resident set size since the process started, in KiB (`VmHWM`).
    public func peakResidentKiB() -> Int? { Self.procStatus(pid: pid, key: "VmHWM:") }

    /// Sends SIGTERM and waits for the process to end; the daemon hands running jobs back.
    public func stop(timeout: Double = 90) async throws {
        process.send(SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            process.send(SIGKILL)
            process.wait()
            throw BenchError("the daemon did not stop within \(Int(timeout)) s after SIGTERM")
        }
    }

    deinit {
        if process.isRunning {
            process.send(SIGKILL)
            process.wait()
        }
    }

    static func procStatus(pid: Int32, key: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}

/// A benchmark step that could not be carried out (as opposed to a figure that missed its target).
public struct BenchError: Error, CustomStringConvertible {
    public var description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
