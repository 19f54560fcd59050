/* libstemmer (the Snowball project's C library; Debian libstemmer-dev), used only by NewsIndexAnalysis. */
#include <libstemmer.h>
