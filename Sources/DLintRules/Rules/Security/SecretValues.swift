import DLintCore

/// Which names hold secrets and which values are real ones, for `hardcoded-secret` (DX1401) and
/// the name-only rule DL3064, which leaves literal values to it.
enum SecretValues {
    /// The last word of a secret's name (`DB_PASSWORD`, `apiKey`, `client-secret`).
    private static let secretLastWords: Set<String> = ["password", "passwd", "pword", "pwd", "passphrase", "secret", "token", "key", "apikey"]
    /// A name that is only one of these words is too generic to be a secret (`KEY`, `PWD` is the
    /// shell's working directory).
    private static let bareNotSecret: Set<String> = ["key", "pwd"]
    /// Words that make a `…_KEY` (or any secret-like name) public or not a credential: DL3064's
    /// (BuildKit's and the signing-key words) and database or cache keys.
    private static let publicWords: Set<String> = SecretsInArgOrEnv.allowedWords.union([
        "primary", "foreign", "sort", "cache", "partition", "repo", "apt", "host", "id", "path", "dir", "url", "name", "length",
    ])

    /// The words of a name: split at `_`, `-`, `.` and lower-to-upper case changes (`apiKey`).
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if character == "_" || character == "-" || character == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            previousWasLower = character.isLowercase
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    /// True for `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `PASSWORD`, `apiKey`; false
    /// for `GPG_KEY`, `PUBLIC_KEY`, `KEY`, `PASSWORD_FILE`, `TOKEN_URL`.
    static func isSecretName(_ name: String) -> Bool {
        // Most names (`PATH`, `NODE_VERSION`) end in no secret word: decided from the name's
        // bytes without splitting it into Strings. Non-ASCII names take the general way.
        if let endsInSecretWord = asciiEndsInSecretWord(name), !endsInSecretWord { return false }
        let words = words(of: name)
        guard let last = words.last, secretLastWords.contains(last) else { return false }
        if words.count == 1 { return !bareNotSecret.contains(last) }
        return !words.contains(where: publicWords.contains)
    }

    private static let secretLastWordBytes: [[UInt8]] = secretLastWords.map { Array($0.utf8) }

