/* zlib (Debian zlib1g-dev): reading gzip-compressed news files (`page.html.gz`, TREC dumps). */
#include <zlib.h>

/* inflateInit2 is a macro; Swift calls this function instead. */
static inline int nx_inflate_init(z_stream *stream, int window_bits) {
  return inflateInit2(stream, window_bits);
}

/* deflateInit2 for gzip output (window 15 + 16): only the tests write gzip files. */
static inline int nx_deflate_init_gzip(z_stream *stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
