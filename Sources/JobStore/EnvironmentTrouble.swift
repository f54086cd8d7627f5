import GRDB
import Glibc
import LinuxSupport

/// Whose trouble an errno is, in one table for the whole daemon. The same errno means
/// different things by what the call was doing: EACCES reading a document that was dropped
/// means its owner made it unreadable (the file's fault: the job fails and says how to fix
/// it), while EACCES writing into the daemon's own folders means the folder changed under
/// it (the surroundings' fault: the job waits and is tried again, its attempts kept).
public enum ErrnoPolicy {
    /// What the failing call was doing.
    public enum Doing: Sendable {
        /// Reading a document someone dropped or uploaded.
        case readingADocument
        /// Anything on the daemon's own files: spool, results, archive, database.
        case workingOnOwnFiles
    }

    /// Whose fault the error is.
    public enum Blame: Sendable, Equatable {
        /// The document itself (unreadable by us, a symlink loop): retrying cannot help.
        case theFile
        /// The machine or its folders (disk full, quota, read-only, out of descriptors):
        /// wait and try again without using up the job's attempts.
        case theSurroundings
        /// Anything else: a transient failure, retried with the attempts counted.
        case unknown
    }

    /// errno → (reading a document, working on own files).
    private static let table: [Int32: (reading: Blame, own: Blame)] = [
        EACCES: (.theFile, .theSurroundings), EPERM: (.theFile, .theSurroundings), ELOOP: (.theFile, .unknown),
        ENOSPC: (.theSurroundings, .theSurroundings), EDQUOT: (.theSurroundings, .theSurroundings),
        EFBIG: (.theSurroundings, .theSurroundings), EROFS: (.theSurroundings, .theSurroundings),
        EIO: (.theSurroundings, .theSurroundings), EMFILE: (.theSurroundings, .theSurroundings),
        ENFILE: (.theSurroundings, .theSurroundings), ENOMEM: (.theSurroundings, .theSurroundings),
    ]

    /// Whose fault `errno` is when the call was `doing` this.
    public static func blame(_ errno: Int32, doing: Doing) -> Blame {
        guard let row = table[errno] else { return .unknown }
        return doing == .readingADocument ? row.reading : row.own
    }
}

/// Errors that say the daemon's surroundings are in trouble (disk full, quota, file size
/// limit, read-only or unwritable folder, database locked or full), not the file: such a
/// job waits and is tried again, without using up its attempts.
public enum EnvironmentTrouble {
    private static let sqliteCodes: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR,
                                                      .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_NOMEM]

    /// Whether `error`, met working on the daemon's own files, is trouble of the surroundings.
    public static func isEnvironmental(_ error: any Error) -> Bool {
        if let error = error as? SystemError { return ErrnoPolicy.blame(error.errno, doing: .workingOnOwnFiles) == .theSurroundings }
        if let error = error as? DatabaseError { return sqliteCodes.contains(error.resultCode.primaryResultCode) }
        return error is StoreUnreachable
    }
}

/// The shared store's server could not be reached, or the connection to it broke mid-call
/// (the server restarted, the network went down): the surroundings' trouble, never a
/// document's. Said in words a sysadmin acts on; the driver's own error follows.
public struct StoreUnreachable: Error, CustomStringConvertible {
    public let description: String

    /// `cause` says what the driver saw, without the statement or its values.
    public init(server: String, cause: String) {
        description = "the store's server \(server) cannot be reached or dropped the connection (is it running, and is the network up?): \(cause)"
    }
}
