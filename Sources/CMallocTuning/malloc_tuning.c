#include "malloc_tuning.h"
#include <stdlib.h> /* defines __GLIBC__ where it applies */

#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* A filter over a large library reads its stored key sets (a bitmap is 500 KB at 4M cases) into
   fresh buffers and frees them when the answer is known. With glibc's defaults each such buffer
   is a new mmap, or lands past the heap's trim threshold, so every question paid page faults and
   the kernel zeroing the pages again: a third of the time of the slowest filters at 4M cases
   (perf; scripts/bench_notes.md). Blocks under 4 MiB now come from the heap, and up to 32 MiB of
   free memory stays mapped for the next question. Measured cost: peak memory over the 150
   benchmark questions at 4M went from 33 to 36 MB, and while browsing from 36 to 37 MB. */
void onset_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}
