// Linux headers that Swift's Glibc module does not bring in (statfs(2) for the file system
// type of the inbox), and the crash record, which must run inside a signal handler and so
// is written in C. Declarations only; LinuxSupport wraps them.
#pragma once
#include <stddef.h>
#include <sys/vfs.h>

/// Slots the crash record keeps (one per worker; `workers` is at most 256).
#define INVOICED_CRASH_RECORD_SLOTS 256

/// Writes, from a handler of SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP and SIGABRT, the text
/// of the slot of the thread that received the signal (or, on a thread without a slot, of
/// every occupied slot) to `fd`, one line each, then lets the signal take its previous
/// course (the default action, or a handler installed before). Returns 0, or -1 with errno.
int invoiced_crash_record_install(int fd);

/// Puts `text` (at most 127 bytes; longer is cut) in `slot`, and makes `slot` the calling
/// thread's own. Async-signal-safe to read.
void invoiced_crash_record_set(int slot, const char *text, size_t length);

/// Empties `slot`.
void invoiced_crash_record_clear(int slot);

/// Gives the calling thread an alternate signal stack, so that the crash record's handler
/// can run after a stack overflow on it. Returns 0, or -1 with errno.
int invoiced_crash_record_thread_stack(void);

/// Test-only (`INVOICED_TEST_OVERFLOW_ON`): recurses until the thread's stack overflows.
void invoiced_test_overflow_stack(void);

/// renameat2(2) with RENAME_NOREPLACE: renames `oldname` in `olddirfd` to `newname` in
/// `newdirfd` unless `newname` exists (then -1 with EEXIST). glibc 2.36's wrapper is not
/// visible to Swift's Glibc module. Returns 0, or -1 with errno.
int invoiced_renameat_noreplace(int olddirfd, const char *oldname, int newdirfd, const char *newname);
