#ifndef DLINT_CLIBXML2_LOADER_H
#define DLINT_CLIBXML2_LOADER_H

/* The part of libxml2's xmlTextWriter the XML reporters use, loaded with dlopen on first use.

   Why not linked: libxml2 brings ICU, libstdc++, liblzma and zlib with it, and binding their
   symbols at start-up was a fifth of the instructions and 2.7 MB of the memory of linting one
   file, in every run, for the two report formats (JUnit, Checkstyle) that write XML.

   The signatures are libxml2's (xmlChar is unsigned char; the writer and buffer are opaque
   here). Call dlint_libxml2_load() first: the other functions assume it returned 1. */

/* 1 when libxml2 is loaded (once per process; thread-safe), 0 when it could not be. */
int dlint_libxml2_load(void);
/* Why the load failed (dlopen's or dlsym's message); NULL after a successful load. */
const char *dlint_libxml2_load_error(void);

void *dlint_xmlBufferCreate(void);
void dlint_xmlBufferFree(void *buffer);
void dlint_xmlBufferEmpty(void *buffer);
const unsigned char *dlint_xmlBufferContent(const void *buffer);
int dlint_xmlBufferLength(const void *buffer);

void *dlint_xmlNewTextWriterMemory(void *buffer, int compression);
void dlint_xmlFreeTextWriter(void *writer);
int dlint_xmlTextWriterSetIndent(void *writer, int indent);
int dlint_xmlTextWriterSetIndentString(void *writer, const unsigned char *text);
int dlint_xmlTextWriterStartDocument(void *writer, const char *version, const char *encoding, const char *standalone);
int dlint_xmlTextWriterStartElement(void *writer, const unsigned char *name);
int dlint_xmlTextWriterWriteAttribute(void *writer, const unsigned char *name, const unsigned char *content);
int dlint_xmlTextWriterWriteString(void *writer, const unsigned char *content);
int dlint_xmlTextWriterEndElement(void *writer);
int dlint_xmlTextWriterEndDocument(void *writer);
int dlint_xmlTextWriterFlush(void *writer);

#endif
