import Glibc
import Synchronization

/// A thread's sign of life, for a watchdog. The thread beats while it makes progress (each
/// loop, each idle wake-up, each OCR callback). Before a stretch of work that calls nothing
/// back (a page Tesseract lays out), it declares how long that may take; past that allowance
/// without a beat, the thread counts as stuck.
public final class Heartbeat: Sendable {
    /// How a heartbeat looks at one instant.
    public enum State: Sendable, Equatable {
        /// Beat recently.
        case alive
        /// Quiet, but within declared busy time.
        case busy
        /// Quiet for this many seconds, beyond any allowance.
        case stale(seconds: Double)
        /// The thread has ended.
        case stopped
    }

    /// The thread's name, for messages.
    public let name: String
    private let lastBeat: Atomic<Int64>
    private let busyUntil = Atomic<Int64>(0)
    private let ended = Atomic<Bool>(false)

    /// A heartbeat that counts as fresh from now on.
    public init(name: String) {
        self.name = name
        lastBeat = Atomic(Self.now())
    }

    /// The thread is making progress.
    public func beat() {
        lastBeat.store(Self.now(), ordering: .relaxed)
    }

    /// The thread starts work that may not beat for up to `seconds`.
    public func busy(for seconds: Double) {
        let now = Self.now()
        lastBeat.store(now, ordering: .relaxed)
        busyUntil.store(now + Int64(seconds * 1e9), ordering: .relaxed)
    }

    /// The work declared with `busy(for:)` is over.
    public func endBusy() {
        lastBeat.store(Self.now(), ordering: .relaxed)
        busyUntil.store(0, ordering: .relaxed)
    }

    /// The thread has ended and will not beat again.
    public func stop() {
        ended.store(true, ordering: .relaxed)
    }

    /// The heartbeat judged at `now` (monotonic nanoseconds): stale once quiet for more than
    /// `staleAfter` seconds and past any busy allowance.
    public func state(staleAfter: Double, now: Int64 = Heartbeat.now()) -> State {
        if ended.load(ordering: .relaxed) { return .stopped }
        let quiet = Double(now - lastBeat.load(ordering: .relaxed)) / 1e9
        if quiet <= staleAfter { return .alive }
        if now <= busyUntil.load(ordering: .relaxed) { return .busy }
        return .stale(seconds: quiet)
    }

    /// `CLOCK_MONOTONIC` in nanoseconds: it never jumps with the wall clock.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
