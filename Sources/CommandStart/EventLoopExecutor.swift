import NIOCore
import NIOPosix

/// Runs Swift concurrency's jobs on SwiftNIO's event loops instead of a pool of its own.
///
/// A request to the API otherwise crosses from the event loop that read it to a pool thread
/// for the handler and back to the loop to write the answer: two thread wake-ups, and while
/// every core runs an OCR worker each waits for the scheduler (docs/BENCHMARKS.md, status).
/// On the loops, a handler runs on the thread that read its request.
public enum EventLoopExecutor {
    /// Installs the event loops as the global executor. Call once, from `main`, before any
    /// task starts. Returns whether it took (it cannot if the runtime lacks the hook).
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
