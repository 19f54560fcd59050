/* zstd (Debian libzstd-dev): compression of stored-field blocks. */
#include <zstd.h>
