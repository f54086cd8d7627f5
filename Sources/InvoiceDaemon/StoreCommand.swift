import ArgumentParser
import Foundation
import JobStore
import LinuxSupport
import Logging
import PostgresStore

/// `invoiced store`: the store's own tools.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Tools for the daemon's store.",
        subcommands: [StoreCopyCommand.self])
}

/// `invoiced store copy --from sqlite:PATH --to postgresql://…`: moves a single host's store
/// into an empty PostgreSQL store, all or nothing, and checks counts and sums per currency.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a SQLite store into an empty PostgreSQL store (jobs, invoices, corrections, supplier profiles, chat history).",
        discussion: "Stop the daemon first: the copy reads the SQLite store as it is. Nothing is written to PostgreSQL "
            + "unless everything is, and the row counts of every table and the sums of totals per currency agree. "
            + "The password comes from --password-file or PGPASSFILE.")

    @Option(help: ArgumentHelp("The SQLite store, sqlite:PATH (e.g. sqlite:/var/lib/invoiced/invoiced.sqlite).", valueName: "sqlite:PATH"))
    var from: String

    @Option(help: ArgumentHelp("The PostgreSQL store, postgresql://user@host:5432/dbname.", valueName: "postgresql://…"))
    var to: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("File whose first line is the PostgreSQL password.", valueName: "file"))
    var passwordFile: String?

    func run() async throws {
        // The stores block their caller; this command's task runs on one of NIO's threads
        // (CommandStart), where blocking is refused, so the copy has a thread of its own.
        let (from, to, passwordFile) = (from, to, passwordFile)
        try await DedicatedThread.run(name: "invoiced-store-copy") { try Self.copy(from: from, to: to, passwordFile: passwordFile) }
    }

    private static func copy(from: String, to: String, passwordFile: String?) throws {
        do {
            guard from.hasPrefix("sqlite:"), from.count > "sqlite:".count else {
                throw StoreCopy.Problem(description: "--from must be sqlite:PATH, the daemon's invoiced.sqlite")
            }
            let path = String(from.dropFirst("sqlite:".count))
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreCopy.Problem(description: "no SQLite store at \(path)")
            }
            let location = try PostgresLocation(parsing: to)
            let session = PostgresSession(location: location, password: try location.password(file: passwordFile),
                                          logger: Logger(label: "invoiced.store"))
            let report = try StoreCopy.copy(from: JobStore(path: path), to: PostgresInvoiceStore(session: session))
            print("invoiced: \(report) (to \(location))")
        } catch let problem as StoreCopy.Problem {
            FileHandle.standardError.write(Data("invoiced: \(problem.description)\n".utf8))
            throw ExitCode(1)
        } catch let problem as PostgresLocation.Problem {
            FileHandle.standardError.write(Data("invoiced: \(problem.description)\n".utf8))
            throw ExitCode(2)
        } catch {
            FileHandle.standardError.write(Data("invoiced: the copy failed, nothing was copied: \(String(reflecting: error))\n".utf8))
            throw ExitCode(1)
        }
    }
}
