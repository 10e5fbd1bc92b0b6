/// Credentials recognisable by their shape alone: cloud and forge tokens with a fixed prefix, and
/// PEM private key blocks. One pass over the file's bytes, by hand: no regular expression is
/// compiled, and each byte is looked at a bounded number of times.
enum CredentialScanner {
    struct Match: Sendable, Hashable {
        /// What the credential is, for messages: "AWS access key ID".
        let kind: String
        /// The bytes of the token, or of a key block's `-----BEGIN … PRIVATE KEY-----` line.
        let range: Range<Int>
        /// The token with its middle masked (`AKIA…XYZ1`); nil for a key block.
        let masked: String?
    }

    /// A token prefix, the characters that may follow it and how many.
    private struct TokenShape: Sendable {
        let prefix: [UInt8]
        let kind: String
        let body: @Sendable (UInt8) -> Bool
        let minimumLength: Int
        /// Nil: any length from `minimumLength` on.
        let exactLength: Int?
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isUpperOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
    }

    private static func isURLSafe(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_")
    }

    private static func isSlackBody(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-")
    }

    private static func shape(_ prefix: String, _ kind: String, _ body: @escaping @Sendable (UInt8) -> Bool, minimum: Int, exact: Int? = nil) -> TokenShape {
        TokenShape(prefix: Array(prefix.utf8), kind: kind, body: body, minimumLength: minimum, exactLength: exact)
    }

    /// By first byte, so most bytes of a file cost one table look-up.
    private static let shapes: [UInt8: [TokenShape]] = {
        let all: [TokenShape] = [
            shape("AKIA", "AWS access key ID", isUpperOrDigit, minimum: 16, exact: 16),
            shape("ASIA", "AWS temporary access key ID", isUpperOrDigit, minimum: 16, exact: 16),
            shape("AIza", "Google API key", isURLSafe, minimum: 35, exact: 35),
            shape("ghp_", "GitHub personal access token", isAlphanumeric, minimum: 36, exact: 36),
            shape("gho_", "GitHub OAuth token", isAlphanumeric, minimum: 36, exact: 36),
            shape("ghu_", "GitHub user-to-server token", isAlphanumeric, minimum: 36, exact: 36),
            shape("ghs_", "GitHub server-to-server token", isAlphanumeric, minimum: 36, exact: 36),
            shape("ghr_", "GitHub refresh token", isAlphanumeric, minimum: 36, exact: 36),
            shape("github_pat_", "GitHub fine-grained personal access token", isWordByte, minimum: 40),
            shape("glpat-", "GitLab personal access token", isURLSafe, minimum: 20),
            shape("xoxa-", "Slack token", isSlackBody, minimum: 10),
            shape("xoxb-", "Slack bot token", isSlackBody, minimum: 10),
            shape("xoxp-", "Slack user token", isSlackBody, minimum: 10),
            shape("xoxo-", "Slack token", isSlackBody, minimum: 10),
            shape("xoxr-", "Slack refresh token", isSlackBody, minimum: 10),
            shape("xoxs-", "Slack token", isSlackBody, minimum: 10),
            shape("sk_live_", "Stripe secret key", isAlphanumeric, minimum: 20),
            shape("rk_live_", "Stripe restricted key", isAlphanumeric, minimum: 20),
            shape("npm_", "npm access token", isAlphanumeric, minimum: 36, exact: 36),
            shape("dckr_pat_", "Docker Hub access token", isURLSafe, minimum: 20),
            shape("pypi-AgEIcHlwaS5vcmc", "PyPI API token", isURLSafe, minimum: 50),
        ]
        return Dictionary(grouping: all, by: { $0.prefix[0] })
    }()

    private static let begin = Array("-----BEGIN ".utf8)
    private static let privateKeyEnd = Array("PRIVATE KEY-----".utf8)
    private static let privateKeyBlockEnd = Array("PRIVATE KEY BLOCK-----".utf8)

