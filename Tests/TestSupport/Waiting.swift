import Foundation

/// Waits until `condition` holds, checking every 50 ms, until `timeout` seconds have passed
/// on the monotonic clock. Returns whether it held: tests wait for conditions, never for a
/// fixed time.
///
/// Every second counts, the condition's own and a sleep that overran on a busy machine
/// included, so a wait ends when it says instead of hanging. (It once counted only part of
/// each sleep, because synchronous OCR tests held Swift's cooperative threads for many
/// seconds; blocking work in tests runs `onOwnThread` or `onWorkerThread` instead.)
public func waitUntil(timeout: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(timeout)
    while ContinuousClock.now < deadline, !Task.isCancelled {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// Blocking form of `waitUntil`, for tests that drive blocking code.
public func waitUntilBlocking(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(timeout)
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}
