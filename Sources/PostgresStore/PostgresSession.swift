import JobStore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// Connections to the shared store, each lent to one caller at a time and kept for the next.
/// Blocking, like the SQLite store: its callers are the workers' and intake's dedicated
/// threads, which wait on NIO's futures; an event-loop thread must never call it.
public final class PostgresSession: Sendable {
    public let location: PostgresLocation
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    /// Given to each connection (`application_name`).
    let applicationName: String
    private let idle = Mutex<[PostgresConnection]>([])
    private let connectionCount = Atomic<Int>(0)

    /// Connections are opened when first needed; `connectTimeout` bounds each attempt.
    public init(location: PostgresLocation, password: String?, logger: Logger, connectTimeout: TimeAmount = .seconds(10),
                applicationName: String = "invoiced") {
        self.location = location
        self.applicationName = applicationName
        self.logger = logger
        var configuration: PostgresConnection.Configuration = switch location.endpoint {
        case let .tcp(host, port):
            .init(host: host, port: port, username: location.user, password: password, database: location.database, tls: .disable)
        case .socketFolder:
            .init(unixSocketPath: location.socketPath!, username: location.user, password: password, database: location.database)
        }
        configuration.options.connectTimeout = connectTimeout
        // Dates are written as UTC text by the records (GRDB's format); the session reads them
        // so. The application name is the node's: the server's views (pg_stat_activity) say
        // which node holds which connection, and events carry it (`PostgresEventRelay`).
        configuration.options.additionalStartupParameters = [("TimeZone", "UTC"), ("application_name", applicationName)]
            + DeadLinkWatch.serverParameters
        self.configuration = configuration
    }

    /// Closes the connections now, waiting for each. Blocking.
    public func close() {
        for connection in idle.withLock({ idle in defer { idle = [] }; return idle }) { try? connection.close().wait() }
    }

    deinit {
        // A connection must be closed before it goes: waited for off NIO's threads; on one
        // (a session dropped by async code) each is kept by its close's callback until done.
        let connections = idle.withLock { $0 }
        if MultiThreadedEventLoopGroup.currentEventLoop == nil {
            for connection in connections { try? connection.close().wait() }
        } else {
            for connection in connections { connection.close().whenComplete { _ in withExtendedLifetime(connection) {} } }
        }
    }

