/* utf8proc (Debian libutf8proc-dev): Unicode categories, case folding, decomposition. */
#include <utf8proc.h>
