import APIWire
import JobStore

/// The one line `systemctl status` shows (`STATUS=`): the queue, and what is wrong if anything.
enum StatusLine {
    /// `3 queued, 2 processing, 1204 done` (+ `, 1 failed` when any), then `; problem; ...`.
    static func text(counts: [JobStatus: Int], problems: [String]) -> String {
        var parts = ["\(counts[.queued] ?? 0) queued", "\(counts[.processing] ?? 0) processing", "\(counts[.done] ?? 0) done"]
        if let failed = counts[.failed], failed > 0 { parts.append("\(failed) failed") }
        return ([parts.joined(separator: ", ")] + problems).joined(separator: "; ")
    }
}
