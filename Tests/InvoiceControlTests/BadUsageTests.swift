import Foundation
import TestSupport
import Testing

/// A mistyped command is exit code 2 (README's invoicectl section) with a message saying what
/// is wrong and how it is used, and it never reaches the daemon: `invoice rm twelve` removes
/// nothing.
@Suite struct BadUsageTests {
    /// One mistake and words the message must contain.
    struct Mistake: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var says: String
        var environment: [String: String?] = [:]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let mistakes = [
        Mistake(arguments: ["frobnicate"], says: "Unexpected argument 'frobnicate'"),
        Mistake(arguments: ["jobs", "--bogus"], says: "Unknown option '--bogus'"),
        Mistake(arguments: ["jobs", "--limit", "many"], says: "The value 'many' is invalid for '--limit <limit>'"),
        Mistake(arguments: ["invoices", "--min-total", "lots"], says: "The value 'lots' is invalid for '--min-total <min-total>'"),
        Mistake(arguments: ["invoice", "twelve"], says: "The value 'twelve' is invalid for '<id>'"),
        Mistake(arguments: ["invoice", "rm", "twelve"], says: "The value 'twelve' is invalid for '<id>'"),
        Mistake(arguments: ["job"], says: "Missing expected argument '<id>'"),
        Mistake(arguments: ["export"], says: "Missing expected argument '--csv <csv>'"),
        Mistake(arguments: ["search", " "], says: "give some words to search for"),
        Mistake(arguments: ["chat"], says: "Ask a question, or give --clear to forget the conversation."),
        Mistake(arguments: ["chat", "--clear"], says: "--clear needs --user-id (USER is not set).", environment: ["USER": nil]),
    ]

    @Test(arguments: mistakes)
    func badUsage_isExitCode2_withAMessage_andNeverReachesTheDaemon(_ mistake: Mistake) async throws {
        try await StubDaemon.run { stub in
            // The socket comes from the environment, so that the arguments are only the mistake.
            let environment = mistake.environment.merging(["INVOICED_SOCKET": stub.socket]) { mine, _ in mine }
            let run = try await InvoicectlRun.run(mistake.arguments, in: stub.folder.path, environment: environment)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("Error: \(mistake.says)"), "\(run)")
            #expect(run.stderr.contains("Usage: invoicectl"), "the message shows how the command is used: \(run)")
            #expect(run.stdout.isEmpty, "\(run)")
            #expect(stub.received.isEmpty, "a mistyped command sent \(stub.received.map(\.target))")
        }
    }

    /// Asking for help is not a mistake: exit 0, on stdout, with the exit codes scripts rely on.
    @Test func help_isExitCode0_andStatesTheExitCodes() async throws {
        let folder = try TemporaryDirectory(prefix: "invoicectl-help")
        let run = try await InvoicectlRun.run(["--help"], in: folder.path)
        #expect(run.status == 0, "\(run)")
        let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Exit codes: 0 success; 1 the daemon answered with an error; 2 bad usage; "
            + "3 the daemon cannot be reached; 4 not found."), "\(run)")
        for command in ["status", "jobs", "job", "retry", "invoices", "invoice", "search", "export", "chat", "watch"] {
            #expect(run.lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(command + " ") }, "\(command) listed: \(run)")
        }
    }
}
