import ArgumentParser

extension AsyncParsableCommand {
    /// Parses the command line and runs the command; exits the process with its code. The
    /// executables' `main.swift` call it: they cannot use `@main`, and ArgumentParser's
    /// `main()` from top-level code picks its synchronous form.
    public static func start(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
