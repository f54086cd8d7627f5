import Foundation
import Glibc
import LinuxSupport
import Logging
import Synchronization

/// The inbox thread: learns of files (inotify events, or scans in polling mode and after an
/// event-queue overflow), waits until each has settled, and hands it to intake.
///
/// All of its state (watch descriptors, the settle tracker) lives on its own thread.
final class InboxObserver: Sendable {
    private let settings: InboxSettings
    private let logger: Logger
    private let wake: WakePipe
    private let stopping = Atomic<Bool>(false)
    private let handOff: @Sendable (InboxFile) -> Void
    private let isInFlight: @Sendable (String) -> Bool
    /// Files whose intake must be tried again, and when (monotonic seconds).
    private let retries = Mutex<[(file: InboxFile, due: Double)]>([])
    private let settle: @Sendable () -> Double
    private let heartbeat: Heartbeat?
    private let onWatching: @Sendable () -> Void

    /// `settle` is read on every turn of the loop, so a reload takes effect at once;
    /// `onWatching` is called once the watches are set and the first scan is done.
    init(settings: InboxSettings, logger: Logger, handOff: @escaping @Sendable (InboxFile) -> Void,
         isInFlight: @escaping @Sendable (String) -> Bool, settle: (@Sendable () -> Double)? = nil,
         heartbeat: Heartbeat? = nil, onWatching: @escaping @Sendable () -> Void = {}) throws {
        self.settings = settings
        self.logger = logger
        self.handOff = handOff
        self.isInFlight = isInFlight
        let fixed = settings.settle
        self.settle = settle ?? { fixed }
        self.heartbeat = heartbeat
        self.onWatching = onWatching
        self.wake = try WakePipe()
    }

    /// Hands `file` to intake again after `delay` seconds (its intake could not finish).
    func retryLater(_ file: InboxFile, after delay: Double) {
        retries.withLock { $0.append((file, monotonicSeconds() + delay)) }
        wake.wake()
    }

    /// Asks the loop to return.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wake.wake()
    }

    /// The loop; returns after `stop()`.
    func run() {
        var state = LoopState(settings: settings, logger: logger)
        state.openWatches()
        state.scanAll()
        onWatching()
        #if INVOICED_TEST_HOOKS
        // Test-only (the burst test): stall before the first read so the kernel's event queue
        // overflows, as it does when a share dumps thousands of files on a busy machine.
        if let stall = getenv("INVOICED_TEST_INOTIFY_STALL_MS").flatMap({ Int(String(cString: $0)) }), stall > 0 {
            usleep(useconds_t(min(stall, 60_000) * 1000))
        }
        #endif
        // The poll below waits at most 1 s, so a live loop beats at least that often.
        while !stopping.load(ordering: .sequentiallyConsistent) {
            heartbeat?.beat()
            state.tracker.settle = settle()
            let now = monotonicSeconds()
            var timeout = state.secondsUntilNextWork(now: now)
            timeout = min(timeout, 1.0)
            if let nextRetry = retries.withLock({ $0.map(\.due).min() }) { timeout = min(timeout, max(0, nextRetry - now)) }
            var fds = [wake.readEnd]
            if let fd = state.inotifyFD { fds.append(fd) }
            let ready = (try? Poll.readable(fds, timeoutMs: Int32(max(0, timeout * 1000).rounded(.up)))) ?? []
            if ready.contains(wake.readEnd) { wake.drain() }
            if let fd = state.inotifyFD, ready.contains(fd) { state.readEvents() }
            state.maintain(now: monotonicSeconds())
            let afterWait = monotonicSeconds()
            let due = retries.withLock { list -> [InboxFile] in
                let ready = list.filter { $0.due <= afterWait }.map(\.file)
                list.removeAll { $0.due <= afterWait }
                return ready
            }
            for file in due {
                // A file already moved to the spool has an intake to finish, not a file to
                // watch settle: it goes straight back to intake.
                if (try? FileSystem.status(file.path)) ?? nil == nil { handOff(file) } else { state.observe(file: file, now: afterWait) }
            }
            for file in state.takeSettled(now: monotonicSeconds()) where !isInFlight(file.path) {
                handOff(file)
            }
        }
        state.closeWatches()
        heartbeat?.stop()
    }
}