    static func scan(_ bytes: [UInt8]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-"), let match = privateKey(in: bytes, at: index) {
                matches.append(match)
                index = match.range.upperBound
                continue
            }
            if let candidates = shapes[byte], index == 0 || !isWordByte(bytes[index - 1]) {
                if let match = candidates.lazy.compactMap({ token(of: $0, in: bytes, at: index) }).first {
                    matches.append(match)
                    index = match.range.upperBound
                    continue
                }
            }
            index += 1
        }
        return matches
    }

    private static func hasPrefix(_ prefix: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in prefix.indices where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func token(of shape: TokenShape, in bytes: [UInt8], at start: Int) -> Match? {
        guard hasPrefix(shape.prefix, in: bytes, at: start) else { return nil }
        let bodyStart = start + shape.prefix.count
        var end = bodyStart
        let limit = shape.exactLength.map { min(bytes.count, bodyStart + $0 + 1) } ?? bytes.count
        while end < limit, shape.body(bytes[end]) { end += 1 }
        let length = end - bodyStart
        if let exact = shape.exactLength {
            // One more token byte means another, longer word: not this token.
            guard length == exact, end == bytes.count || !isURLSafe(bytes[end]) else { return nil }
        } else {
            guard length >= shape.minimumLength else { return nil }
        }
        let body = bytes[bodyStart..<end]
        guard !isPlaceholder(body) else { return nil }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return Match(kind: shape.kind, range: start..<end, masked: mask(text, keeping: shape.prefix.count))
    }

    /// `AKIAIOSFODNN7EXAMPLE` (AWS's documentation), `ghp_xxxx…`, `glpat-XXXXXXXXXXXXXXXXXXXX`.
    private static func isPlaceholder(_ body: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: body, as: UTF8.self).lowercased()
        if text.contains("example") || text.contains("xxxx") || text.contains("0000000") { return true }
        return Set(body).count <= 3
    }

    /// `AKIA…XYZ1`: the prefix that names the kind and the last four characters.
    static func mask(_ text: String, keeping prefixLength: Int) -> String {
        let characters = Array(text)
        guard characters.count > prefixLength + 8 else { return String(characters.prefix(prefixLength)) + "…" }
        return String(characters.prefix(prefixLength)) + "…" + String(characters.suffix(4))
    }

    /// `-----BEGIN RSA PRIVATE KEY-----` followed by key material (base64, or an encrypted key's
    /// `Proc-Type:` header). A header followed by a variable (`"-----BEGIN…-----\n$KEY"`) or a
    /// pattern (`grep -- '-----BEGIN .* PRIVATE KEY'`) holds no key.
    private static func privateKey(in bytes: [UInt8], at start: Int) -> Match? {
        guard hasPrefix(begin, in: bytes, at: start) else { return nil }
        var index = start + begin.count
        let limit = min(bytes.count, index + 40)
        var headerEnd: Int?
        var isBlock = false
        while index < limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: "P"), hasPrefix(privateKeyEnd, in: bytes, at: index) {
                headerEnd = index + privateKeyEnd.count
                break
            }
            if byte == UInt8(ascii: "P"), hasPrefix(privateKeyBlockEnd, in: bytes, at: index) {
                headerEnd = index + privateKeyBlockEnd.count
                isBlock = true
                break
            }
            guard (0x41...0x5A).contains(byte) || byte == 0x20 else { return nil }
            index += 1
        }
        guard let headerEnd else { return nil }
        // Skip line breaks as written (`\n`, `\r\n`, an escaped `\n` inside a string), blanks and
        // quotes, then expect key material.
        var cursor = headerEnd
        let scanLimit = min(bytes.count, headerEnd + 200)
        while cursor < scanLimit {
            let byte = bytes[cursor]
            if byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                cursor += 1
            } else if byte == UInt8(ascii: "\\"), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "n") {
                cursor += 2
            } else if byte == UInt8(ascii: "\\") {
                cursor += 1
            } else {
                break
            }
        }
        var material = 0
        while cursor + material < bytes.count, material < 64 {
            let byte = bytes[cursor + material]
            guard isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") else { break }
            material += 1
        }
        guard material >= 24 else { return nil }
        let typeEnd = headerEnd - (isBlock ? privateKeyBlockEnd : privateKeyEnd).count
        let type = String(decoding: bytes[(start + begin.count)..<typeEnd], as: UTF8.self).split(separator: " ").joined(separator: " ")
        let kind = type.isEmpty ? "private key" : "\(type) private key"
        return Match(kind: kind, range: start..<headerEnd, masked: nil)
    }
}
