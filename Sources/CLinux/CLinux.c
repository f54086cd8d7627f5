#include "CLinux.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Each slot's length is 0 while it is empty or being written, so the handler never writes a
// half-copied text: the text is copied first, its length stored last.
static char slot_text[INVOICED_CRASH_RECORD_SLOTS][128];
static volatile sig_atomic_t slot_length[INVOICED_CRASH_RECORD_SLOTS];
static int record_fd = -1;
static const int recorded_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT };
#define RECORDED_SIGNAL_COUNT (sizeof(recorded_signals) / sizeof(recorded_signals[0]))
static struct sigaction previous[RECORDED_SIGNAL_COUNT];
// The slot of the worker running on this thread, -1 elsewhere. A fault or abort() is
// delivered to the thread that caused it: that worker's job alone is to blame.
static __thread int own_slot = -1;

static void write_slot(int slot) {
    sig_atomic_t length = slot_length[slot];
    if (length <= 0 || length > 127) return;
    (void)!write(record_fd, slot_text[slot], (size_t)length);
    (void)!write(record_fd, "\n", 1);
}

static void record(int signal_number) {
    // Only async-signal-safe calls here: write, fsync, sigaction, raise. On a worker's thread
    // with a job, that job; anywhere else (another thread faulted, or systemd's watchdog sent
    // SIGABRT because a worker hung), every job in progress, since none can be told apart.
    if (own_slot >= 0 && slot_length[own_slot] > 0) {
        write_slot(own_slot);
    } else {
        for (int slot = 0; slot < INVOICED_CRASH_RECORD_SLOTS; slot++) write_slot(slot);
    }
    fsync(record_fd);
    for (size_t i = 0; i < RECORDED_SIGNAL_COUNT; i++) {
        if (recorded_signals[i] == signal_number) sigaction(signal_number, &previous[i], NULL);
    }
    // A fault re-executes its instruction and meets the previous action; a signal sent by
    // another process (systemd's watchdog sends SIGABRT) must be raised again to do so.
    // It stays blocked until this handler returns.
    raise(signal_number);
}

int invoiced_crash_record_install(int fd) {
    record_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = record;
    sigemptyset(&action.sa_mask);
    // On the thread's alternate stack when it has one (invoiced_crash_record_thread_stack):
    // a fault from a stack overflow has no stack left to run a handler on.
    action.sa_flags = SA_ONSTACK;
    for (size_t i = 0; i < RECORDED_SIGNAL_COUNT; i++) {
        if (sigaction(recorded_signals[i], &action, &previous[i]) != 0) return -1;
    }
    return 0;
}

void invoiced_crash_record_set(int slot, const char *text, size_t length) {
    if (slot < 0 || slot >= INVOICED_CRASH_RECORD_SLOTS) return;
    if (length > 127) length = 127;
    own_slot = slot;
    slot_length[slot] = 0;
    memcpy(slot_text[slot], text, length);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    slot_length[slot] = (sig_atomic_t)length;
}

void invoiced_crash_record_clear(int slot) {
    if (slot < 0 || slot >= INVOICED_CRASH_RECORD_SLOTS) return;
    slot_length[slot] = 0;
}

int invoiced_crash_record_thread_stack(void) {
    // Enough for the handler (a few frames of write and sigaction) with a wide margin.
    size_t size = 64 * 1024;
    stack_t stack;
    memset(&stack, 0, sizeof(stack));
    stack.ss_sp = malloc(size);
    if (stack.ss_sp == NULL) return -1;
    stack.ss_size = size;
    stack.ss_flags = 0;
    // Kept for the thread's life: the workers live as long as the process.
    return sigaltstack(&stack, NULL);
}

static int overflow_depth(volatile char *previous, int depth) {
    // Frames well under the 4 KiB guard page, so the overflow meets it rather than jump it.
    volatile char frame[1024];
    frame[0] = (char)depth;
    frame[sizeof(frame) - 1] = previous ? previous[0] : 0;
    // Used after the call, so the recursion cannot become a loop.
    return overflow_depth(frame, depth + 1) + frame[sizeof(frame) - 1];
}

void invoiced_test_overflow_stack(void) {
    (void)overflow_depth(NULL, 0);
}

#include <sys/syscall.h>
#include <linux/fs.h>

int invoiced_renameat_noreplace(int olddirfd, const char *oldname, int newdirfd, const char *newname) {
    return (int)syscall(SYS_renameat2, olddirfd, oldname, newdirfd, newname, RENAME_NOREPLACE);
}
