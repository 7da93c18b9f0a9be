#ifndef ONSET_MALLOC_TUNING_H
#define ONSET_MALLOC_TUNING_H

/// Keeps freed memory in the process for reuse instead of returning it to the kernel at once
/// (glibc only; elsewhere it does nothing). See malloc_tuning.c for why.
void onset_keep_freed_memory(void);

#endif
