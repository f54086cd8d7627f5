import Foundation

/// Runs blocking `body` (OCR, a worker's whole job) on a thread of its own and suspends until
/// it returns, as the daemon's workers do. Run inline, a synchronous test holds one of Swift's
/// cooperative threads (two on two cores) for the seconds OCR takes, and every other test
/// that waits for a service, a socket or a timeout starves meanwhile.
///
/// `body` returns what it saw and the test checks it after the await: the thread is not the
/// test's task, so an `#expect` failing in `body` is reported for an «unknown» test while the
/// test itself passes, and a failing `#require` there throws an error the test then passes as
/// already recorded (only the run's exit status shows either).
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        // Tesseract recurses deeply on some pages, as on the workers' threads.
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// Runs CPU-heavy blocking `body` (OCR, rendering, long extraction) as `onOwnThread` does,
/// but at most one per core at once, as the daemon reads one file per worker. Twenty OCR
/// tests started together on two cores slowed every other thread tenfold, and tests
/// waiting for a service or a file ran past their deadlines. Blocking I/O (a socket read)
/// uses `onOwnThread`, so that it never queues behind OCR.
public func onWorkerThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await onOwnThread {
        workerSlots.wait()
        defer { workerSlots.signal() }
        return try body()
    }
}

/// One slot per core for `onWorkerThread`.
private let workerSlots = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))
