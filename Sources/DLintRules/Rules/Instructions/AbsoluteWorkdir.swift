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
        let prefix = base.hasByteSuffix("/") ? base : base + "/"
        let resolved = isPlain ? WorkingDirectory.path(base).changed(to: expanded).knownPath ?? base : prefix + path.text
        let assumption = applicability == .unsafe ? " (assuming the base image works in /)" : ""
        // A directory read from bytes that are not UTF-8 is known only as repaired text, which
        // names another directory: no fix rather than a wrong one.
        guard !prefix.contains("\u{FFFD}") else { return nil }
        let edit: TextEdit
        if resolved == prefix + path.text {
            // Only the directory is new: insert it, and the path's own bytes stay as they are
            // (text that is not UTF-8 too, which a replacement string would repair).
            edit = TextEdit(range: path.range.lowerBound..<path.range.lowerBound, replacement: prefix)
        } else if path.text.contains("\u{FFFD}") {
            // Resolving `.` or `..` rewrites the path, and its text may stand for bytes that are
            // not UTF-8: writing it back would change them.
            return nil
        } else {
            edit = TextEdit(range: path.range, replacement: resolved)
        }
        return Fix(
            title: "Make the path absolute: '\(resolved)'\(assumption)", applicability: applicability,
            edits: [edit]
        )
    }

    /// Unix paths, and Windows ones (`C:\app`, `C:/app`, `\app`) for Windows images.
    static func isAbsolute(_ path: String) -> Bool {
        // On the bytes: a combining mark after the `/` makes a larger character, not another path.
        let bytes = path.utf8
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "\\") { return true }
        let isLetter = (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z")
        return isLetter && bytes.dropFirst().first == UInt8(ascii: ":")
    }
}
