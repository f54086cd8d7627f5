import APIWire
import JobStore
import Testing

/// The life cycle of a job as one table (JobTransition), checked by itself: the stores build
/// their guards from it, so a mistake here is a mistake in both.
@Suite struct JobLifecycleTests {
    /// A finished job (done, duplicate) is final: no transition starts from it, so a late
    /// failure or a replay cannot read it again or record its invoice twice.
    @Test func finishedJobs_haveNoWayOut() {
        for transition in JobTransition.allCases {
            #expect(!transition.allows(from: .done), "\(transition) leaves done")
            #expect(!transition.allows(from: .duplicate), "\(transition) leaves duplicate")
        }
    }

    /// Only the lease holder ends an attempt, and every end of an attempt is the holder's or
    /// a restarted node's (for the jobs its dead run held): nobody else touches a job in
    /// processing but a claim of an expired lease.
    @Test func onlyTheHolder_endsAnAttempt() {
        for transition in JobTransition.allCases where transition.allows(from: .processing) && transition.to != .processing {
            #expect([JobActor.leaseHolder, .restartedNode].contains(transition.actor), "\(transition) by \(transition.actor)")
        }
        #expect(JobTransition.claim.actor == .anyNode)
        #expect(JobTransition.renewLease.actor == .leaseHolder)
    }

    /// Every state but the final ones can be left, and every state can be reached: no job
    /// is stranded in a state nothing leads out of.
    @Test func everyStateIsReachable_andOnlyFinishedStatesAreFinal() {
        let reached = Set(JobTransition.allCases.compactMap(\.to))
        #expect(reached == Set(JobStatus.allCases))
        for status in JobStatus.allCases where status != .done && status != .duplicate {
            #expect(JobTransition.allCases.contains { $0.allows(from: status) && $0.to != status }, "\(status) is a dead end")
        }
    }

    /// People act on failed jobs only; intake on jobs it has just queued.
    @Test func peopleAndIntake_actWhereTheyShould() {
        for transition in JobTransition.allCases {
            switch transition.actor {
            case .person: #expect(transition.from == [.failed], "\(transition)")
            case .intake: #expect(transition.from == [.queued], "\(transition)")
            default: break
            }
        }
    }

    /// The guard both stores put in their SQL names exactly the states the table allows,
    /// in a fixed order.
    @Test func statusGuard_namesTheAllowedStates() {
        #expect(JobTransition.claim.statusGuard == "status IN ('queued', 'processing')")
        #expect(JobTransition.complete.statusGuard == "status IN ('processing')")
        #expect(JobTransition.retryFailed.statusGuard == "status IN ('failed')")
    }
}
