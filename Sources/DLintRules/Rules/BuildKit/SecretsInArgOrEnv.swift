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

    static func isSecretLike(_ name: String) -> Bool {
        let words = name.lowercased().split(separator: "_").map(String.init)
        return words.contains(where: secretWords.contains) && !words.contains(where: allowedWords.contains)
    }

    func check(_ context: RuleContext) -> [Finding] {
        // A secret in an ONBUILD trigger lands in every image built on this one.
        let instructions: [Instruction] = context.model.instructions.flatMap { [$0] + ($0.trigger.map { [$0] } ?? []) }
        return instructions.flatMap { instruction -> [Finding] in
            let keyword = instruction.kind == .arg ? "ARG" : "ENV"
            let names: [TextSpan]
            switch (instruction.kind, instruction.arguments) {
            case (.arg, .declarations(let declarations)): names = declarations.map(\.name)
            case (.env, .keyValues(let pairs)): names = pairs.map(\.key)
            default: return []
            }
            return names.filter { Self.isSecretLike($0.text) }.map { name in
                Finding("\(keyword) '\(name.text)' looks like a secret: its value is kept in the image; use RUN --mount=type=secret", at: name.range)
            }
        }
    }
}
