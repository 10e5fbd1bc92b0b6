import DLintCore

/// DL4000: `MAINTAINER` is deprecated; the OCI authors label says the same thing.
struct MaintainerDeprecated: Rule {
    let descriptor = RuleDescriptor(
        code: "DL4000", name: "maintainer-deprecated", severity: .error,
        summary: "MAINTAINER is deprecated: use a LABEL", aliases: ["MaintainerDeprecated"], fixable: true
    )

    static let authorsLabel = "org.opencontainers.image.authors"

    func check(_ context: RuleContext) -> [Finding] {
        let escape = context.tree.escapeCharacter
        return context.model.instructions.compactMap { instruction in
            guard instruction.kind == .maintainer else { return nil }
            var fix: Fix?
            if case .text(let value) = instruction.arguments {
                let label = FixText.matchingCase("LABEL", of: instruction.keyword.text)
                let replacement = "\(label) \(Self.authorsLabel)=\(FixText.quoted(value.text, escape: escape))"
                fix = Fix(
                    title: "Replace with LABEL \(Self.authorsLabel)", applicability: .safe,
                    edits: [TextEdit(range: instruction.range, replacement: replacement)]
                )
            }
            return Finding("MAINTAINER is deprecated: use LABEL \(Self.authorsLabel) instead", at: instruction.keyword.range, fix: fix)
        }
    }
}
