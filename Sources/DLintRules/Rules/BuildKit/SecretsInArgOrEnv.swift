import DLintCore

/// DL3064: an `ARG` or `ENV` whose name says it holds a secret; its value ends up in the image
/// history (BuildKit's `SecretsUsedInArgOrEnv`). Names are judged by BuildKit's token rule, not
/// by hadolint's substrings: `ARG USERNAME` or `ENV KEYCLOAK_URL` are no secrets.
struct SecretsInArgOrEnv: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3064", name: "secrets-in-arg-or-env", severity: .warning,
        summary: "Do not pass secrets through ARG or ENV", aliases: ["SecretsUsedInArgOrEnv"]
    )

    /// A name is secret-like when one of its `_`-separated words is one of these…
    static let secretWords: Set<String> = ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"]
    /// …and none of these: BuildKit's three, and the words of a signing key's fingerprint
    /// (`GPG_KEY`, `SWIFT_SIGNING_KEY`), which is public.
    static let allowedWords: Set<String> = ["public", "file", "version", "gpg", "pgp", "signing", "fingerprint"]

    static func isSecretLike(_ name: String, value: String? = nil) -> Bool {
        guard mayHoldSecretWord(name) else { return false }
        let words = name.lowercased().split(separator: "_").map(String.init)
        let secret = words.filter(secretWords.contains)
        guard !secret.isEmpty, !words.contains(where: allowedWords.contains) else { return false }
        // `ARG GHC_RELEASE_KEY=C5705533…`: a key whose value is an OpenPGP fingerprint is public.
        if Set(secret) == ["key"], let value, isFingerprint(value) { return false }
        return true
    }

    /// Text one of `secretWords` contains (`apikey` holds `key`, `passwd` holds `pass`).
    private static let secretFragments: [[UInt8]] = ["key", "auth", "credential", "pass", "pword", "secret", "token"].map { Array($0.utf8) }

    /// False when no word of the name can be a secret word: an ASCII name in which no fragment of
    /// one occurs, whatever its case. Most names are such: they are not lowercased, split and
    /// looked up word by word. A name with other characters is left to the full test (Unicode
    /// lower-casing may turn one into ASCII letters: the Kelvin sign into `k`).
    static func mayHoldSecretWord(_ name: String) -> Bool {
        var lowered: [UInt8] = []
        lowered.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            guard byte < 0x80 else { return true }
            lowered.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        return secretFragments.contains { ByteSearch.contains($0, in: lowered) }
    }

    /// Forty hex digits (a version 4 OpenPGP fingerprint), blanks and quotes allowed.
    static func isFingerprint(_ value: String) -> Bool {
        let digits = value.filter { $0 != " " && $0 != "\"" && $0 != "'" }
        return digits.count == 40 && digits.allSatisfy(\.isHexDigit)
    }

    func check(_ context: RuleContext) -> [Finding] {
        // A secret in an ONBUILD trigger lands in every image built on this one.
        let instructions: [Instruction] = context.model.instructions.flatMap { [$0] + ($0.trigger.map { [$0] } ?? []) }
        return instructions.flatMap { instruction -> [Finding] in
            let keyword = instruction.kind == .arg ? "ARG" : "ENV"
            let names: [(name: TextSpan, value: String?)]
            switch (instruction.kind, instruction.arguments) {
            case (.arg, .declarations(let declarations)): names = declarations.map { ($0.name, $0.defaultValue?.text) }
            case (.env, .keyValues(let pairs)): names = pairs.map { ($0.key, $0.value.text) }
            default: return []
            }
            // A literal value (`ENV API_TOKEN=abc`) is DX1401's or DX1400's finding: one per problem.
            let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
            return names.filter { Self.isSecretLike($0.name.text, value: $0.value) && !HardcodedSecret.coversValue(name: $0.name.text, rawValue: $0.value, escape: escape) }
                .map(\.name).map { name in
                    let kept = keyword == "ARG" ? "the image history records its value wherever a RUN uses it" : "the image configuration stores its value"
                    return Finding("\(keyword) '\(name.text)' looks like a secret: \(kept); pass it with RUN --mount=type=secret instead", at: name.range)
                }
        }
    }
}
