import ArgumentParser
import Foundation

extension AsyncParsableCommand {
    /// Parses the command line and runs the command; exits the process with its code. The
    /// executables' `main.swift` call it: they cannot use `@main`, and ArgumentParser's
    /// `main()` from top-level code picks its synchronous form.
    ///
    /// `usageExitCode` replaces ArgumentParser's exit code for bad usage (EX_USAGE, 64 on
    /// Linux) for a tool that documents its own; the message stays ArgumentParser's.
    public static func start(arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                             usageExitCode: Int32? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let usageExitCode, exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(usageExitCode))
            }
            exit(withError: error)
        }
    }
}
