@testable import API
import Synchronization
import Testing

/// The login's memory: sessions that end when they should, and a throttle that forgets.
/// A clock the tests move stands in for the hours a session lasts.
@Suite struct BrowserSessionsTests {
    final class TestClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
    }

    @Test func aSession_isOpenUntilItsLifetimeEnds_orItIsClosed() {
        let clock = TestClock()
        let sessions = BrowserSessions(lifetime: .seconds(3600), now: { clock.now })
        let first = sessions.open(), second = sessions.open()
        #expect(first != second)
        #expect(sessions.isOpen(first) && sessions.isOpen(second))
        sessions.close(first)
        #expect(!sessions.isOpen(first) && sessions.isOpen(second))
        clock.advance(.seconds(3599))
        #expect(sessions.isOpen(second))
        clock.advance(.seconds(1))
        #expect(!sessions.isOpen(second))
        #expect(sessions.count == 0)
    }

    @Test func beyondItsCapacity_theOldestSessionEndsFirst() {
        let clock = TestClock()
        let sessions = BrowserSessions(capacity: 3, now: { clock.now })
        var ids: [String] = []
        for _ in 0..<4 {
            ids.append(sessions.open())
            clock.advance(.seconds(1))
        }
        #expect(sessions.count == 3)
        #expect(!sessions.isOpen(ids[0]))
        #expect(ids[1...].allSatisfy { sessions.isOpen($0) })
    }

    @Test func throttle_refusesAClientAtItsLimit_untilTheOldestTryIsOld_andOnlyThatClient() throws {
        let clock = TestClock()
        let throttle = LoginThrottle(limit: 3, window: .seconds(60), now: { clock.now })
        for _ in 0..<2 {
            throttle.recordFailure(client: "10.0.0.5")
            clock.advance(.seconds(10))
        }
        #expect(throttle.retryAfter(client: "10.0.0.5") == nil)
        throttle.recordFailure(client: "10.0.0.5")
        // The first try was 20 s ago: 40 s more.
        #expect(throttle.retryAfter(client: "10.0.0.5") == .seconds(40))
        #expect(throttle.retryAfter(client: "10.0.0.6") == nil)
        clock.advance(.seconds(40))
        #expect(throttle.retryAfter(client: "10.0.0.5") == nil)
        // A right token forgets the wrong ones.
        throttle.recordFailure(client: "10.0.0.5")
        throttle.recordSuccess(client: "10.0.0.5")
        throttle.recordFailure(client: "10.0.0.5")
        throttle.recordFailure(client: "10.0.0.5")
        #expect(throttle.retryAfter(client: "10.0.0.5") == nil)
    }
}
