import DLintCore

/// DL3000: a relative `WORKDIR` depends on the previous one, or on the base image's.
struct AbsoluteWorkdir: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3000", name: "absolute-workdir", severity: .error,
        summary: "Use absolute WORKDIR paths",
        aliases: ["WorkdirRelativePath"]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        return model.instructions.indices.compactMap { index in
            let instruction = model.instructions[index]
            guard instruction.kind == .workdir, case .text(let path) = instruction.arguments else { return nil }
            // A variable whose value is unknown may well hold an absolute path: say nothing.
            guard let expanded = model.states[index].variables.expand(path.text, escape: escape),
                  !Self.isAbsolute(expanded) else { return nil }
            return Finding("WORKDIR '\(path.text)' is relative: use an absolute path", at: path.range)
        }
    }

    /// Unix paths, and Windows ones (`C:\app`, `C:/app`, `\app`) for Windows images.
    static func isAbsolute(_ path: String) -> Bool {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return true }
        let characters = Array(path)
        return characters.count >= 2 && characters[0].isLetter && characters[1] == ":"
    }
}
