import Foundation

/// Runs blocking `body` (OCR, a worker's whole job) on a thread of its own and suspends until
/// it returns, as the daemon's workers do. Run inline, a synchronous test holds one of Swift's
/// cooperative threads (two on two cores) for the seconds OCR takes, and every other test
/// that waits for a service, a socket or a timeout starves meanwhile.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        // Tesseract recurses deeply on some pages, as on the workers' threads.
        thread.stackSize = 8 << 20
        thread.start()
    }
}
