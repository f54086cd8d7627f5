import Foundation
import JobStore
import PostgresStore

/// Where the daemon keeps its jobs and invoices (`store`): a SQLite file of its own, or a
/// PostgreSQL database that any number of nodes share.
public enum StoreAddress: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    /// The server, and the password read from `store_password_file`, the credential or
    /// `PGPASSFILE` (nil when the server asks for none).
    case postgresql(PostgresLocation, password: StorePassword?)

    /// The address as a person reads it; never the password.
    public var description: String {
        switch self {
        case let .sqlite(path): "sqlite:\(path)"
        case let .postgresql(location, password): "\(location)\(password == nil ? "" : " (with a password)")"
        }
    }

    /// Whether other nodes may share it.
    var isShared: Bool {
        if case .postgresql = self { return true }
        return false
    }
}

/// The store's password: its `description` is redacted, so neither a log line nor
/// `--check-config` can show it.
public struct StorePassword: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let text: String
    public var description: String { "[redacted]" }
    public var debugDescription: String { description }
}

extension ConfigValues {
    /// `store` and `store_password_file`. The address is never echoed in an error: a user
    /// may have written a password into it.
    func store(dataDir: String) throws -> StoreAddress {
        guard let raw = settings.text(.store) else { return .sqlite(path: "\(dataDir)/invoiced.sqlite") }
        if raw.hasPrefix("sqlite:") {
            let path = String(raw.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw ConfigError("store: sqlite: needs the database file's path, e.g. sqlite:/var/lib/invoiced/invoiced.sqlite")
            }
            return .sqlite(path: absolute(path, in: workingDirectory))
        }
        guard raw.hasPrefix("postgresql://") || raw.hasPrefix("postgres://") else {
            throw ConfigError("store (flag --store, INVOICED_STORE) must be sqlite:PATH or postgresql://user@host:5432/dbname")
        }
        do {
            let location = try PostgresLocation(parsing: raw)
            let file = settings.text(.storePasswordFile).map { absolute($0, in: workingDirectory) }
            return .postgresql(location, password: try location.password(file: file, environment: environment).map(StorePassword.init))
        } catch let problem as PostgresLocation.Problem {
            throw ConfigError("store: \(problem.description)")
        }
    }

    /// `node_name`: letters, digits, `.`, `_` and `-`; the host's name when unset.
    func nodeName() throws -> String {
        let name = settings.text(.nodeName) ?? LeaseHolder.hostName
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw ConfigError.badValue(.nodeName, name, expected: "1 to 64 letters, digits, '.', '_' or '-', unique among the nodes of a shared store")
        }
        return name
    }
}