    /// Runs `body` on a connection of its own. A connection the body left broken is closed,
    /// not lent again: the next call opens a new one (the server restarted, the link dropped).
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let kept = takeIdle()
        let connection = try kept ?? connect()
        do {
            let result = try body(connection)
            idle.withLock { $0.append(connection) }
            return result
        } catch {
            throw settle(connection, after: error)
        }
    }

    /// After `error` on `connection`: keeps the connection when it is still open, and says
    /// which of the two `error` was, a statement's or the link's (`StoreUnreachable`).
    private func settle(_ connection: PostgresConnection, after error: any Error) -> any Error {
        if connection.isClosed {
            logger.debug("store connection closed", metadata: ["error": "\(error)"])
            return error is StoreUnreachable ? error : StoreUnreachable(server: location.description, cause: Self.cause(of: error))
        }
        idle.withLock { $0.append(connection) }
        return unreachable(error) ?? error
    }

    /// `error` as `StoreUnreachable` when it says the server is out of reach: the link broke,
    /// it cannot connect, or the server is shutting down or starting (SQLSTATE 57P01-57P03).
    /// Nil for a statement's own error and for one that says what to fix (a wrong password).
    private func unreachable(_ error: any Error) -> StoreUnreachable? {
        guard let psql = error as? PSQLError else {
            return error as? StoreUnreachable
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return StoreUnreachable(server: location.description, cause: Self.cause(of: error))
        case .server where ["57P01", "57P02", "57P03"].contains(psql.serverInfo?[.sqlState] ?? ""):
            return StoreUnreachable(server: location.description, cause: Self.cause(of: error))
        default:
            return nil
        }
    }

    /// `withConnection` for async callers (the API): the same connections, awaited instead
    /// of waited for, so it may run anywhere, an event loop included.
    public func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let kept = takeIdle()
        let connection = if let kept { kept } else { try await connectAsync() }
        do {
            let result = try await body(connection)
            idle.withLock { $0.append(connection) }
            return result
        } catch {
            throw settle(connection, after: error)
        }
    }

    /// One statement on a connection of its own, awaited.
    @discardableResult
    public func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws -> PostgresQueryResult {
        try await withConnection { try await query(sql, binds, on: $0) }
    }

    /// One statement on a connection the caller holds, awaited.
    @discardableResult
    public func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), on connection: PostgresConnection) async throws -> PostgresQueryResult {
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).get()
    }

    /// `inTransaction` for async callers.
    public func inTransaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await query("BEGIN", on: connection)
            do {
                let result = try await body(connection)
                try await query("COMMIT", on: connection)
                return result
            } catch {
                if !connection.isClosed { _ = try? await query("ROLLBACK", on: connection) }
                throw error
            }
        }
    }

    /// A kept connection that is still open; one the server closed while it sat idle (a
    /// restart) is dropped unused.
    private func takeIdle() -> PostgresConnection? {
        idle.withLock { idle in
            while let connection = idle.popLast() {
                if !connection.isClosed { return connection }
            }
            return nil
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func inTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try run("BEGIN", on: connection)
            do {
                let result = try body(connection)
                try run("COMMIT", on: connection)
                return result
            } catch {
                if !connection.isClosed { _ = try? run("ROLLBACK", on: connection) }
                throw error
            }
        }
    }

    /// One statement on a connection the caller holds; its rows and how many it changed.
    @discardableResult
    public func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), on connection: PostgresConnection) throws -> PostgresQueryResult {
        try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
    }

    /// One statement sent on a connection the caller holds, not waited for: the caller
    /// prepares the next meanwhile (`StoreCopy`). Statements on one connection run in order.
    public func send(_ sql: String, _ binds: PostgresBindings, on connection: PostgresConnection) -> EventLoopFuture<Void> {
        connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).map { _ in }
    }

    /// One statement on a connection of its own.
    @discardableResult
    public func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> PostgresQueryResult {
        try withConnection { try run(sql, binds, on: $0) }
    }

    /// A new connection, for a caller that keeps it (LISTEN). Blocking.
    public func connect() throws -> PostgresConnection {
        do { return try opening().wait() } catch { throw unreachableOnConnect(error) }
    }

    private func connectAsync() async throws -> PostgresConnection {
        do { return try await opening().get() } catch { throw unreachableOnConnect(error) }
    }

    /// A failed connect is the link's trouble unless the server answered why (a wrong
    /// password, no such database): that one is kept for the person who must fix it.
    private func unreachableOnConnect(_ error: any Error) -> any Error {
        if let psql = error as? PSQLError, psql.code == .server || psql.code == .saslError || psql.code == .authMechanismRequiresPassword {
            return unreachable(error) ?? error
        }
        return unreachable(error) ?? StoreUnreachable(server: location.description, cause: Self.cause(of: error))
    }

    /// What went wrong with the link, for the log: PostgresNIO describes its errors only
    /// generically (its full form may hold a statement's values); its code, the network
    /// error under it and the server's own message are what a sysadmin needs.
    static func cause(of error: any Error) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        var parts = ["\(psql.code)"]
        if let message = psql.serverInfo?[.message] { parts.append(message) }
        if let underlying = psql.underlying { parts.append("\(underlying)") }
        return parts.joined(separator: ": ")
    }

    /// Over TCP the socket is opened here, with `DeadLinkWatch`'s options, and handed to
    /// PostgresNIO (whose own bootstrap sets none); a socket folder is left to it.
    private func opening() -> EventLoopFuture<PostgresConnection> {
        let id = connectionCount.add(1, ordering: .relaxed).newValue
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        guard case let .tcp(host, port) = location.endpoint else {
            return PostgresConnection.connect(on: eventLoop, configuration: configuration, id: id, logger: logger)
        }
        let configuration = configuration
        let logger = logger
        return DeadLinkWatch.bootstrap(on: eventLoop, connectTimeout: configuration.options.connectTimeout)
            .connect(host: host, port: port)
            .flatMap { channel in
                var bootstrapped = PostgresConnection.Configuration(establishedChannel: channel, username: configuration.username,
                                                                    password: configuration.password, database: configuration.database)
                bootstrapped.options = configuration.options
                return PostgresConnection.connect(on: eventLoop, configuration: bootstrapped, id: id, logger: logger)
            }
    }
}
