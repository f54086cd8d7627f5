import Foundation
import Glibc
import Synchronization

/// A private PostgreSQL server of the caller's own (the tests', the benchmark's): `initdb`
/// into a temp folder, `pg_ctl` starting it on a free loopback port and a socket in that
/// folder, stopped and removed when the value goes away. Never a system cluster. As root the server runs as Debian's
/// `postgres` user (PostgreSQL refuses root). Local connections are trusted; TCP ones need
/// the password `password` (scram), so both ways in are tried.
public final class LocalPostgresServer: Sendable {
    public static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root))?.compactMap { Int($0) }.sorted() ?? []
        guard let newest = versions.last else { return nil }
        let bin = "\(root)/\(newest)/bin"
        return FileManager.default.fileExists(atPath: bin + "/initdb") ? bin : nil
    }()

    public static let missing = "PostgreSQL's server is not installed (Debian package postgresql; scripts/install-deps.sh installs it)"

    /// The server's folder: data, socket, log.
    public let folder: String
    public let port: Int
    public let user = "postgres"
    public let password = "password"
    public var socketFolder: String { "\(folder)/socket" }
    public var dataFolder: String { "\(folder)/data" }

    /// Where it listens: loopback, and `network`'s address if given.
    private let listenAddresses: String

    /// Starts a new cluster and waits until it accepts connections. With `network`, it also
    /// listens on `network.listen` (an address of this host on another link, e.g. a network
    /// namespace's) and takes password connections from `network.clients` (a CIDR block).
    public init(network: (listen: String, clients: String)? = nil) throws {
        guard let bin = Self.binaries else { throw ClusterFailure(Self.missing) }
        folder = "\(FileManager.default.temporaryDirectory.path)/invoiced-pg-\(UUID().uuidString.prefix(8).lowercased())"
        port = try freeLoopbackPort()
        listenAddresses = (["127.0.0.1"] + (network.map { [$0.listen] } ?? [])).joined(separator: ",")
        try FileManager.default.createDirectory(atPath: "\(folder)/socket", withIntermediateDirectories: true)
        try password.write(toFile: "\(folder)/pwfile", atomically: true, encoding: .utf8)
        if geteuid() == 0 {
            try Self.run("/bin/chown", ["-R", "postgres:postgres", folder])
            try Self.run("/bin/chmod", ["755", folder])
        }
        Self.stopAtExit(dataFolder: dataFolder)
        try runAsServer("\(bin)/initdb", ["-D", dataFolder, "-U", user, "--pwfile", "\(folder)/pwfile",
                                          "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
        if let network {
            let hba = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(dataFolder)/pg_hba.conf"))
            try hba.seekToEnd()
            try hba.write(contentsOf: Data("host all all \(network.clients) scram-sha-256\n".utf8))
            try hba.close()
        }
        try start()
    }

    /// Starts the server (again, after `stop`), waiting until it answers.
    public func start() throws {
        guard let bin = Self.binaries else { throw ClusterFailure(Self.missing) }
        let options = "-c listen_addresses=\(listenAddresses) -p \(port) -k \(socketFolder) -c fsync=off -c max_connections=200"
        try runAsServer("\(bin)/pg_ctl", ["-D", dataFolder, "-l", "\(folder)/server.log", "-o", options, "-w", "-t", "60", "start"])
    }

    /// Stops the server: `fast` ends connections at once, `immediate` is a crash.
    public func stop(mode: String = "fast") throws {
        guard let bin = Self.binaries else { return }
        try runAsServer("\(bin)/pg_ctl", ["-D", dataFolder, "-m", mode, "-w", "-t", "60", "stop"])
    }

    /// Creates a database of the test's own.
    public func createDatabase(_ name: String) throws {
        guard let bin = Self.binaries else { throw ClusterFailure(Self.missing) }
        try runAsServer("\(bin)/createdb", ["-h", socketFolder, "-p", String(port), "-U", user, name])
    }

    /// What `psql` prints for `sql` on `database` over the socket folder: unaligned, tuples
    /// only (`|` between columns, a line per row). For a test to read the store as it is.
    public func psql(_ sql: String, database: String) throws -> String {
        guard let bin = Self.binaries else { throw ClusterFailure(Self.missing) }
        return try Self.run("\(bin)/psql", ["-h", socketFolder, "-p", String(port), "-U", user, "-d", database,
                                            "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// `postgresql://` address of a database over the socket folder.
    public func socketAddress(_ database: String) -> String { "postgresql://\(user)@:\(port)/\(database)?host=\(socketFolder)" }

    /// `postgresql://` address of a database over TCP (needs the password), on loopback or
    /// on `host`.
    public func tcpAddress(_ database: String, host: String = "127.0.0.1") -> String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    /// The server's log, for a failing test's message.
    public var log: String { (try? String(contentsOfFile: "\(folder)/server.log", encoding: .utf8)) ?? "" }

    deinit {
        try? stop(mode: "immediate")
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Servers still running when the test process exits (a cluster shared by a whole run
    /// lives in a static, which is never released) are stopped then.
    private static let running = Mutex<[String]>([])

    private static func stopAtExit(dataFolder: String) {
        let first = running.withLock { folders in
            folders.append(dataFolder)
            return folders.count == 1
        }
        if first {
            atexit {
                guard let bin = LocalPostgresServer.binaries else { return }
                for folder in LocalPostgresServer.running.withLock({ $0 }) where FileManager.default.fileExists(atPath: folder + "/postmaster.pid") {
                    let ctl = geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", "\(bin)/pg_ctl"] : ["\(bin)/pg_ctl"]
                    try? LocalPostgresServer.run(ctl[0], Array(ctl.dropFirst()) + ["-D", folder, "-m", "immediate", "-w", "stop"])
                    try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent)
                }
            }
        }
    }

    private func runAsServer(_ program: String, _ arguments: [String]) throws {
        if geteuid() == 0 {
            try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        } else {
            try Self.run(program, arguments)
        }
    }

    /// Runs a program to its end, through posix_spawn and waitpid. Its output goes to a file:
    /// `pg_ctl start` leaves the server running with the descriptors it was given, and
    /// Foundation's Process waited for them as well as for the program.
    @discardableResult
    private static func run(_ program: String, _ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("invoiced-pg-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the test process reaches the server, which outlives the program
        // (a lock a build tool holds on a descriptor would be held as long as it runs).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
        for descriptor in open where descriptor > 2 && fcntl(descriptor, F_GETFD) >= 0 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ClusterFailure("cannot start \(program): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw ClusterFailure("\(program) \(arguments.joined(separator: " ")) exited with status \(status): \(text)")
        }
        return text
    }
}

/// Why the test's own server could not be set up.
public struct ClusterFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A TCP port free on 127.0.0.1 now, for a server that must be told its port.
public func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw ClusterFailure("no free port: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
