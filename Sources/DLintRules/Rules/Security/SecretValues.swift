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
        let words = words(of: name)
        guard let last = words.last, secretLastWords.contains(last) else { return false }
        if words.count == 1 { return !bareNotSecret.contains(last) }
        return !words.contains(where: publicWords.contains)
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
        if value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("../") || value.hasPrefix("~/") || lowered.hasPrefix("file:") { return true }
        if fileExtensions.contains(where: lowered.hasSuffix) { return true }
        // A URL without `user:password@` names a service, not a secret.
        if lowered.contains("://"), !lowered.contains("@") { return true }
        return false
    }

    /// A Dockerfile word as BuildKit reads it (quotes and escapes removed); nil when it expands a
    /// variable (`$NAME`, `${NAME}`) anywhere outside single quotes.
    static func unquotedDockerfileValue(_ text: String, escape: Character) -> String? {
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
    static func trimmingBlanks(_ text: String) -> String {
        var characters = text[...]
        while let first = characters.first, first == " " || first == "\t" || first == "\r" || first == "\n" { characters = characters.dropFirst() }
        while let last = characters.last, last == " " || last == "\t" || last == "\r" || last == "\n" { characters = characters.dropLast() }
        return String(characters)
    }
}
