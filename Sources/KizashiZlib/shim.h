// The system zlib (Debian: zlib1g-dev), for KizashiArchive's inflater: only inflate and crc32
// are used. Why not through ZIPFoundation: its reader adds the sizes and offsets a file declares
// without overflow checks, and tells zlib its input is a whole buffer long when the last chunk
// read is shorter — both reachable with a crafted upload.
#ifndef KIZASHI_ZLIB_SHIM_H
#define KIZASHI_ZLIB_SHIM_H
#include <zlib.h>
#endif
