import Foundation
import Glibc

/// How much of the machine other processes (another engineer's build, say) used while a
/// figure was measured: the CPU time all processes used (/proc/stat) minus the bench's own
/// and its children's (getrusage, once the daemons and pipelines have been reaped), as a
/// share of the cores over the wall-clock time.
struct CPUAccounting {
    private let started = Monotonic.seconds()
    private let machineBusy = CPUAccounting.machineBusySeconds()
    private let own = CPUAccounting.ownSeconds()

    /// Share (0...1) of all cores' time used by processes other than the bench and its children.
    func othersShare(cores: Int) -> Double {
        let wall = Monotonic.seconds() - started
        guard wall > 0 else { return 0 }
        let busy = Self.machineBusySeconds() - machineBusy
        let ours = Self.ownSeconds() - own
        return max(0, min(1, (busy - ours) / (wall * Double(cores))))
    }

    /// CPU seconds every process has used since boot (user, nice, system, irq, softirq, steal).
    static func machineBusySeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return 0 }
        let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds of this process and of its reaped children.
    static func ownSeconds() -> Double {
        func seconds(_ who: Int32) -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t(who), &usage)
            return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        }
        return seconds(RUSAGE_SELF.rawValue) + seconds(RUSAGE_CHILDREN.rawValue)
    }
}
