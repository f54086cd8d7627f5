import Foundation
import LinuxSupport

/// Where the shared store is: `postgresql://user@host:5432/dbname`, or a server's Unix
/// socket folder as libpq writes it, `postgresql://user@/dbname?host=/run/postgresql`.
/// A password in the address is refused: it would sit in a unit file, `ps` and the log; it
/// comes from a file (`store_password_file`, the systemd credential `store-password`) or
/// `PGPASSFILE` instead.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The folder holding the server's socket (`.s.PGSQL.<port>`).
        case socketFolder(String, port: Int)
    }

    public var endpoint: Endpoint
    public var user: String
    public var database: String

    /// Why an address was refused, saying what to write instead.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Reads `postgresql://` (or `postgres://`) addresses.
    public init(parsing text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgresql", "postgres"].contains(scheme) else {
            throw Problem(description: "store '\(Self.redacted(text))' is not a postgresql://user@host:5432/dbname address")
        }
        if url.password != nil {
            throw Problem(description: "the store address holds a password; put it in a file named by store_password_file "
                          + "(or the systemd credential store-password, or PGPASSFILE) and leave it out of the address")
        }
        guard let user = url.user, !user.isEmpty else {
            throw Problem(description: "store '\(text)' names no user: write postgresql://USER@host:5432/dbname")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw Problem(description: "store '\(text)' names no database: write postgresql://user@host:5432/DBNAME")
        }
        let port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw Problem(description: "store '\(text)': port \(port) is not a port") }
        let socketFolder = url.queryItems?.first { $0.name == "host" }?.value
        if let socketFolder {
            guard socketFolder.hasPrefix("/") else {
                throw Problem(description: "store '\(text)': ?host= must be the absolute path of the server's socket folder")
            }
            endpoint = .socketFolder(socketFolder, port: port)
        } else {
            guard let host = url.host, !host.isEmpty else {
                throw Problem(description: "store '\(text)' names no host: write postgresql://user@HOST:5432/dbname, "
                              + "or ?host=/run/postgresql for the local socket")
            }
            endpoint = .tcp(host: host, port: port)
        }
        self.user = user
        self.database = database
    }

    public init(endpoint: Endpoint, user: String, database: String) {
        self.endpoint = endpoint
        self.user = user
        self.database = database
    }

    /// The address as written, which never holds a password: safe for the log.
    public var description: String {
        switch endpoint {
        case let .tcp(host, port): "postgresql://\(user)@\(host):\(port)/\(database)"
        case let .socketFolder(folder, port): "postgresql://\(user)@:\(port)/\(database)?host=\(folder)"
        }
    }

    /// The socket's path for a socket folder.
    public var socketPath: String? {
        if case let .socketFolder(folder, port) = endpoint { return "\(folder)/.s.PGSQL.\(port)" }
        return nil
    }

    /// `text` with anything between `://` and `@` hidden, for an error about an address.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else { return text }
        return text[..<scheme.upperBound] + "…" + text[at...]
    }

    /// The systemd credential that holds the password (`LoadCredential=store-password:/path`).
    public static let credentialName = "store-password"

    /// The password for this location: the first line of `passwordFile` when one is given,
    /// else of the systemd credential `store-password`, else the matching line of the
    /// `PGPASSFILE` (libpq's `host:port:database:user:password` format, `*` for any), else
    /// nil (a server that trusts the connection needs none).
    public func password(file passwordFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let passwordFile {
            let text: String
            do { text = try String(contentsOfFile: passwordFile, encoding: .utf8) } catch {
                throw Problem(description: "cannot read the store's password file \(passwordFile): \(error.localizedDescription)")
            }
            return try Self.firstLine(text, of: "the store's password file \(passwordFile)")
        }
        let credential: [UInt8]?
        do { credential = try SystemdCredentials.read(Self.credentialName, environment: environment) } catch {
            throw Problem(description: "cannot read the systemd credential \(Self.credentialName): \(error)")
        }
        if let credential {
            guard let text = String(validating: credential, as: UTF8.self) else {
                throw Problem(description: "the systemd credential \(Self.credentialName) is not UTF-8 text")
            }
            return try Self.firstLine(text, of: "the systemd credential \(Self.credentialName)")
        }
        guard let passFile = environment["PGPASSFILE"], let text = try? String(contentsOfFile: passFile, encoding: .utf8) else { return nil }
        let (host, port): (String, Int) = switch endpoint {
        case let .tcp(host, port): (host, port)
        case let .socketFolder(_, port): ("localhost", port)
        }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = Self.passFileFields(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The first line of a password file, which must not be empty.
    private static func firstLine(_ text: String, of what: String) throws -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !line.isEmpty else { throw Problem(description: "\(what) is empty") }
        return line
    }

    /// A `.pgpass` line's fields: `:` separates, `\:` and `\\` are the characters themselves.
    static func passFileFields(_ line: Substring) -> [String] {
        var fields = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}
