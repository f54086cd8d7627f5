import Foundation

/// Waits until `condition` holds, checking every 50 ms, for at most `timeout` seconds.
/// Returns whether it held: tests wait for conditions, never for a fixed time.
public func waitUntil(timeout: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// Blocking form of `waitUntil`, for tests that drive blocking code.
public func waitUntilBlocking(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}
