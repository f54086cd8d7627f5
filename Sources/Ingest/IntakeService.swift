import JobStore
import LinuxSupport
import ServiceLifecycle
import Synchronization

/// The one intake thread: inbox files and HTTP uploads are recorded there, one at a time,
/// so no file is ever taken twice at once.
public final class IntakeService: Service {
    /// The intake steps it runs.
    public let processor: IntakeProcessor
    private let thread = WorkThread(name: "invoiced-intake")
    private let onQueued: @Sendable (String) -> Void
    private let stopping = Atomic<Bool>(false)

    /// A service running `processor`; `onQueued` is told each job id that became runnable.
    public init(processor: IntakeProcessor, onQueued: @escaping @Sendable (String) -> Void) {
        self.processor = processor
        self.onQueued = onQueued
    }

    /// Files and uploads waiting for the intake thread.
    public var backlog: Int { thread.backlog }

    /// Queues an inbox file; `completion` runs on the intake thread with the result.
    func submit(_ file: InboxFile, completion: @escaping @Sendable (IntakeProcessor.Result) -> Void) {
        let processor = self.processor
        let onQueued = self.onQueued
        thread.submit { [self] in
            // At shutdown, files not yet taken stay in the inbox for the next start.
            guard !stopping.load(ordering: .relaxed) else { return completion(.skipped) }
            let result = processor.take(file)
            if case let .queued(jobId) = result { onQueued(jobId) }
            completion(result)
        }
    }

    /// Records an uploaded file and returns the result.
    public func upload(_ bytes: [UInt8], filename: String, userId: String?) async throws -> IntakeProcessor.Result {
        let processor = self.processor
        let onQueued = self.onQueued
        return try await thread.run {
            let result = try processor.takeUpload(bytes, filename: filename, userId: userId)
            if case let .queued(jobId) = result { onQueued(jobId) }
            return result
        }
    }

    /// Runs other blocking file work that moves files in or out of the spool (retry,
    /// delete) on the same thread, so it never races an intake.
    public func perform<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await thread.run(work)
    }

    public func run() async throws {
        try? await gracefulShutdown()
        stopping.store(true, ordering: .relaxed)
        await thread.shutdown()
    }
}
