#ifndef ARTEFACT_CSYSTEM_SHIM_H
#define ARTEFACT_CSYSTEM_SHIM_H
// System calls that Swift's Glibc module does not show: glibc declares renameat2 only
// under _GNU_SOURCE, and syscall(2) is variadic, which Swift cannot call. And the SIGBUS
// handler for mapped reads, which must be C: a signal handler may call only
// async-signal-safe functions, which Swift code cannot promise.
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stddef.h>
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>

/// renameat2(2) with RENAME_NOREPLACE: fails with EEXIST instead of replacing the target.
/// Returns -1 with errno ENOSYS or EINVAL where the kernel or file system lacks it.
static inline int artefact_renameat_noreplace(int old_directory, const char *old_name,
                                              int new_directory, const char *new_name) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, old_directory, old_name, new_directory, new_name, 1u /* RENAME_NOREPLACE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

// --- Mapped windows and SIGBUS ------------------------------------------------------------
//
// Reading a mapped page of a file that another process has truncated raises SIGBUS. The
// handler below turns that into a flag: when the faulting address lies in a window that a
// reader registered, it maps anonymous zero pages over the rest of the window (so the
// faulting instruction completes, reading zeros) and marks the window; the reader checks
// the mark once it has consumed the window and rejects the file. A SIGBUS anywhere else
// goes to the previous handler, or kills the process as it would have without this one.
//
// These functions and the state they share are `static`, so each object file that refers
// to them would get its own copy: only System/Reading/MappedWindow.swift may call them.

#define ARTEFACT_WINDOW_SLOTS 256

struct artefact_window_slot {
    int owned;         // 1 while a reader holds the slot
    unsigned sequence; // odd while start and end are being changed
    uintptr_t start;
    uintptr_t end;
    int faulted;
};

struct artefact_sigbus_state {
    struct artefact_window_slot windows[ARTEFACT_WINDOW_SLOTS];
    struct sigaction previous;
    uintptr_t page_mask;
    pthread_once_t once;
    int installed;
};

// The state lives in a function because Swift's C importer emits the functions a Swift
// file calls but not a header's global variables.
static struct artefact_sigbus_state *artefact_sigbus(void) {
    static struct artefact_sigbus_state state = { .once = PTHREAD_ONCE_INIT };
    return &state;
}

static void artefact_sigbus_handler(int signal_number, siginfo_t *info, void *context) {
    int saved_errno = errno;
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int index = 0; index < ARTEFACT_WINDOW_SLOTS; index++) {
        // A slot being changed by another thread cannot hold the faulting address: only the
        // thread that faulted changes the slot of its own window. Skip it rather than read
        // a start and an end from two different windows.
        unsigned before = __atomic_load_n(&artefact_sigbus()->windows[index].sequence, __ATOMIC_ACQUIRE);
        uintptr_t start = __atomic_load_n(&artefact_sigbus()->windows[index].start, __ATOMIC_ACQUIRE);
        uintptr_t end = __atomic_load_n(&artefact_sigbus()->windows[index].end, __ATOMIC_ACQUIRE);
        unsigned after = __atomic_load_n(&artefact_sigbus()->windows[index].sequence, __ATOMIC_ACQUIRE);
        if ((before & 1) || before != after) continue;
        if (start == 0 || address < start || address >= end) continue;
        uintptr_t page = address & artefact_sigbus()->page_mask;
        // mmap(2) is not on POSIX's async-signal-safe list, but on Linux it is a plain system
        // call that takes no user-space lock.
        void *zeros = mmap((void *)page, end - page, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (zeros != MAP_FAILED) {
            __atomic_store_n(&artefact_sigbus()->windows[index].faulted, 1, __ATOMIC_RELEASE);
            errno = saved_errno;
            return;
        }
        break;
    }
    errno = saved_errno;
    if ((artefact_sigbus()->previous.sa_flags & SA_SIGINFO) && artefact_sigbus()->previous.sa_sigaction != NULL) {
        artefact_sigbus()->previous.sa_sigaction(signal_number, info, context);
    } else if (artefact_sigbus()->previous.sa_handler != SIG_DFL && artefact_sigbus()->previous.sa_handler != SIG_IGN) {
        artefact_sigbus()->previous.sa_handler(signal_number);
    } else {
        // Not a window of ours: returning re-runs the faulting access, which now takes the
        // default action and ends the process as SIGBUS always did.
        signal(SIGBUS, SIG_DFL);
    }
}

static void artefact_sigbus_install_once(void) {
    long page = sysconf(_SC_PAGESIZE);
    artefact_sigbus()->page_mask = ~((uintptr_t)(page > 0 ? page : 4096) - 1);
    struct sigaction action = {0};
    action.sa_sigaction = artefact_sigbus_handler;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    artefact_sigbus()->installed = sigaction(SIGBUS, &action, &artefact_sigbus()->previous) == 0;
}

/// Installs the SIGBUS handler (sigaction(2)) once per process. Returns 1 when it is installed.
static inline int artefact_sigbus_install(void) {
    pthread_once(&artefact_sigbus()->once, artefact_sigbus_install_once);
    return artefact_sigbus()->installed;
}

/// Registers [start, start + length) as a mapped window whose SIGBUS is caught. Returns the
/// slot, or -1 when every slot is taken (the caller then reads without mapping).
static inline int artefact_window_register(const void *start, size_t length) {
    for (int index = 0; index < ARTEFACT_WINDOW_SLOTS; index++) {
        int expected = 0;
        if (!__atomic_compare_exchange_n(&artefact_sigbus()->windows[index].owned, &expected, 1, 0,
                                         __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) continue;
        struct artefact_window_slot *slot = &artefact_sigbus()->windows[index];
        __atomic_add_fetch(&slot->sequence, 1, __ATOMIC_ACQ_REL);
        __atomic_store_n(&slot->faulted, 0, __ATOMIC_RELEASE);
        __atomic_store_n(&slot->start, (uintptr_t)start, __ATOMIC_RELEASE);
        __atomic_store_n(&slot->end, (uintptr_t)start + length, __ATOMIC_RELEASE);
        __atomic_add_fetch(&slot->sequence, 1, __ATOMIC_ACQ_REL);
        return index;
    }
    return -1;
}

/// Whether a SIGBUS has been caught in the window in `slot` since it was registered.
static inline int artefact_window_faulted(int slot) {
    return __atomic_load_n(&artefact_sigbus()->windows[slot].faulted, __ATOMIC_ACQUIRE);
}

/// Frees `slot`; call it before the window is unmapped.
static inline void artefact_window_release(int slot) {
    struct artefact_window_slot *window = &artefact_sigbus()->windows[slot];
    __atomic_add_fetch(&window->sequence, 1, __ATOMIC_ACQ_REL);
    __atomic_store_n(&window->start, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&window->end, 0, __ATOMIC_RELEASE);
    __atomic_add_fetch(&window->sequence, 1, __ATOMIC_ACQ_REL);
    __atomic_store_n(&window->owned, 0, __ATOMIC_RELEASE);
}

// --- Interruption (SIGINT, SIGTERM) -------------------------------------------------------
//
// The first SIGINT or SIGTERM only records its number, which the workers poll between
// chunks (Interruption.swift, the one Swift file that calls these); a second one restores
// the default action and raises it again, so a stuck run still ends.

static volatile sig_atomic_t *artefact_interrupt_slot(void) {
    static volatile sig_atomic_t received = 0;
    return &received;
}

static void artefact_interrupt_handler(int signal_number) {
    volatile sig_atomic_t *slot = artefact_interrupt_slot();
    if (*slot != 0) {
        signal(signal_number, SIG_DFL);
        raise(signal_number);
        return;
    }
    *slot = signal_number;
}

/// Installs the handler for SIGINT and SIGTERM, and unblocks both on the calling thread.
/// Returns 1 when all of that succeeded.
static inline int artefact_interrupt_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = artefact_interrupt_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    int ok = sigaction(SIGINT, &action, NULL) == 0;
    ok = ok && sigaction(SIGTERM, &action, NULL) == 0;
    // A parent may start us with both blocked (Foundation's Process does): unblock them on
    // this thread, whose mask the workers started after it inherit.
    sigset_t both;
    sigemptyset(&both);
    sigaddset(&both, SIGINT);
    sigaddset(&both, SIGTERM);
    return ok && pthread_sigmask(SIG_UNBLOCK, &both, NULL) == 0;
}

/// The signal received since the handler was installed, or 0.
static inline int artefact_interrupt_received(void) {
    return *artefact_interrupt_slot();
}

// --- Terminal width ------------------------------------------------------------------------

/// The number of columns of the terminal open as `descriptor` (ioctl TIOCGWINSZ, which is
/// variadic and so not callable from Swift), or 0 when it is not a terminal or does not say.
static inline int artefact_terminal_columns(int descriptor) {
    struct winsize size;
    if (ioctl(descriptor, TIOCGWINSZ, &size) != 0) return 0;
    return (int)size.ws_col;
}

#endif
