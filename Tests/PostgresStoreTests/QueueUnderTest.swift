import Foundation
import JobStore
import LocalPostgres
import Logging
import PostgresStore
import Synchronization
import TestSupport
import Testing

/// The two stores the shared queue tests run against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql
    var testDescription: String { rawValue }
}

/// One private PostgreSQL server for the whole test run, started on first use; each test
/// gets a database of its own on it.
enum SharedCluster {
    static let cluster = Result { try LocalPostgresServer() }
    private static let databases = Atomic<Int>(0)

    /// A new, empty database's address over the server's socket.
    static func newDatabase() throws -> (cluster: LocalPostgresServer, location: PostgresLocation) {
        let cluster = try cluster.get()
        let name = "t\(getpid())_\(databases.add(1, ordering: .relaxed).newValue)"
        try cluster.createDatabase(name)
        return (cluster, try PostgresLocation(parsing: cluster.socketAddress(name)))
    }
}

/// A queue of either store in a fresh folder or database, with a helper to put jobs in it.
struct QueueUnderTest {
    let kind: StoreKind
    let dir: TemporaryDirectory
    let queue: any InvoiceStore
    /// For the PostgreSQL store: its location, to open more nodes on the same database.
    let location: PostgresLocation?

    init(_ kind: StoreKind) throws {
        self.kind = kind
        dir = try TemporaryDirectory(prefix: "invoiced-queue")
        switch kind {
        case .sqlite:
            queue = try JobStore(path: dir.appending("invoiced.sqlite"))
            location = nil
        case .postgresql:
            let (_, location) = try SharedCluster.newDatabase()
            queue = try Self.node(location)
            self.location = location
        }
    }

    /// Another node's queue on the same PostgreSQL database.
    /// Its search looks at the newest 3 invoices first, then at 4 older matches at a time,
    /// so that the search tests take every step of it.
    static func node(_ location: PostgresLocation) throws -> PostgresInvoiceStore {
        try PostgresInvoiceStore(session: PostgresSession(location: location, password: nil, logger: Logger(label: "test")), searchWindow: 3, searchBatch: 4)
    }

    /// A job through both intake steps, with content hash `sha`.
    @discardableResult
    func queuedJob(_ name: String, sha: String, at date: Date = Date(), skipDuplicates: Bool = true,
                   on queue: (any JobQueue)? = nil) throws -> (Job, IntakeOutcome) {
        let queue = queue ?? self.queue
        let id = UUID().uuidString.lowercased()
        let job = Job(id: id, filepath: dir.appending("spool/\(id).jpg"), filename: name, uploader: nil, userId: nil,
                      sourcePath: dir.appending("inbox/\(name)"), now: date)
        try queue.beginIntake(job)
        let outcome = try queue.finishIntake(id: id, sha256: sha, sizeBytes: 10, skipDuplicates: skipDuplicates,
                                             duplicatePath: dir.appending("archive/\(id).jpg"), now: date)
        return (try #require(try queue.job(id: id)), outcome)
    }
}
