import CLinux
import Foundation
import Glibc

/// Which jobs the workers were reading when the daemon died of a fault or an abort (a crash
/// in Tesseract or Leptonica, a Swift trap, systemd's watchdog), kept in a file that the next
/// start reads. SIGKILL, a power cut or the OOM killer run no handler and leave no record:
/// the jobs then in progress did not cause the death, and are not blamed for it.
///
/// The signal handler is C (CLinux), since only async-signal-safe calls may run there.
public enum CrashRecord {
    /// The job ids the last run recorded at its death; empty when it did not die that way.
    public static func read(path: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// Empties the file at `path` and installs the handlers that write to it. Call once,
    /// after `read`, before any worker starts.
    public static func install(path: String) throws(SystemError) {
        let fd = try SystemCall.retrying("open(\(path))") { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        _ = try SystemCall.retrying("install the crash record handlers") { invoiced_crash_record_install(fd) }
    }

    /// Gives the calling thread a stack for the handler of its own faults: without it, a
    /// stack overflow (Tesseract recurses deeply on some pages) killed the process with no
    /// record, and the file that caused it was read again after every restart. Call at the
    /// start of each worker thread.
    public static func prepareThread() throws(SystemError) {
        _ = try SystemCall.retrying("sigaltstack") { invoiced_crash_record_thread_stack() }
    }

    /// Test-only: overflows the calling thread's stack.
    public static func overflowStackForTesting() -> Never {
        invoiced_test_overflow_stack()
        fatalError("the stack did not overflow")
    }

    /// Marks `jobId` as being read by worker `slot` (0 ..< 256).
    public static func reading(_ jobId: String, slot: Int) {
        var id = jobId
        id.withUTF8 { invoiced_crash_record_set(Int32(slot), $0.baseAddress, $0.count) }
    }

    /// Worker `slot` is reading nothing.
    public static func clear(slot: Int) {
        invoiced_crash_record_clear(Int32(slot))
    }
}
