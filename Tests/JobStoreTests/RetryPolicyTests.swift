import Foundation
import JobStore
import Testing

@Suite struct RetryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func permanentFailure_failsAtOnce() {
        let policy = RetryPolicy(maxAttempts: 3)
        #expect(policy.decision(afterAttempt: 1, kind: .permanent, now: now) == .fail)
    }

    @Test func transientFailure_retriesWithDoublingDelay_thenFails() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 2, maxDelay: 300)
        #expect(policy.decision(afterAttempt: 1, kind: .transient, now: now) == .retry(at: now.addingTimeInterval(2), countsAttempt: true))
        #expect(policy.decision(afterAttempt: 2, kind: .transient, now: now) == .retry(at: now.addingTimeInterval(4), countsAttempt: true))
        #expect(policy.decision(afterAttempt: 3, kind: .transient, now: now) == .fail)
    }

    @Test func delay_isCapped() {
        let policy = RetryPolicy(maxAttempts: 50, baseDelay: 2, maxDelay: 60)
        #expect(policy.decision(afterAttempt: 20, kind: .transient, now: now) == .retry(at: now.addingTimeInterval(60), countsAttempt: true))
    }

    @Test func environmentTrouble_retriesForever_withoutCountingTheAttempt() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 2, maxDelay: 300)
        #expect(policy.decision(afterAttempt: 3, kind: .environment, now: now) == .retry(at: now.addingTimeInterval(5), countsAttempt: false))
        #expect(policy.decision(afterAttempt: 99, kind: .environment, now: now) == .retry(at: now.addingTimeInterval(5), countsAttempt: false))
    }

    @Test func interruptedJob_mayResumeUntilAttemptsAreUsedUp() {
        let policy = RetryPolicy(maxAttempts: 3)
        #expect(policy.mayResumeInterrupted(attempts: 2))
        #expect(!policy.mayResumeInterrupted(attempts: 3))
    }
}
