import Foundation
import JobEvents
import JobStore
import LinuxSupport
import Logging
import OCR
import ServiceLifecycle
import Synchronization

/// N dedicated worker threads, each owning one `TesseractEngine` for its whole life. A
/// worker claims the oldest runnable job with a lease, reads it, records the outcome, and
/// claims the next; idle, it sleeps until signalled.
///
/// At graceful shutdown no new job is claimed; running jobs get `shutdownGrace` seconds to
/// finish, then Tesseract is cancelled and the job is handed back to the queue.
public final class WorkerPool: Service {
    private let store: any JobQueue
    private let layout: DataLayout
    private let settings: PipelineSettings
    private let logger: Logger
    private let events: JobEventBus?
    private let signal = WorkSignal()
    private let stopping = Atomic<Bool>(false)
    private let cancelling = Atomic<Bool>(false)
    private let busy = Atomic<Int>(0)
    private let alive = Atomic<Int>(0)
    private let hangUsed = Atomic<Bool>(false)

    /// One per worker thread, for the watchdog: a worker beats while idle-waiting and between
    /// Tesseract's callbacks, and declares each page as busy for up to its deadline.
    public let heartbeats: [Heartbeat]

    /// A pool reading jobs from `store` into `layout`.
    public init(store: any JobQueue, layout: DataLayout, settings: PipelineSettings, logger: Logger, events: JobEventBus? = nil) {
        self.events = events
        self.store = store
        self.layout = layout
        self.settings = settings
        self.logger = logger
        heartbeats = (0..<settings.workers).map { Heartbeat(name: "invoiced-worker-\($0)") }
    }

    /// Tells idle workers that a job may be waiting.
    public func wake() { signal.notify() }

    /// Workers reading a job now.
    public var busyWorkers: Int { busy.load(ordering: .relaxed) }
    /// Worker threads running.
    public var aliveWorkers: Int { alive.load(ordering: .relaxed) }
    /// Workers configured.
    public var configuredWorkers: Int { settings.workers }

