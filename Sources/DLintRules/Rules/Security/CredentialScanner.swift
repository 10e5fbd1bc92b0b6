/// Credentials recognisable by their shape alone: cloud and forge tokens with a fixed prefix, and
/// PEM private key blocks. One pass over the file's bytes, by hand: no regular expression is
/// compiled, and each byte is looked at a bounded number of times.
enum CredentialScanner {
    struct Match: Sendable, Hashable {
        /// What the credential is, for messages: "AWS access key ID".
        let kind: String
        /// The bytes of the token, or of a key block's `-----BEGIN … PRIVATE KEY-----` line.
        let range: Range<Int>
        /// The token with its middle masked (`AKIA…XYZ1`, `deploy:****@`); nil for a key block.
        let masked: String?
        /// True for the password of a `scheme://user:password@host` URL, which comments often
        /// show as an example (`postgres://user:pass@db/app`): the rule reads it only outside them.
        var isURLPassword = false
    }

    /// A token prefix, the characters that may follow it and how many. A class: the scan tries
    /// the shapes of a byte at every candidate byte, and a copy is then one reference.
    private final class TokenShape: Sendable {
        let prefix: [UInt8]
        let kind: String
        let body: @Sendable (UInt8) -> Bool
        let minimumLength: Int
        /// Nil: any length from `minimumLength` on.
        let exactLength: Int?

        init(prefix: [UInt8], kind: String, body: @escaping @Sendable (UInt8) -> Bool, minimumLength: Int, exactLength: Int?) {
            self.prefix = prefix
            self.kind = kind
            self.body = body
            self.minimumLength = minimumLength
            self.exactLength = exactLength
        }
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

    /// The first bytes of `shapes`, as a table: most bytes of a file cost one array read.
    private static let startsToken: [Bool] = (0..<256).map { shapes[UInt8($0)] != nil }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let privateKeyEnd = Array("PRIVATE KEY-----".utf8)
    private static let privateKeyBlockEnd = Array("PRIVATE KEY BLOCK-----".utf8)

    /// The bytes where `scan` has something to look at: a token's first byte, the `-` of a key
    /// block, the `:` of a URL.
    private static let startsCandidate: [Bool] = (0..<256).map { byte in
        startsToken[byte] || byte == Int(UInt8(ascii: "-")) || byte == Int(UInt8(ascii: ":"))
    }

    /// Whether two bytes (the first times 256 plus the second) begin a token prefix: a word
    /// starting with a token's first letter (`sudo`, `pip`, `rm`) is then passed over in the
    /// byte loop, not stopped at (every prefix has two bytes or more).
    private static let startsTokenPair: [Bool] = {
        var table = Array(repeating: false, count: 256 * 256)
        for (first, candidates) in shapes {
            for shape in candidates { table[Int(first) << 8 | Int(shape.prefix[1])] = true }
        }
        return table
    }()

    /// The shapes of `shapes` by first byte, as a table of 256: a look-up without hashing.
    private static let shapesByByte: [[TokenShape]] = (0..<256).map { shapes[UInt8($0)] ?? [] }

    /// The first index from `index` on whose byte `startsCandidate` marks, or `bytes.count`;
    /// a token's first byte counts only at the start of a word (`scan` looks no further inside
    /// one, and the token letters are common: most stops would be in the middle of words), a `-`
    /// only as the first of `---` and a `:` only as that of `://` (options and `key: value`
    /// lines have thousands of the others, which `scan` would each look at for nothing).
    private static func nextCandidate(in bytes: [UInt8], from index: Int, table: [Bool], startsToken: [Bool], startsTokenPair: [Bool]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            table.withUnsafeBufferPointer { table in
                startsToken.withUnsafeBufferPointer { startsToken in
                    var index = index
                    let count = buffer.count
                    while index < count {
                        let byte = Int(buffer[index])
                        if table[byte] {
                            if startsToken[byte] {
                                if index == 0 || !isWordByte(buffer[index - 1]),
                                   index + 1 < count, startsTokenPair[byte << 8 | Int(buffer[index + 1])] { break }
                            } else if byte == Int(UInt8(ascii: "-")) {
                                if index + 2 < count, buffer[index + 2] == UInt8(ascii: "-") { break }
                            } else if index + 2 < count, buffer[index + 1] == UInt8(ascii: "/"), buffer[index + 2] == UInt8(ascii: "/") {
                                break
                            }
                        }
                        index += 1
                    }
                    return index
                }
            }
        }
    }

