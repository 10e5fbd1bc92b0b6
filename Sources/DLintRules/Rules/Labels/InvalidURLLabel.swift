import DLintCore

/// DL3052: a `url` label of the schema holds an absolute URI (RFC 3986).
struct InvalidURLLabel: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3052", name: "invalid-url-label", severity: .warning,
        summary: "A label the label schema types as url is not a valid URL"
    )

    func check(_ context: RuleContext) -> [Finding] {
        ImageLabels.invalidValues(context, type: .url, isValid: Self.isURL) { key, value in
            "Label '\(key)' is not a valid URL: '\(value)'"
        }
    }

    /// RFC 3986 `absolute-URI [ "#" fragment ]`; `http` and `https` also need a host.
    static func isURL(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(bytes[0]),
              bytes[1..<colon].allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return false }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        var rest = bytes[(colon + 1)...]
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            guard isValid(rest[(hash + 1)...], extra: "/?") else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            guard isValid(rest[(question + 1)...], extra: "/?") else { return false }
            rest = rest[..<question]
        }
        var hasHost = false
        if rest.starts(with: "//".utf8) {
            let authorityStart = rest.startIndex + 2
            let authorityEnd = rest[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            guard let host = host(in: rest[authorityStart..<authorityEnd]) else { return false }
            hasHost = !host.isEmpty
            rest = rest[authorityEnd...]
        }
        guard isValid(rest, extra: "/") else { return false }
        return hasHost || (scheme != "http" && scheme != "https")
    }

    /// The host of `[ userinfo "@" ] host [ ":" port ]`, or nil when the authority is malformed.
    private static func host(in authority: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var rest = authority
        if let at = rest.lastIndex(of: UInt8(ascii: "@")) {
            guard isValid(rest[..<at], extra: ":", allowsPathCharacters: false) else { return nil }
            rest = rest[(at + 1)...]
        }
        let host: ArraySlice<UInt8>
        var port: ArraySlice<UInt8> = []
        if rest.first == UInt8(ascii: "[") {
            guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = rest[...close]
            guard host.dropFirst().dropLast().allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "v") }),
                  host.count > 2 else { return nil }
            let after = rest[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { return nil }
                port = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: UInt8(ascii: ":")) {
            host = rest[..<colon]
            port = rest[(colon + 1)...]
        } else {
            host = rest
        }
        guard port.allSatisfy(isDigit) else { return nil }
        if host.first != UInt8(ascii: "["), !isValid(host, extra: "", allowsPathCharacters: false) { return nil }
        return host
    }

    /// Unreserved characters, percent escapes, sub-delims, the `extra` ones and, unless told
    /// otherwise, `:` and `@` (RFC 3986 `pchar`).
    private static func isValid(_ text: ArraySlice<UInt8>, extra: String, allowsPathCharacters: Bool = true) -> Bool {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < text.endIndex, isHexDigit(text[index + 1]), isHexDigit(text[index + 2]) else { return false }
                index += 3
                continue
            }
            let allowed = isLetter(byte) || isDigit(byte) || "-._~!$&'()*+,;=".utf8.contains(byte) || extra.utf8.contains(byte)
                || (allowsPathCharacters && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")))
            guard allowed else { return false }
            index += 1
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) }
}
