import Foundation
import GRDB

/// The reads behind `/api/stats` and `/api/ocr/job/{id}`, answered on the caller's thread
/// from a read-only connection of their own.
///
/// The API answers these on the event loop that read the request (docs/BENCHMARKS.md,
/// status): each hop to another thread is a wake-up that waits for a core while every core
/// runs an OCR worker. A synchronous read there must never wait long, so it does not share
/// the pool's readers, which long reads (an export, a search) may all be holding; in WAL
/// mode it does not wait for the writer either. Its statements are cached and indexed, so
/// one read takes tens of microseconds.
public final class StatusReader: Sendable {
    private let queue: DatabaseQueue

    /// Opens a read-only connection to the store at `path`, which must exist and be migrated.
    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.label = "invoiced.status"
        // A WAL reader can meet a moment's lock only while the WAL is reset or recovered.
        config.busyMode = .timeout(0.5)
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    /// Current counts per status and the queue's age.
    public func stats(now: Date = Date()) throws -> QueueStats {
        try queue.read { db in try JobStore.stats(db, now: now) }
    }

    /// One job by id.
    public func job(id: String) throws -> Job? {
        try queue.read { db in try JobStore.job(db, id: id) }
    }
}
