#ifndef ARTEFACT_CSYSTEM_SHIM_H
#define ARTEFACT_CSYSTEM_SHIM_H
// System calls that Swift's Glibc module does not show: glibc declares renameat2 only
// under _GNU_SOURCE, and syscall(2) is variadic, which Swift cannot call.
#include <unistd.h>
#include <sys/syscall.h>
#include <errno.h>

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
#endif
