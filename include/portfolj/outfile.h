/*
 * Writing an output file whole or not at all (FORMATS.md section 1: files
 * written with -o). Used by the export and by the program for every -o.
 */
#ifndef PORTFOLJ_OUTFILE_H
#define PORTFOLJ_OUTFILE_H

#include <stddef.h>

#include "portfolj/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Writes len bytes to path. A regular file (new or old) is replaced
 * atomically: the bytes go to a temporary file made with O_EXCL under an
 * unpredictable name in the same directory, are synced, and renamed over
 * it, so a reader sees the old file or the new one, never a part. The new
 * file gets the old one's mode and (where permitted) owner, or a new file's
 * mode under the umask. A symbolic link is written through to its target. A
 * device, FIFO or socket (/dev/stdout, /dev/null) is written straight into.
 * A path ending in '/' or naming a directory is refused. Every write error
 * (a full disk, a file-size limit: the caller ignores SIGXFSZ) is PF_EENV,
 * with the old file left as it was and nothing else left behind.
 */
PF_API pf_status pf_write_file(const char *path, const void *data, size_t len, pf_error *err);

#ifdef __cplusplus
}
#endif
#endif
