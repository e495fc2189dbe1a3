// The system zlib (Debian: zlib1g-dev), for KizashiArchive's inflater: only inflate and crc32
// are used. Why not ZIPFoundation's: its zip reader trusts the sizes and offsets a file declares.
#ifndef KIZASHI_ZLIB_SHIM_H
#define KIZASHI_ZLIB_SHIM_H
#include <zlib.h>
#endif
