import Foundation

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
