import ArgumentParser
import Foundation

/// `invoicectl`: ask the running daemon what happened, over its Unix socket.
public struct InvoiceCtl: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "invoicectl",
        abstract: "Query and steer a running invoiced over its Unix socket.",
        discussion: """
        Exit codes: 0 success; 1 the daemon answered with an error; 2 bad usage; \
        3 the daemon cannot be reached; 4 not found.
        """,
        subcommands: [Status.self, Jobs.self, Job.self, Retry.self, Invoices.self, Invoice.self, Search.self,
                      Export.self, Chat.self, Watch.self])

    /// Bad usage's exit code, as the discussion above and README state (ArgumentParser's own
    /// is EX_USAGE, 64): `main.swift` passes it to `start`.
    public static let usageExitCode: Int32 = 2

    public init() {}
}

/// Options every subcommand takes.
struct ClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The daemon's socket (INVOICED_SOCKET; default from the config file).", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Config file to find the socket in (INVOICED_CONFIG).", valueName: "file"))
    var config: String?

    @Flag(help: "Print the daemon's JSON instead of a table.")
    var json = false

    var client: DaemonClient {
        DaemonClient(socket: SocketLocator.locate(flag: socket, config: config, environment: ProcessInfo.processInfo.environment,
                                                  workingDirectory: FileManager.default.currentDirectoryPath))
    }
}

/// Runs `body`, turning daemon failures into a message on stderr and an exit code.
func reporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as DaemonClient.Failure {
        FileHandle.standardError.write(Data("invoicectl: \(TerminalText.visible(failure.description))\n".utf8))
        switch failure {
        case .notRunning: throw ExitCode(3)
        case let .daemon(status, _): throw ExitCode(status == 404 ? 4 : 1)
        }
    }
}

/// A query string from the pairs that have a value.
func queryString(_ pairs: [(String, String?)]) -> String {
    let items = pairs.compactMap { key, value in value.map { URLQueryItem(name: key, value: $0) } }
    guard !items.isEmpty else { return "" }
    var components = URLComponents()
    components.queryItems = items
    return "?" + (components.percentEncodedQuery ?? "")
}

/// `value` escaped as one path segment (a job id typed by hand cannot add path parts).
func pathComponent(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
}