    static func scan(_ bytes: [UInt8]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        let count = bytes.count
        let candidateTable = startsCandidate
        let startsToken = startsToken
        let startsTokenPair = startsTokenPair
        while index < count {
            index = nextCandidate(in: bytes, from: index, table: candidateTable, startsToken: startsToken, startsTokenPair: startsTokenPair)
            guard index < count else { break }
            let byte = bytes[index]
            // `-----BEGIN `: most dashes start options, with one dash or two.
            if byte == UInt8(ascii: "-"), index + 2 < count, bytes[index + 2] == UInt8(ascii: "-"), let match = privateKey(in: bytes, at: index) {
                matches.append(match)
                index = match.range.upperBound
                continue
            }
            if byte == UInt8(ascii: ":"), let match = urlPassword(in: bytes, at: index) {
                matches.append(match)
                index = match.range.upperBound
                continue
            }
            if startsToken[Int(byte)], index == 0 || !isWordByte(bytes[index - 1]), case let candidates = shapesByByte[Int(byte)], !candidates.isEmpty {
                var skipTo = index + 1
                var found: Match?
                for shape in candidates {
                    // Every prefix has two bytes or more: the second tells most shapes apart
                    // without a call (what `token` answers for a prefix that differs).
                    guard index + 1 < count, bytes[index + 1] == shape.prefix[1] else {
                        skipTo = max(skipTo, index + 1)
                        continue
                    }
                    let (match, scanned) = token(of: shape, in: bytes, at: index)
                    if let match { found = match; break }
                    // A long run rejected as a placeholder is not scanned again from inside it:
                    // that would make a line of `glpat-xxxx-glpat-xxxx-…` quadratic.
                    skipTo = max(skipTo, scanned)
                }
                if let found {
                    matches.append(found)
                    index = found.range.upperBound
                } else {
                    index = skipTo
                }
                continue
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

    /// The token of `shape` at `start`, and how far the bytes were read: past a placeholder's
    /// body, for a shape without a fixed length, so the caller does not read it again.
    private static func token(of shape: TokenShape, in bytes: [UInt8], at start: Int) -> (Match?, scanned: Int) {
        guard hasPrefix(shape.prefix, in: bytes, at: start) else { return (nil, start + 1) }
        let bodyStart = start + shape.prefix.count
        var end = bodyStart
        let limit = shape.exactLength.map { min(bytes.count, bodyStart + $0 + 1) } ?? bytes.count
        while end < limit, shape.body(bytes[end]) { end += 1 }
        let length = end - bodyStart
        if let exact = shape.exactLength {
            // One more token byte means another, longer word: not this token.
            guard length == exact, end == bytes.count || !isURLSafe(bytes[end]) else { return (nil, start + 1) }
        } else {
            guard length >= shape.minimumLength else { return (nil, start + 1) }
        }
        let body = bytes[bodyStart..<end]
        guard !isPlaceholder(body) else { return (nil, shape.exactLength == nil ? end : start + 1) }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return (Match(kind: shape.kind, range: start..<end, masked: mask(text, keeping: shape.prefix.count)), end)
    }

    /// Bytes that end a URL's user information without an `@`: the URL has none.
    private static func endsUserInformation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"),
             UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"):
            true
        default:
            false
        }
    }

    /// Words that stand for a password in examples (`https://user:password@host`).
    private static let passwordPlaceholders: Set<String> = ["password", "pass", "passwd", "pwd", "secret", "token", "pw"]

    /// The password of `scheme://user:password@host` at the `:` of `://`; nil when there is no
    /// user information, no password, or a password from a variable (`$TOKEN`, `${TOKEN}`).
    private static func urlPassword(in bytes: [UInt8], at colon: Int) -> Match? {
        guard colon > 0, colon + 2 < bytes.count, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/"),
              isAlphanumeric(bytes[colon - 1]) else { return nil }
        let start = colon + 3
        var index = start
        var passwordStart: Int?
        let limit = min(bytes.count, start + 256)
        while index < limit, bytes[index] != UInt8(ascii: "@") {
            let byte = bytes[index]
            if endsUserInformation(byte) || byte == UInt8(ascii: "$") { return nil }
            if byte == UInt8(ascii: ":"), passwordStart == nil { passwordStart = index + 1 }
            index += 1
        }
        guard index < limit, let passwordStart, passwordStart < index else { return nil }
        let password = String(decoding: bytes[passwordStart..<index], as: UTF8.self)
        guard !passwordPlaceholders.contains(password.lowercased()), !SecretValues.isPlaceholder(password) else { return nil }
        // A token as the password (`https://oauth2:glpat-…@gitlab.com`) is reported as that token.
        guard scan(Array(password.utf8)).isEmpty else { return nil }
        let user = String(decoding: bytes[start..<(passwordStart - 1)], as: UTF8.self)
        return Match(kind: "password in a URL", range: passwordStart..<index, masked: "\(user):****@", isURLPassword: true)
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
