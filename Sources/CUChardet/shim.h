/* The one header Swift sees of uchardet (Debian libuchardet-dev); pkg-config adds its folder. */
#include <uchardet.h>
