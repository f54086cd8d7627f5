import Glibc

/// Tesseract links OpenMP, and with its default threads one invoice took 4 s instead of
/// 0.9 s here while workers fought over the cores. libgomp reads `OMP_THREAD_LIMIT` when it
/// is loaded, before `main`, so setting it later is too late: the daemon re-executes itself
/// once with the variable set, whoever started it.
public enum OpenMPGuard {
    /// Re-executes the process with `OMP_THREAD_LIMIT=1` unless it is already set to 1.
    /// Returns only when no re-exec was needed (or it failed, which is logged by the caller).
    public static func ensureSingleThreaded() -> String? {
        if let current = getenv("OMP_THREAD_LIMIT"), String(cString: current) == "1" { return nil }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // Only reached when exec failed: run on, single-threaded OpenMP not guaranteed.
        return "could not re-execute with OMP_THREAD_LIMIT=1 (\(String(cString: strerror(errno)))); OCR may be slow"
    }
}