    /// Whether the last word `words(of:)` finds is one of `secretLastWords`, read from the bytes
    /// of an ASCII name; nil for a name with other characters.
    private static func asciiEndsInSecretWord(_ name: String) -> Bool? {
        var name = name
        return name.withUTF8 { bytes -> Bool? in
            func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") }
            func isUpper(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
            func isLower(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            // The last segment between separators that is not empty, then its last camel-case word.
            var end = bytes.count
            while end > 0, isSeparator(bytes[end - 1]) { end -= 1 }
            var segmentStart = end
            while segmentStart > 0, !isSeparator(bytes[segmentStart - 1]) { segmentStart -= 1 }
            var start = end
            while start > segmentStart, !(isUpper(bytes[start - 1]) && start - 1 > segmentStart && isLower(bytes[start - 2])) { start -= 1 }
            if start > segmentStart { start -= 1 }
            let length = end - start
            return secretLastWordBytes.contains { word in
                word.count == length && word.indices.allSatisfy { offset in
                    let byte = bytes[start + offset]
                    return (isUpper(byte) ? byte | 0x20 : byte) == word[offset]
                }
            }
        }
    }

    /// A value as a literal: nil when it is empty, refers to a variable or a command anywhere
    /// (`$TOKEN`, `${TOKEN}`, `$(cat /run/secrets/x)`), or is a placeholder, a path, a boolean or
    /// a URL without credentials — nothing that leaks a secret.
    static func literalSecret(_ value: String) -> String? {
        let trimmed = trimmingBlanks(value)
        guard !trimmed.isEmpty, !isPlaceholder(trimmed) else { return nil }
        return trimmed
    }

    private static let placeholderWords: [String] = [
        "example", "placeholder", "your_", "your-", "yourpassword", "yoursecret", "yourtoken", "redacted", "dummy", "fake",
        "replace_me", "replaceme", "replace-me", "insert_", "todo", "fixme", "xxx", "***", "...",
    ]
    private static let notSecrets: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "undefined", "empty", "required", "optional",
    ]
    private static let fileExtensions = [".pem", ".key", ".crt", ".cer", ".json", ".txt", ".p12", ".pfx", ".jks", ".der", ".yaml", ".yml", ".env", ".gpg", ".asc"]

    static func isPlaceholder(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if notSecrets.contains(lowered) { return true }
        if placeholderWords.contains(where: lowered.contains) { return true }
        // `xxxx`, `****`, `0`: one repeated character.
        if Set(lowered).count == 1 { return true }
        // `<token>`, `{{ .Token }}`, `%TOKEN%`, `@TOKEN@`.
        if let first = value.first, let last = value.last,
           (first == "<" && last == ">") || (first == "{" && last == "}") || (first == "%" && last == "%") || (first == "@" && last == "@") {
            return true
        }
        // A file that holds the secret, not the secret: `/run/secrets/db`, `./key.pem`, `~/.ssh/id_rsa`.
        if value.hasBytePrefix("/") || value.hasPrefix("./") || value.hasPrefix("../") || value.hasPrefix("~/") || lowered.hasPrefix("file:") { return true }
        if fileExtensions.contains(where: lowered.hasSuffix) { return true }
        // A URL without `user:password@` names a service, not a secret.
        if lowered.contains("://"), !lowered.contains("@") { return true }
        return false
    }

    /// A Dockerfile word as BuildKit reads it (quotes and escapes removed); nil when it expands a
    /// variable (`$NAME`, `${NAME}`) anywhere outside single quotes.
    static func unquotedDockerfileValue(_ text: String, escape: Character) -> String? {
        if let escapeByte = escape.asciiValue, let value = asciiUnquotedDockerfileValue(text, escape: escapeByte) { return value }
        var result = ""
        var quote: Character?
        var characters = text[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if quote == "'" {
                if character == "'" { quote = nil } else { result.append(character) }
                continue
            }
            if character == escape, let next = characters.first {
                characters = characters.dropFirst()
                result.append(next)
                continue
            }
            if character == "\"" || (quote == nil && character == "'") {
                quote = quote == nil ? character : nil
                continue
            }
            if character == "$", let next = characters.first, next == "{" || next == "_" || next.isLetter || next == "(" {
                return nil
            }
            result.append(character)
        }
        return result
    }
}

extension SecretValues {
    /// `unquotedDockerfileValue` over the bytes of an ASCII text, where every character is one
    /// byte (or `\r\n`, which no step tells apart from its two bytes); nil for other text.
    fileprivate static func asciiUnquotedDockerfileValue(_ text: String, escape: UInt8) -> String?? {
        var text = text
        return text.withUTF8 { bytes -> String?? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\"")
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var quote: UInt8?
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if quote == singleQuote {
                    if byte == singleQuote { quote = nil } else { result.append(byte) }
                    continue
                }
                if byte == escape, index < bytes.count {
                    result.append(bytes[index])
                    index += 1
                    continue
                }
                if byte == doubleQuote || (quote == nil && byte == singleQuote) {
                    quote = quote == nil ? byte : nil
                    continue
                }
                if byte == UInt8(ascii: "$"), index < bytes.count {
                    let next = bytes[index]
                    if next == UInt8(ascii: "{") || next == UInt8(ascii: "_") || next == UInt8(ascii: "(")
                        || (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next) {
                        return .some(nil)
                    }
                }
                result.append(byte)
            }
            return .some(String(decoding: result, as: UTF8.self))
        }
    }

    static func trimmingBlanks(_ text: String) -> String {
        var characters = text[...]
        while let first = characters.first, first == " " || first == "\t" || first == "\r" || first == "\n" { characters = characters.dropFirst() }
        while let last = characters.last, last == " " || last == "\t" || last == "\r" || last == "\n" { characters = characters.dropLast() }
        return String(characters)
    }
}