    public func run() async throws {
        let threads = (0..<settings.workers).map { index in
            DedicatedThread(name: "invoiced-worker-\(index)") { [self] in workerLoop(index: index) }
        }
        logger.info("workers started", metadata: ["workers": "\(settings.workers)", "languages": "\(settings.languages)",
                                                 "vietnamese_first": "\(settings.vietnameseFirstLanguages != nil)"])

        try? await gracefulShutdown()

        stopping.store(true, ordering: .sequentiallyConsistent)
        signal.notify()
        let grace = settings.shutdownGrace
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for thread in threads { await thread.join() }
            }
            group.addTask {
                // Cancelled (and so returns early) when every worker has ended first.
                try? await Task.sleep(for: .seconds(grace))
                if !Task.isCancelled { self.cancelling.store(true, ordering: .sequentiallyConsistent) }
            }
            await group.next()
            group.cancelAll()
            await group.waitForAll()
        }
        for thread in threads { await thread.join() }
        logger.info("workers stopped")
    }

    /// One worker thread's life: its engine loaded, then jobs claimed and read one at a time
    /// until the pool stops.
    private func workerLoop(index: Int) {
        let heartbeat = heartbeats[index]
        defer { heartbeat.stop() }
        prepareSignalStack(worker: index)
        guard let reader = loadReader(worker: index, heartbeat: heartbeat) else { return }
        lowerPriority(worker: index)
        alive.add(1, ordering: .relaxed)
        defer { alive.subtract(1, ordering: .relaxed) }
        let processor = JobProcessor(store: store, layout: layout, settings: settings, logger: logger, events: events)
        while !stopping.load(ordering: .sequentiallyConsistent) {
            heartbeat.beat()
            guard let job = claimOrWait(holder: LeaseHolder.worker(index, of: settings.nodeName), heartbeat: heartbeat) else { continue }
            read(job, worker: index, reader: reader, processor: processor, heartbeat: heartbeat)
        }
    }

    /// A worker without its own signal stack still reads; only a stack overflow would then
    /// leave no crash record, so this warns instead of stopping the worker.
    private func prepareSignalStack(worker index: Int) {
        do {
            try CrashRecord.prepareThread()
        } catch {
            logger.warning("no signal stack for the worker: a stack overflow would leave no crash record", metadata: ["worker": "\(index)", "error": "\(error)"])
        }
    }

    /// This worker's Tesseract, which it owns for its whole life; nil (logged) when the
    /// language data cannot be loaded, and the worker ends.
    private func loadReader(worker index: Int, heartbeat: Heartbeat) -> DocumentReader? {
        // Loading the language data calls nothing back; on a machine busy with other work it
        // can take tens of seconds, which is not a stuck worker.
        heartbeat.busy(for: 300)
        let reader: DocumentReader
        do {
            reader = try DocumentReader(languages: settings.languages, vietnameseFirst: settings.vietnameseFirst,
                                        dataPath: settings.tessdata, maxMegapixels: settings.maxMegapixels,
                                        maxPages: settings.maxPages, pageTimeout: settings.pageTimeout,
                                        preparation: settings.preparation, secondReading: settings.secondReading)
        } catch {
            logger.critical("worker cannot start Tesseract", metadata: ["worker": "\(index)", "error": "\(error)"])
            return nil
        }
        heartbeat.endBusy()
        return reader
    }

    /// OCR keeps a core busy for a second at a time; the API's threads and the intake
    /// thread wake for a millisecond. At nice 10 a worker still gets every idle cycle, but
    /// yields at once when they wake (status p99 with every worker busy, docs/BENCHMARKS.md).
    /// Called after loading, so that start-up is not the part that waits.
    private func lowerPriority(worker index: Int) {
        do {
            try ThreadPriority.setNice(settings.workerNice)
        } catch {
            logger.warning("cannot lower the worker thread's priority", metadata: ["worker": "\(index)", "error": "\(error)"])
        }
    }

    /// The oldest runnable job, claimed with a lease; or nil once this worker has waited for
    /// the next chance: a second after the store failed, else until woken, the next retry is
    /// due, or 5 s have passed, whichever comes first.
    private func claimOrWait(holder: String, heartbeat: Heartbeat) -> Job? {
        let job: Job?
        do {
            job = try store.claimNext(holder: holder, now: Date(), lease: settings.lease)
        } catch {
            logger.error("cannot claim a job; retrying in 1 s", metadata: ["error": "\(error)"])
            signal.wait(until: Date().addingTimeInterval(1), heartbeat: heartbeat)
            return nil
        }
        guard let job else {
            let retryAt = (try? store.nextRetryTime()) ?? nil
            let wakeAt = min(retryAt ?? .distantFuture, Date().addingTimeInterval(5))
            signal.wait(until: max(wakeAt, Date().addingTimeInterval(0.01)), heartbeat: heartbeat)
            return nil
        }
        return job
    }

    /// Reads one claimed job to its outcome (which the processor has recorded), counted busy
    /// and named in the crash record while it runs, so that a crash is charged to this file.
    private func read(_ job: Job, worker index: Int, reader: DocumentReader, processor: JobProcessor, heartbeat: Heartbeat) {
        #if INVOICED_TEST_HOOKS
        if settings.hangOnFirstJobForTesting, !hangUsed.exchange(true, ordering: .relaxed) {
            hangForTesting(job, worker: index)
        }
        #endif
        busy.add(1, ordering: .relaxed)
        CrashRecord.reading(job.id, slot: index)
        #if INVOICED_TEST_HOOKS
        if let (poison, kind) = settings.crashOnFileForTesting, job.filename == poison {
            switch kind {
            case .abort: abort()
            case .stackOverflow: CrashRecord.overflowStackForTesting()
            }
        }
        #endif
        _ = processor.process(job, reader: reader, heartbeat: heartbeat) {
            heartbeat.beat()
            return cancelling.load(ordering: .relaxed)
        }
        CrashRecord.clear(slot: index)
        busy.subtract(1, ordering: .relaxed)
    }

    #if INVOICED_TEST_HOOKS
    /// Test-only: blocks this worker for good, beating nothing, as a worker stuck in a C call.
    private func hangForTesting(_ job: Job, worker: Int) -> Never {
        logger.warning("test hook INVOICED_TEST_HANG_WORKER: worker hangs on purpose", metadata: ["worker": "\(worker)", "job": "\(job.id)"])
        while true { sleep(3600) }
    }
    #endif
}
