#include "CLibXML2Loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#if defined(__APPLE__)
static const char *const library_name = "libxml2.2.dylib";
#else
static const char *const library_name = "libxml2.so.2";
#endif

static struct {
    void *(*xmlBufferCreate)(void);
    void (*xmlBufferFree)(void *);
    void (*xmlBufferEmpty)(void *);
    const unsigned char *(*xmlBufferContent)(const void *);
    int (*xmlBufferLength)(const void *);
    void *(*xmlNewTextWriterMemory)(void *, int);
    void (*xmlFreeTextWriter)(void *);
    int (*xmlTextWriterSetIndent)(void *, int);
    int (*xmlTextWriterSetIndentString)(void *, const unsigned char *);
    int (*xmlTextWriterStartDocument)(void *, const char *, const char *, const char *);
    int (*xmlTextWriterStartElement)(void *, const unsigned char *);
    int (*xmlTextWriterWriteAttribute)(void *, const unsigned char *, const unsigned char *);
    int (*xmlTextWriterWriteString)(void *, const unsigned char *);
    int (*xmlTextWriterEndElement)(void *);
    int (*xmlTextWriterEndDocument)(void *);
    int (*xmlTextWriterFlush)(void *);
} functions;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static const char *load_error;

static void *symbol(void *library, const char *name) {
    void *address = dlsym(library, name);
    if (address == NULL && load_error == NULL) load_error = dlerror();
    return address;
}

static void load(void) {
    void *library = dlopen(library_name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        load_error = dlerror();
        return;
    }
#define LOAD(name) *(void **)&functions.name = symbol(library, #name)
    LOAD(xmlBufferCreate);
    LOAD(xmlBufferFree);
    LOAD(xmlBufferEmpty);
    LOAD(xmlBufferContent);
    LOAD(xmlBufferLength);
    LOAD(xmlNewTextWriterMemory);
    LOAD(xmlFreeTextWriter);
    LOAD(xmlTextWriterSetIndent);
    LOAD(xmlTextWriterSetIndentString);
    LOAD(xmlTextWriterStartDocument);
    LOAD(xmlTextWriterStartElement);
    LOAD(xmlTextWriterWriteAttribute);
    LOAD(xmlTextWriterWriteString);
    LOAD(xmlTextWriterEndElement);
    LOAD(xmlTextWriterEndDocument);
    LOAD(xmlTextWriterFlush);
#undef LOAD
    loaded = load_error == NULL;
}

int dlint_libxml2_load(void) {
    pthread_once(&load_once, load);
    return loaded;
}

const char *dlint_libxml2_load_error(void) {
    dlint_libxml2_load();
    return load_error;
}

void *dlint_xmlBufferCreate(void) { return functions.xmlBufferCreate(); }
void dlint_xmlBufferFree(void *buffer) { functions.xmlBufferFree(buffer); }
void dlint_xmlBufferEmpty(void *buffer) { functions.xmlBufferEmpty(buffer); }
const unsigned char *dlint_xmlBufferContent(const void *buffer) { return functions.xmlBufferContent(buffer); }
int dlint_xmlBufferLength(const void *buffer) { return functions.xmlBufferLength(buffer); }

void *dlint_xmlNewTextWriterMemory(void *buffer, int compression) { return functions.xmlNewTextWriterMemory(buffer, compression); }
void dlint_xmlFreeTextWriter(void *writer) { functions.xmlFreeTextWriter(writer); }
int dlint_xmlTextWriterSetIndent(void *writer, int indent) { return functions.xmlTextWriterSetIndent(writer, indent); }
int dlint_xmlTextWriterSetIndentString(void *writer, const unsigned char *text) { return functions.xmlTextWriterSetIndentString(writer, text); }
int dlint_xmlTextWriterStartDocument(void *writer, const char *version, const char *encoding, const char *standalone) {
    return functions.xmlTextWriterStartDocument(writer, version, encoding, standalone);
}
int dlint_xmlTextWriterStartElement(void *writer, const unsigned char *name) { return functions.xmlTextWriterStartElement(writer, name); }
int dlint_xmlTextWriterWriteAttribute(void *writer, const unsigned char *name, const unsigned char *content) {
    return functions.xmlTextWriterWriteAttribute(writer, name, content);
}
int dlint_xmlTextWriterWriteString(void *writer, const unsigned char *content) { return functions.xmlTextWriterWriteString(writer, content); }
int dlint_xmlTextWriterEndElement(void *writer) { return functions.xmlTextWriterEndElement(writer); }
int dlint_xmlTextWriterEndDocument(void *writer) { return functions.xmlTextWriterEndDocument(writer); }
int dlint_xmlTextWriterFlush(void *writer) { return functions.xmlTextWriterFlush(writer); }
