/* The one header Swift sees of libxml2 (Debian libxml2-dev). */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED   /* Debian's ICU headers clash with Foundation's */
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
/* Swift 6 rejects reading libxml2's global xmlFree pointer; call it through a function. */
static inline void nx_xml_free(void *p) { xmlFree(p); }
