// zlib: gzip for the control plane's large answers (a page of 100 rollouts shrinks 15 to 1).
#ifndef CYGNI_ZLIB_SHIM_H
#define CYGNI_ZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 is a macro (it passes the library's version and the stream's size along), so
// Swift cannot call it. windowBits 15 + 16 asks for a gzip header and trailer (RFC 1952), not
// a bare zlib stream, which is what Content-Encoding: gzip means.
static inline int cygni_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
