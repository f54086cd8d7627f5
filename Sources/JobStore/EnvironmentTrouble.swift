import GRDB
import Glibc
import LinuxSupport

/// Errors that say the daemon's surroundings are in trouble (disk full, quota, file size
/// limit, read-only or unwritable folder, database locked or full), not the file: such a
/// job waits and is tried again, without using up its attempts.
public enum EnvironmentTrouble {
    private static let errnos: Set<Int32> = [ENOSPC, EDQUOT, EFBIG, EROFS, EACCES, EPERM, EIO, EMFILE, ENFILE, ENOMEM]
    private static let sqliteCodes: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR,
                                                      .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_NOMEM]

    /// Whether `error` is trouble of the surroundings.
    public static func isEnvironmental(_ error: any Error) -> Bool {
        if let error = error as? SystemError { return errnos.contains(error.errno) }
        if let error = error as? DatabaseError { return sqliteCodes.contains(error.resultCode.primaryResultCode) }
        return false
    }
}
