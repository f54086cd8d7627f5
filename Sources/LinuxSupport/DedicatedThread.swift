import Foundation
import Synchronization

/// A thread of its own for blocking work (OCR, hashing, inotify), outside Swift's
/// cooperative pool, which must never block. `join()` lets async code wait for it to end.
public final class DedicatedThread: Sendable {
    private let finished = BlockingQueue<Bool>()

    /// Starts `body` on a new thread called `name`.
    public init(name: String, body: @escaping @Sendable () -> Void) {
        let finished = self.finished
        let thread = Thread {
            body()
            finished.push(true)
            finished.close()
        }
        thread.name = name
        // Tesseract recurses deeply on some pages; the default 512 KiB is not always enough.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits, without blocking the caller's thread, until the body has returned.
    public func join() async {
        let finished = self.finished
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            // A short-lived helper thread does the blocking wait for us.
            Thread {
                _ = finished.pop()
                continuation.resume()
            }.start()
        }
    }
}

extension DedicatedThread {
    /// Runs blocking `work` on a thread of its own and returns what it returned, or throws
    /// what it threw: for blocking calls that async code (which may run on one of NIO's
    /// event loops, where waiting on a future is refused) must make.
    public static func run<T: Sendable>(name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        await DedicatedThread(name: name) {
            let result = Result { try work() }
            outcome.withLock { $0 = result }
        }.join()
        // The thread has returned (join), so the outcome is set.
        return try outcome.withLock { $0 }!.get()
    }
}
