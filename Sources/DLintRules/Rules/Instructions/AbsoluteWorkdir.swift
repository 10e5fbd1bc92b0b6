import DLintCore

/// DL3000: a relative `WORKDIR` depends on the previous one, or on the base image's.
struct AbsoluteWorkdir: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3000", name: "absolute-workdir", severity: .error,
        summary: "Use absolute WORKDIR paths",
        aliases: ["WorkdirRelativePath"],
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        // `ONBUILD WORKDIR app` too: relative to the directory the child image starts in.
        return model.checkedInstructions.compactMap { checked in
            let instruction = checked.instruction
            guard instruction.kind == .workdir, case .text(let path) = instruction.arguments else { return nil }
            let state = checked.state
            // A variable whose value is unknown may well hold an absolute path: say nothing.
            guard let expanded = state.variables.expand(path.text, escape: escape),
                  !Self.isAbsolute(expanded) else { return nil }
            return Finding(
                "WORKDIR '\(path.text)' is relative: use an absolute path", at: path.range,
                fix: state.isWindows ? nil : Self.fix(path, expanded: expanded, in: state.workingDirectory)
            )
        }
    }

    /// Prefixes the directory the path is relative to. Safe when the file fixes that directory;
    /// when it is the base image's, `/` is assumed and the fix is unsafe.
    static func fix(_ path: TextSpan, expanded: String, in directory: WorkingDirectory) -> Fix? {
        let base: String
        let applicability: Applicability
        switch directory {
        case .path(let known): (base, applicability) = (known, .safe)
        case .baseImage: (base, applicability) = ("/", .unsafe)
        case .relativeToBaseImage(let relative): (base, applicability) = ("/" + relative, .unsafe)
        case .unknown: return nil
        }
        // A plain path is written resolved; one with variables or quotes keeps them.
        let isPlain = !path.text.contains { "$\"'`\\".contains($0) }
        let replacement = isPlain
            ? WorkingDirectory.path(base).changed(to: expanded).knownPath ?? base
            : (base.hasSuffix("/") ? base : base + "/") + path.text
        let assumption = applicability == .unsafe ? " (assuming the base image works in /)" : ""
        return Fix(
            title: "Make the path absolute: '\(replacement)'\(assumption)", applicability: applicability,
            edits: [TextEdit(range: path.range, replacement: replacement)]
        )
    }

    /// Unix paths, and Windows ones (`C:\app`, `C:/app`, `\app`) for Windows images.
    static func isAbsolute(_ path: String) -> Bool {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return true }
        let characters = Array(path)
        return characters.count >= 2 && characters[0].isLetter && characters[1] == ":"
    }
}
