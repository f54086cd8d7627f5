import Glibc

/// The calling thread's scheduling niceness. Linux keeps the nice value per thread, and
/// `setpriority(PRIO_PROCESS, 0, n)` changes only the calling thread (setpriority(2), NOTES).
public enum ThreadPriority {
    /// Sets the calling thread's nice value (-20...19; raising it needs no privilege).
    public static func setNice(_ nice: Int32) throws(SystemError) {
        try SystemCall.retrying("setpriority(this thread, \(nice))") {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        }
    }

    /// The calling thread's nice value.
    public static var nice: Int32 {
        // getpriority may legitimately return -1; errno tells an error apart, and this one
        // cannot fail for the calling thread.
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }
}
