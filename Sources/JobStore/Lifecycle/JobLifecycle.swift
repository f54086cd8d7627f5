import APIWire

/// Who makes a transition of a job.
public enum JobActor: Sendable, Equatable {
    /// Intake: the node that took the file from an inbox or an upload.
    case intake
    /// The worker that holds the job's lease (`locked_by`); no one else may end its attempt,
    /// so a node whose lease was taken over cannot overwrite the new owner's result.
    case leaseHolder
    /// Any node of the store: claiming, and taking over a lease that ran out.
    case anyNode
    /// The node that starts after a crash, for the jobs its previous run held.
    case restartedNode
    /// A person, through the API or `invoicectl`.
    case person
}

/// Every change of a job's status, in one place: from which states each is allowed, the state
/// it leads to and who may make it (how each counts attempts is its statement's, in each
/// store, held to the same answers by the shared queue tests). The SQLite and the PostgreSQL
/// stores build their guards from this table (`statusGuard`), so the two cannot drift apart.
public enum JobTransition: String, Sendable, CaseIterable {
    /// Intake recorded the file's hash; the job becomes runnable.
    case finishIntake
    /// Intake found the same content in an earlier job.
    case markDuplicate
    /// Intake could not take or read the file.
    case failIntake
    /// A worker takes a runnable job, or one whose holder's lease ran out.
    case claim
    /// The holder reports progress and renews its lease.
    case renewLease
    /// The holder stored the invoice.
    case complete
    /// The holder gives up on the file for good.
    case fail
    /// The holder puts the job back for a later attempt.
    case scheduleRetry
    /// The holder stops (shutdown) and gives the job back without counting the attempt.
    case handBack
    /// A restarted node puts back a job its dead previous run held.
    case requeueInterrupted
    /// A restarted node gives up on a job its previous runs died on too often.
    case failInterrupted
    /// A person retries a failed job.
    case retryFailed
    /// A person deletes a failed job.
    case deleteFailed

    /// The states the transition may start from.
    public var from: Set<JobStatus> {
        switch self {
        case .finishIntake, .markDuplicate, .failIntake: [.queued]
        case .claim: [.queued, .processing]
        case .renewLease, .complete, .fail, .scheduleRetry, .handBack, .requeueInterrupted, .failInterrupted: [.processing]
        case .retryFailed, .deleteFailed: [.failed]
        }
    }

    /// The state it leads to; nil when the job's row goes away.
    public var to: JobStatus? {
        switch self {
        case .finishIntake, .scheduleRetry, .handBack, .requeueInterrupted, .retryFailed: .queued
        case .markDuplicate: .duplicate
        case .failIntake, .fail, .failInterrupted: .failed
        case .claim, .renewLease: .processing
        case .complete: .done
        case .deleteFailed: nil
        }
    }

    /// Who may make it.
    public var actor: JobActor {
        switch self {
        case .finishIntake, .markDuplicate, .failIntake: .intake
        case .claim: .anyNode
        case .renewLease, .complete, .fail, .scheduleRetry, .handBack: .leaseHolder
        case .requeueInterrupted, .failInterrupted: .restartedNode
        case .retryFailed, .deleteFailed: .person
        }
    }

    /// Whether a job in `status` may take this transition.
    public func allows(from status: JobStatus) -> Bool { from.contains(status) }

    /// The SQL condition on `status` both stores put in the statement's WHERE clause, e.g.
    /// `status IN ('queued', 'processing')`.
    public var statusGuard: String {
        let names = JobStatus.allCases.filter(from.contains).map { "'\($0.rawValue)'" }
        return "status IN (\(names.joined(separator: ", ")))"
    }
}
