import Foundation
import LinuxSupport

/// Where everything lives under the data directory (DESIGN.md's contract):
/// `invoiced.sqlite`, `spool/`, `results/<job-id>.json`, `archive/YYYY/MM/`, `failed/`.
public struct DataLayout: Sendable, Equatable {
    /// The data directory.
    public let root: String

    /// A layout under `root` (an absolute path).
    public init(root: String) {
        self.root = root
    }

    public var database: String { "\(root)/invoiced.sqlite" }
    /// Files between intake and the end of processing, named `<job-id>.<ext>`.
    public var spool: String { "\(root)/spool" }
    /// The jobs the workers were reading when the daemon last died of a fault (`CrashRecord`).
    public var crashRecord: String { "\(root)/crash-record" }
    public var results: String { "\(root)/results" }
    public var archive: String { "\(root)/archive" }
    public var failed: String { "\(root)/failed" }

    /// Creates the folders that do not exist yet.
    public func createDirectories() throws {
        for folder in [root, spool, results, archive, failed] {
            try FileSystem.createDirectories(folder)
        }
    }

    /// `path` (one of this layout's paths, as the database records them) as a path that file
    /// operations resolve below the data folder without following a symlink. A path that is
    /// not below it (the data folder was moved since the row was written) is refused.
    public func confined(_ path: String) throws(SystemError) -> ConfinedPath {
        guard let confined = ConfinedPath(path, beneath: root) else {
            throw SystemError(errno: EINVAL, reason: "\(path) is not in the data folder \(root) (was data_dir changed? move the folder back)")
        }
        return confined
    }

    /// The spool path for job `id` of a file called `filename`.
    public func spoolPath(id: String, filename: String) -> String {
        "\(spool)/\(id).\(Self.safeExtension(filename))"
    }

    /// `results/<id>.json`.
    public func resultPath(id: String) -> String { "\(results)/\(id).json" }

    /// `archive/YYYY/MM/<id>-<name>` for a job finished at `date` (UTC).
    public func archivePath(id: String, filename: String, date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month], from: date)
        let folder = String(format: "%@/%04d/%02d", archive, parts.year ?? 1970, parts.month ?? 1)
        return "\(folder)/\(id)-\(Self.safeName(filename))"
    }

    /// `failed/<id>-<name>`.
    public func failedPath(id: String, filename: String) -> String {
        "\(failed)/\(id)-\(Self.safeName(filename))"
    }

    /// The job id a spool file belongs to, from its name.
    public static func jobId(ofSpoolName name: String) -> String? {
        guard let dot = name.firstIndex(of: "."), name[..<dot].count == 36 else { return nil }
        return String(name[..<dot])
    }

    /// A file name that is safe as the last part of a path: no `/`, no control characters,
    /// no leading dot or dash, at most 120 bytes, extension kept.
    public static func safeName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar == "/" || scalar.properties.generalCategory == .control || scalar == "\\" {
                scalars.append("_")
            } else {
                scalars.append(scalar)
            }
        }
        var safe = String(scalars).trimmingCharacters(in: .whitespaces)
        while safe.first == "." || safe.first == "-" { safe.removeFirst() }
        if safe.isEmpty { safe = "file" }
        if safe.utf8.count > 120 {
            let ext = safeExtension(name)
            var stem = Substring(safe)
            while stem.utf8.count > 110 { stem = stem.dropLast() }
            safe = "\(stem).\(ext)"
        }
        return safe
    }

    /// Lower-case alphanumeric extension of `name`, at most 8 characters, `bin` when none.
    public static func safeExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "bin" }
        let ext = name[name.index(after: dot)...].lowercased()
        guard !ext.isEmpty, ext.count <= 8, ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return "bin"
        }
        return ext
    }
}

extension Calendar {
    /// Gregorian in UTC: archive folders do not move with the machine's time zone.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
