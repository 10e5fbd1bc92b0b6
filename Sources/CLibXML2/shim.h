#ifndef DLINT_CLIBXML2_SHIM_H
#define DLINT_CLIBXML2_SHIM_H

/* libxml2 built with ICU would pull ICU's headers in through encoding.h, and they clash with the
   copy Foundation carries. dlint never touches the ICU parts of libxml2's structures (it only
   holds pointers to them), so the ICU declarations are left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlschemas.h>

#endif
