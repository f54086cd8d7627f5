import Foundation

/// Waits until `condition` holds, checking every 50 ms, for at most `timeout` seconds.
/// Returns whether it held: tests wait for conditions, never for a fixed time.
///
/// Only time this task could use counts: tests that run OCR synchronously occupy Swift's
/// cooperative threads (two on two cores) for many seconds, and a 50 ms sleep then lasts
/// that long. The services a test waits for (started in a task group) starve the same way,
/// so such stretches must not use up the timeout.
public func waitUntil(timeout: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    var waited = 0.0
    while waited < timeout {
        if try await condition() { return true }
        let before = Date()
        try? await Task.sleep(for: .milliseconds(50))
        waited += min(Date().timeIntervalSince(before), 0.5)
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
