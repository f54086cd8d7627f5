import Glibc
import Synchronization

/// Named instants where a crash is hardest to recover from (between a file move and a
/// database commit, ...). The reliability tests set `INVOICED_TEST_CRASH_AT=<name>[:<n>]`
/// to make the process die there, on the n-th pass, exactly as SIGKILL would; unset, a crash
/// point costs one comparison. Release builds have no crash points at all (`INVOICED_TEST_HOOKS`
/// is defined in debug builds only): `here` is empty there and the variable is never read.
public enum CrashPoint {
    #if INVOICED_TEST_HOOKS
    private static let armed: (name: String, count: Int)? = {
        guard let raw = getenv("INVOICED_TEST_CRASH_AT").map({ String(cString: $0) }), !raw.isEmpty else { return nil }
        let parts = raw.split(separator: ":")
        return (String(parts[0]), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()
    private static let passes = Atomic<Int>(0)

    /// Dies here when the tests armed this point and its pass count is reached.
    @inline(__always)
    public static func here(_ name: StaticString) {
        guard let armed, armed.name == name.description else { return }
        if passes.add(1, ordering: .relaxed).newValue >= armed.count {
            _exit(86)
        }
    }
    #else
    /// Nothing: crash points exist in debug builds only.
    @inline(__always)
    public static func here(_ name: StaticString) {}
    #endif
}
