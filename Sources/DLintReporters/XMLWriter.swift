import CLibXML2Loader

/// libxml2 refused to write something; the message names the call.
public struct XMLWriteError: Error, CustomStringConvertible {
    public let description: String
}

/// Text made safe for XML 1.0 before it reaches libxml2: characters XML cannot hold (control
/// characters other than tab, newline and carriage return, NUL, U+FFFE and U+FFFF) become their
/// visible pictures or U+FFFD. Invalid UTF-8 never gets here: it was decoded to U+FFFD.
enum XMLText {
    static func sanitize(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(scalar)
            case 0x00..<0x20: scalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: scalars.append("\u{2421}")
            case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: scalars.append(scalar)
            default: scalars.append("\u{FFFD}")
            }
        }
        return String(scalars)
    }
}

/// A thin wrapper over libxml2's `xmlTextWriter` writing UTF-8 to memory, indented by two
/// spaces. Every call's return code is checked; all text goes through `XMLText.sanitize`.
/// libxml2 is loaded when the first writer is made (see CLibXML2Loader): only the XML formats need it.
final class XMLWriter {
    private let buffer: UnsafeMutableRawPointer
    private let writer: UnsafeMutableRawPointer

    init() throws(XMLWriteError) {
        guard dlint_libxml2_load() == 1 else {
            let reason = dlint_libxml2_load_error().map { String(cString: $0) } ?? "unknown error"
            throw XMLWriteError(description: "libxml2, which the XML report formats need, could not be loaded: \(reason)")
        }
        guard let buffer = dlint_xmlBufferCreate() else { throw XMLWriteError(description: "xmlBufferCreate failed") }
        guard let writer = dlint_xmlNewTextWriterMemory(buffer, 0) else {
            dlint_xmlBufferFree(buffer)
            throw XMLWriteError(description: "xmlNewTextWriterMemory failed")
        }
        self.buffer = buffer
        self.writer = writer
    }

    deinit {
        dlint_xmlFreeTextWriter(writer)
        dlint_xmlBufferFree(buffer)
    }

    private func check(_ status: Int32, _ call: String) throws(XMLWriteError) {
        if status < 0 { throw XMLWriteError(description: "libxml2: \(call) failed") }
    }

    /// Calls `body` with `text` (sanitized) as a NUL-terminated `xmlChar` string.
    private func withXMLString(_ text: String, _ body: (UnsafePointer<UInt8>) -> Int32) -> Int32 {
        var bytes = Array(XMLText.sanitize(text).utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    func startDocument() throws(XMLWriteError) {
        try check(dlint_xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try check(withXMLString("  ") { dlint_xmlTextWriterSetIndentString(writer, $0) }, "xmlTextWriterSetIndentString")
        try check(dlint_xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    func startElement(_ name: String) throws(XMLWriteError) {
        try check(withXMLString(name) { dlint_xmlTextWriterStartElement(writer, $0) }, "xmlTextWriterStartElement(\(name))")
    }

    func attribute(_ name: String, _ value: String) throws(XMLWriteError) {
        let status = withXMLString(name) { namePointer in
            withXMLString(value) { dlint_xmlTextWriterWriteAttribute(writer, namePointer, $0) }
        }
        try check(status, "xmlTextWriterWriteAttribute(\(name))")
    }

    func attribute(_ name: String, _ value: Int) throws(XMLWriteError) {
        try attribute(name, String(value))
    }

    func text(_ value: String) throws(XMLWriteError) {
        try check(withXMLString(value) { dlint_xmlTextWriterWriteString(writer, $0) }, "xmlTextWriterWriteString")
    }

    func endElement() throws(XMLWriteError) {
        try check(dlint_xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    /// What was written since the last `drain`, taken out of the buffer: libxml2 never goes back
    /// over written bytes, so a document can be handed out piece by piece.
    func drain() throws(XMLWriteError) -> String {
        try check(dlint_xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        let text = try content()
        dlint_xmlBufferEmpty(buffer)
        return text
    }

    /// Closes every open element and returns the document (what is left of it after `drain`).
    func finish() throws(XMLWriteError) -> String {
        try check(dlint_xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        try check(dlint_xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        return try content()
    }

    private func content() throws(XMLWriteError) -> String {
        guard let content = dlint_xmlBufferContent(buffer) else { throw XMLWriteError(description: "libxml2: xmlBufferContent failed") }
        let length = Int(dlint_xmlBufferLength(buffer))
        guard length >= 0 else { throw XMLWriteError(description: "libxml2: xmlBufferLength failed") }
        return String(decoding: UnsafeBufferPointer(start: content, count: length), as: UTF8.self)
    }
}
