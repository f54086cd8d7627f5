import LinuxSupport

/// Whether the daemon's threads are alive, judged from their heartbeats: the watchdog pings
/// systemd only while this finds no problem, so a stuck worker or inbox thread stops the
/// pings and systemd restarts the service.
struct Liveness: Sendable {
    /// Every thread that must keep beating.
    let heartbeats: [Heartbeat]
    /// Seconds a thread may go without a beat outside declared busy work. Live threads beat
    /// at least every second; the margin absorbs a machine loaded with OCR.
    var staleAfter: Double = 10
    /// Other conditions, worded as problems (e.g. "inbox not watched").
    let otherProblems: @Sendable () -> [String]

    /// What is wrong now; empty when everything is alive.
    func problems() -> [String] {
        var problems = otherProblems()
        for heartbeat in heartbeats {
            switch heartbeat.state(staleAfter: staleAfter) {
            case .alive, .busy: break
            case let .stale(seconds): problems.append("\(heartbeat.name) stuck for \(Int(seconds)) s")
            case .stopped: problems.append("\(heartbeat.name) stopped")
            }
        }
        return problems
    }
}
