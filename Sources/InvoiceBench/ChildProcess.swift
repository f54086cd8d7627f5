import Glibc

/// A child process started with `posix_spawn` the way a shell or systemd starts one: every
/// signal unblocked and at its default disposition.
///
/// Foundation's `Process` passes on the spawning thread's signal mask, and its threads block
/// nearly every signal: a `/bin/sh` started that way waits forever in `wait` for a
/// `SIGCHLD` it never receives, and a daemon would start with signals blocked that it
/// expects to get. Not `Sendable`: one owner starts, polls and reaps it.
public final class ChildProcess {
    /// The process id.
    public let pid: pid_t
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments` (without argv[0]) and exactly `environment`, in
    /// the current directory; stdout and stderr go to the file `output` (appended), or to
    /// /dev/null.
    public init(executable: String, arguments: [String], environment: [String: String], output: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// Whether the process still runs (reaps it once it has ended).
    public var isRunning: Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { exitStatus = Self.decode(status) }
        return exitStatus == nil && result == 0
    }

    /// Waits for the process to end and returns its exit status (128 + signal when killed).
    /// Blocking.
    @discardableResult
    public func wait() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let decoded = Self.decode(status)
        exitStatus = decoded
        return decoded
    }

    /// Sends `signal` unless the process has been reaped.
    public func send(_ signal: Int32) {
        if exitStatus == nil { kill(pid, signal) }
    }

    private static func decode(_ status: Int32) -> Int32 {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
