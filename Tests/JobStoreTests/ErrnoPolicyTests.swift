import Glibc
import JobStore
import LinuxSupport
import Testing

/// One errno table for the daemon: what EACCES means depends on what the call was doing.
@Suite struct ErrnoPolicyTests {
    @Test func aDocumentItsOwnerMadeUnreadable_isTheFilesFault_anUnwritableOwnFolderIsTheSurroundings() {
        #expect(ErrnoPolicy.blame(EACCES, doing: .readingADocument) == .theFile)
        #expect(ErrnoPolicy.blame(EPERM, doing: .readingADocument) == .theFile)
        #expect(ErrnoPolicy.blame(EACCES, doing: .workingOnOwnFiles) == .theSurroundings)
        #expect(EnvironmentTrouble.isEnvironmental(SystemError(errno: EACCES, reason: "rename(spool)")))
    }

    @Test func aFullDiskOrTooFewDescriptors_isTheSurroundings_whateverTheCallWasDoing() {
        for errno in [ENOSPC, EDQUOT, EROFS, EIO, EMFILE, ENFILE] {
            #expect(ErrnoPolicy.blame(errno, doing: .readingADocument) == .theSurroundings)
            #expect(ErrnoPolicy.blame(errno, doing: .workingOnOwnFiles) == .theSurroundings)
            #expect(EnvironmentTrouble.isEnvironmental(SystemError(errno: errno, reason: "write")))
        }
    }

    @Test func aSymlinkLoopIsTheDocuments_andAnUnlistedErrnoIsNobodysInParticular() {
        #expect(ErrnoPolicy.blame(ELOOP, doing: .readingADocument) == .theFile)
        #expect(ErrnoPolicy.blame(ENOENT, doing: .readingADocument) == .unknown)
        #expect(!EnvironmentTrouble.isEnvironmental(SystemError(errno: ENOENT, reason: "open")))
    }
}
