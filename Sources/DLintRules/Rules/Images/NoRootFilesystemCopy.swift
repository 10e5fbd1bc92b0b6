import DLintCore

/// DL3067: `COPY --from=stage / /` copies another stage's whole filesystem over this one.
struct NoRootFilesystemCopy: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3067", name: "no-root-filesystem-copy", severity: .warning,
        summary: "Do not copy an entire filesystem from another stage"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(model.tree.escapeCharacter))
        var findings: [Finding] = []
        for (index, instruction) in model.instructions.enumerated() where instruction.kind == .copy {
            guard let from = instruction.flag("from")?.value, !from.isEmpty else { continue }
            let words: [TextSpan]
            switch instruction.arguments {
            case .words(let list), .exec(let list): words = list
            default: continue
            }
            guard let destination = words.last, words.count >= 2 else { continue }
            let state = model.states[index]
            func expanded(_ word: TextSpan) -> String? {
                instruction.isExecForm ? word.text : state.variables.expand(word.text, escape: escape)
            }
            guard let target = expanded(destination), Self.isRoot(target, in: state.workingDirectory) else { continue }
            guard let source = instruction.copySources.first(where: { expanded($0).map(Self.isWholeFilesystem) ?? false }) else { continue }
            findings.append(Finding(
                "COPY --from=\(from) copies the entire filesystem of '\(from)' onto '/'; copy only the files the image needs",
                at: source.range.lowerBound..<destination.range.upperBound
            ))
        }
        return findings
    }

    /// `/`, `/.`, `//`, or `/*`: every entry at the root.
    static func isWholeFilesystem(_ path: String) -> Bool {
        guard path.hasBytePrefix("/") else { return false }
        let parts = path.split(separator: "/")
        return parts.allSatisfy { $0 == "." } || (parts.count == 1 && parts[0] == "*")
    }

    /// True when the destination is the root directory, directly or through the WORKDIR.
    static func isRoot(_ path: String, in workingDirectory: WorkingDirectory) -> Bool {
        if path.hasBytePrefix("/") { return path.split(separator: "/").allSatisfy { $0 == "." } }
        guard workingDirectory.knownPath == "/" else { return false }
        return path.split(separator: "/").allSatisfy { $0 == "." }
    }
}
