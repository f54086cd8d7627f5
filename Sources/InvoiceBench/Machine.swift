import Foundation
import Glibc

/// What the report says about the machine a run was taken on: figures mean little without it.
public struct Machine: Sendable {
    /// CPU model from /proc/cpuinfo.
    public var cpu: String
    /// Cores the process may run on.
    public var cores: Int
    /// Installed memory in GiB.
    public var memoryGiB: Double
    /// Kernel release.
    public var kernel: String
    /// The distribution's PRETTY_NAME.
    public var system: String
    /// `tesseract --version`'s first line.
    public var tesseract: String

    /// Reads the running machine.
    public static func current() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let totalKB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Double($0) } } ?? 0
        var names = utsname()
        uname(&names)
        let release = withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let pretty = osRelease.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
            .map { $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } ?? "Linux"
        let tesseract = (try? Shell.output("tesseract --version 2>&1 | head -1")) ?? "tesseract (unknown)"
        return Machine(cpu: model, cores: Self.cores, memoryGiB: totalKB / 1_048_576, kernel: release, system: pretty,
                       tesseract: tesseract.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Cores this process may use (Foundation counts the affinity mask, as `nproc` does).
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The 1-, 5- and 15-minute load averages: how busy the machine was around a figure.
    public static func loadAverage() -> [Double] {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) == 3 ? loads : []
    }
}
