import Glibc

/// systemd's service credentials (`LoadCredential=`): files named after each credential in
/// the read-only folder `$CREDENTIALS_DIRECTORY`, readable by the service's user only.
public enum SystemdCredentials {
    /// The credentials folder; nil when systemd passed none.
    public static func directory(environment: [String: String]) -> String? {
        guard let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty else { return nil }
        return folder
    }

    /// The bytes of credential `name`; nil when there is no credentials folder or no such
    /// credential. A credential that exists but cannot be read throws (with its errno).
    public static func read(_ name: String, environment: [String: String]) throws(SystemError) -> [UInt8]? {
        guard let folder = directory(environment: environment) else { return nil }
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw SystemError(errno: EINVAL, reason: "credential name '\(name)'")
        }
        let path = "\(folder)/\(name)"
        let fd: Int32
        do {
            fd = try SystemCall.retrying("open(\(path))") { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        } catch where error.errno == ENOENT {
            return nil
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try SystemCall.retrying("read(\(path))") { Glibc.read(fd, &buffer, buffer.count) }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[..<count])
            // systemd caps all of a unit's credentials at 1 MiB together.
            if bytes.count > 1 << 20 { throw SystemError(errno: EFBIG, reason: "read(\(path))") }
        }
        return bytes
    }
}

/// journald's stream connection (`StandardError=journal`): systemd sets `$JOURNAL_STREAM`
/// to the `device:inode` of the stream it connected, so a program can tell that its output
/// goes to the journal rather than to a terminal or a file it was redirected to.
public enum SystemdJournal {
    /// Whether `descriptor` (standard error by default) is the stream `$JOURNAL_STREAM` names.
    public static func isJournalStream(_ descriptor: Int32 = STDERR_FILENO, environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        guard let identity = try? FileSystem.identity(ofDescriptor: descriptor) else { return false }
        return identity.device == device && identity.inode == inode
    }
}
