import Chat
import Glibc
import Ingest
import LinuxSupport
import OCR
import Pipeline

/// What `invoiced --check-config` checks beyond parsing: that the folders can be used by the
/// user running the check (run it as the daemon's user), that the socket group exists, that
/// Tesseract has the languages, and where the credentials come from.
struct ConfigCheck {
    let config: DaemonConfig
    let environment: [String: String]

    /// Problems that would stop or break the daemon, and facts worth showing.
    func run() -> (problems: [String], notes: [String]) {
        var problems: [String] = []
        var notes: [String] = []

        if let problem = folderProblem(config.dataDir, role: "data_dir") { problems.append(problem) }
        if let problem = folderProblem(config.inbox.path, role: "inbox.path") { problems.append(problem) }
        let socketFolder = FileSystem.parentPath(config.socketPath)
        if let status = (try? FileSystem.status(config.socketPath)) ?? nil, status.kind != .socket {
            problems.append("socket: \(config.socketPath) exists and is not a socket")
        } else if let problem = folderProblem(socketFolder, role: "the socket's folder") {
            problems.append(problem)
        }

        if let group = config.socketGroup {
            switch Result(catching: { () throws(SystemError) in try UserDatabase.groupID(named: group) }) {
            case .success(nil):
                problems.append("socket_group: group '\(group)' does not exist (create it, e.g. with systemd-sysusers or groupadd)")
            case let .success(gid?):
                if UserDatabase.processCanUseGroup(gid) {
                    notes.append("socket_group: \(group) (gid \(gid)), socket mode \(String(config.socketMode, radix: 8))")
                } else {
                    problems.append("socket_group: this user is not a member of group '\(group)', so it cannot give the socket to it (check as the daemon's user)")
                }
            case let .failure(error):
                problems.append("socket_group: cannot look up group '\(group)': \(error)")
            }
        }

        if let folder = SystemdCredentials.directory(environment: environment) {
            if ((try? FileSystem.status(folder)) ?? nil)?.kind != .directory {
                problems.append("CREDENTIALS_DIRECTORY \(folder) is not a folder")
            }
        }
        notes.append("chat API key: \(config.chat.credential.summary)")

        do {
            _ = try TesseractEngine(languages: config.pipeline.languages, dataPath: config.pipeline.tessdata)
            notes.append("ocr.languages: \(config.pipeline.languages) loaded")
        } catch {
            problems.append("\(error)")
        }
        return (problems, notes)
    }

    /// Why `path` cannot serve as a folder the daemon reads and writes, if it cannot.
    private func folderProblem(_ path: String, role: String) -> String? {
        switch ((try? FileSystem.status(path)) ?? nil)?.kind {
        case .directory?:
            if access(path, R_OK | W_OK | X_OK) != 0 {
                return "\(role): \(path) is not readable and writable by this user (\(String(cString: strerror(errno))))"
            }
            return nil
        case nil:
            if FileSystem.isWritableOrCreatable(path) { return nil }
            return "\(role): \(path) does not exist and this user cannot create it"
        default:
            return "\(role): \(path) exists and is not a folder"
        }
    }
}