/// Seconds on a clock that does not jump with the wall clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The observer thread's state.
private struct LoopState {
    let settings: InboxSettings
    let logger: Logger
    var tracker: SettleTracker
    var inotifyFD: Int32?
    var watches: [Int32: String] = [:]
    /// Files created or modified with no `IN_CLOSE_WRITE` since: a writer still holds them
    /// open, so they are not taken however long they stay unchanged. (When the writer dies,
    /// the kernel closes the file and the event comes.)
    var openForWriting: Set<String> = []
    var rootWatched = false
    /// Symlinks already logged as never followed (a rescan does not log them again).
    var loggedSymlinks: Set<String> = []
    var nextScan: Double
    var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)

    init(settings: InboxSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        self.tracker = SettleTracker(settle: settings.settle)
        self.nextScan = monotonicSeconds() + (settings.pollInterval ?? settings.rescanInterval)
    }

    var scanInterval: Double? {
        if let poll = settings.pollInterval { return poll }
        if inotifyFD == nil { return 2 }
        return settings.rescanInterval > 0 ? settings.rescanInterval : nil
    }

    func secondsUntilNextWork(now: Double) -> Double {
        var next = tracker.secondsUntilNextDue(now: now) ?? 1.0
        if scanInterval != nil { next = min(next, max(0, nextScan - now)) }
        return next
    }

    mutating func openWatches() {
        guard settings.pollInterval == nil else {
            logger.info("watching the inbox by polling", metadata: ["inbox": "\(settings.path)", "interval_s": "\(settings.pollInterval!)"])
            return
        }
        do {
            inotifyFD = try Inotify.open()
        } catch {
            logger.error("inotify unavailable; falling back to polling every 2 s", metadata: ["error": "\(error)"])
            return
        }
        watchTree(settings.path)
    }

    mutating func closeWatches() {
        if let fd = inotifyFD { close(fd) }
        inotifyFD = nil
        buffer.deallocate()
    }

    /// Adds watches on `folder` and every folder below it. Each folder is watched through a
    /// descriptor opened below the inbox without following a symlink, so a folder swapped
    /// for a symlink between the scan and the watch cannot get a watch outside the inbox.
    mutating func watchTree(_ folder: String) {
        guard let fd = inotifyFD else { return }
        for dir in InboxScanner.scan(inbox: settings.path, below: relative(folder)).folders {
            do {
                let wd = try Inotify.addWatch(fd, folder: ConfinedPath(dir, beneath: settings.path), root: settings.path,
                                              mask: Inotify.inboxMask)
                watches[wd] = dir
                if dir == settings.path { rootWatched = true }
            } catch {
                logger.warning("cannot watch an inbox folder", metadata: ["folder": "\(dir)", "error": "\(error)"])
            }
        }
    }

    /// `path` relative to the inbox ("" for the inbox itself).
    func relative(_ path: String) -> String {
        path.hasPrefix(settings.path + "/") ? String(path.dropFirst(settings.path.count + 1)) : ""
    }

    mutating func readEvents() {
        guard let fd = inotifyFD else { return }
        let events: [InotifyEvent]
        do { events = try Inotify.read(fd, buffer: buffer) } catch {
            logger.error("reading inotify failed", metadata: ["error": "\(error)"])
            return
        }
        for event in events {
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                logger.warning("inotify queue overflowed; rescanning the inbox")
                // Events were lost, close events among them: fall back to the settle time.
                openForWriting.removeAll()
                scanAll()
                continue
            }
            if event.mask & UInt32(IN_IGNORED) != 0 {
                if watches.removeValue(forKey: event.watch) == settings.path { rootWatched = false }
                continue
            }
            guard let dir = watches[event.watch] else { continue }
            if event.mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
                if dir == settings.path {
                    logger.error("the inbox folder was removed or moved; waiting for it to come back", metadata: ["inbox": "\(dir)"])
                    rootWatched = false
                }
                continue
            }
            guard !event.name.isEmpty else { continue }
            guard event.nameIsUTF8 else {
                // Scanning the folder gives the entry a name that is UTF-8 (and logs it).
                scan(folder: dir)
                continue
            }
            guard !IgnoredNames.isIgnored(event.name) else { continue }
            let path = "\(dir)/\(event.name)"
            if event.mask & UInt32(IN_ISDIR) != 0 {
                // Files may land in a new folder before its watch exists: scan it too.
                watchTree(path)
                scan(folder: path)
            } else {
                if event.mask & (UInt32(IN_CREATE) | UInt32(IN_MODIFY)) != 0 {
                    openForWriting.insert(path)
                } else if event.mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)) != 0 {
                    openForWriting.remove(path)
                }
                observe(path: path, now: monotonicSeconds())
            }
        }
    }

    /// Periodic work: rescans, and re-watching an inbox that was deleted and recreated.
    mutating func maintain(now: Double) {
        if inotifyFD != nil && !rootWatched, (try? FileSystem.status(settings.path))??.kind == .directory {
            logger.info("the inbox folder is back; watching it again", metadata: ["inbox": "\(settings.path)"])
            watchTree(settings.path)
            scanAll()
        }
        if let interval = scanInterval, now >= nextScan {
            scanAll()
            nextScan = now + interval
        }
    }

    mutating func scanAll() {
        openForWriting = openForWriting.filter { (try? FileSystem.status($0)) != nil }
        scan(folder: settings.path)
    }

    mutating func scan(folder: String) {
        let now = monotonicSeconds()
        let listing = InboxScanner.scan(inbox: settings.path, below: relative(folder))
        for file in listing.files {
            observe(file: file, now: now)
        }
        for link in listing.symlinks {
            logSymlink(link)
        }
        for entry in listing.unnamed {
            name(entry, now: now)
        }
    }

    /// Gives an entry whose name is not UTF-8 an escaped one, in place (`a-\xE9.pdf` becomes
    /// `a-%E9.pdf`): it is then taken like any file, and its job shows that name.
    mutating func name(_ entry: InboxScanner.UnnamedEntry, now: Double) {
        let newName = InboxNames.escaped(entry.bytes)
        let folder = entry.folder.isEmpty ? nil : ConfinedPath(root: settings.path, relative: entry.folder)
        do {
            try FileSystem.renameInFolder(folder, root: settings.path, from: entry.bytes, to: newName)
            logger.warning("renamed a file whose name is not UTF-8; it is taken under its new name",
                           metadata: ["folder": "\(entry.folder)", "name": "\(newName)"])
            observe(file: InboxFile(inbox: settings.path, relativePath: entry.folder.isEmpty ? newName : "\(entry.folder)/\(newName)"),
                    now: now)
        } catch {
            logger.error("a file whose name is not UTF-8 cannot be renamed, so it is not taken; rename it",
                         metadata: ["folder": "\(entry.folder)", "name": "\(newName)", "error": "\(error)"])
        }
    }

    func inboxFile(at path: String) -> InboxFile {
        InboxFile(inbox: settings.path, relativePath: relative(path))
    }

    mutating func observe(path: String, now: Double) {
        observe(file: inboxFile(at: path), now: now)
    }

    /// Says once per path that a symlink is not taken, whether a scan or an event found it.
    mutating func logSymlink(_ relativePath: String) {
        guard loggedSymlinks.insert(relativePath).inserted else { return }
        logger.warning("not taken: a symlink in the inbox is never followed, to a file or a folder", metadata: ["path": "\(relativePath)"])
    }

    mutating func observe(file: InboxFile, now: Double) {
        guard let path = file.confined, let status = try? FileSystem.status(path) else { return }
        guard status.kind == .regular else {
            if status.kind == .symlink { logSymlink(file.relativePath) }
            return
        }
        tracker.observe(file, signature: .init(size: status.size, modifiedNanoseconds: status.modifiedNanoseconds), now: now)
    }

    /// Files that have settled: re-stat each due file; a changed one waits again.
    mutating func takeSettled(now: Double) -> [InboxFile] {
        var settled: [InboxFile] = []
        for file in tracker.due(now: now) {
            guard let path = file.confined, let status = try? FileSystem.status(path), status.kind == .regular else {
                tracker.forget(file.path)
                openForWriting.remove(file.path)
                continue
            }
            let signature = SettleTracker.Signature(size: status.size, modifiedNanoseconds: status.modifiedNanoseconds)
            if openForWriting.contains(file.path) {
                tracker.restart(file.path, now: now)
            } else if tracker.isUnchanged(file.path, signature: signature) {
                tracker.forget(file.path)
                settled.append(file)
            } else {
                tracker.observe(file, signature: signature, now: now)
            }
        }
        return settled
    }
}
