import DLintCore

/// A `COPY`/`ADD` source read from the build context: written as `text`, at `span`, with the
/// variables expanded (`path`). URLs, git sources, heredocs, `--from` copies and ONBUILD triggers
/// (they copy from the child build's context) are not context sources.
struct ContextSource {
    let instructionIndex: Int
    let instruction: Instruction
    let span: TextSpan
    /// The word as written (quotes kept), its bytes that are not UTF-8 carried (`EscapedBytes`).
    let written: String
    /// Expanded and relative to the context root (`.` for the root).
    let path: String

    var keyword: String { instruction.kind.rawValue.uppercased() }

    /// Every context source of the file; sources with a variable whose value is unknown, or with a
    /// backslash (a Windows path or an escape whose meaning depends on the platform), are left out.
    static func all(in model: DockerfileModel) -> [ContextSource] {
        let escape = Character(UnicodeScalar(model.tree.escapeCharacter))
        var sources: [ContextSource] = []
        for (index, instruction) in model.instructions.enumerated() {
            guard instruction.kind == .copy || instruction.kind == .add, instruction.flag("from") == nil else { continue }
            for span in instruction.copySources {
                // The shell-form word lexer removes quotes (exec-form elements come decoded).
                let text = instruction.isExecForm ? span.text : carriedText(of: span, in: instruction)
                let written = instruction.isExecForm ? text : text.filter { $0 != "\"" && $0 != "'" }
                if instruction.kind == .add, isRemote(written) { continue }
                guard !written.contains("\\"), let expanded = model.states[index].variables.expand(written, escape: escape),
                      !expanded.isEmpty, !expanded.contains("$"), !(instruction.kind == .add && isRemote(expanded)) else { continue }
                // An exec-form element or a variable's value whose bytes were not UTF-8 was repaired
                // to U+FFFD: which file it names is unknown, so it is not called missing.
                if expanded.unicodeScalars.contains("\u{FFFD}"), instruction.isExecForm || !written.unicodeScalars.contains("\u{FFFD}") { continue }
                sources.append(ContextSource(instructionIndex: index, instruction: instruction, span: span, written: text, path: BuildContext.contextPath(expanded)))
            }
        }
        return sources
    }

    /// The word as written, with each byte that is not UTF-8 carried (`EscapedBytes`) rather than
    /// repaired to U+FFFD: a Latin-1 Dockerfile's `COPY caf\xE9.txt` names the Latin-1 file the
    /// context listing holds, and the finding quotes it as `caf\xE9.txt`.
    /// A word that really holds an escape scalar is carried too (its bytes escaped one by one, as
    /// the listing carries such a name).
    static func carriedText(of span: TextSpan, in instruction: Instruction) -> String {
        guard span.text.unicodeScalars.contains("\u{FFFD}") || EscapedBytes.mayHoldEscapes(span.text) else { return span.text }
        return EscapedBytes.string(of: instruction.logicalLine.bytes[span.logicalRange])
    }

    static func isRemote(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["http://", "https://", "git@", "git://", "ssh://"].contains { lowered.hasPrefix($0) }
    }

    /// True when the context seems to be the one the file is built with: it was named explicitly
    /// (`--context`, Compose, Bake), or at least half of the file's literal sources are in it. A
    /// Dockerfile built as `docker build -f docker/Dockerfile .` finds few of its sources beside
    /// itself (a `LICENSE` or `package.json` by chance), and then nothing is called missing.
    static func contextIsPlausible(_ context: BuildContext, sources: [ContextSource]) -> Bool {
        if context.isExplicit { return true }
        var found = 0
        var missing = 0
        for source in sources where source.path != "." && !BuildContext.hasWildcard(source.path) {
            guard let matches = context.matches(ofSource: source.path) else { continue }
            if matches.isEmpty { missing += 1 } else { found += 1 }
        }
        return found > 0 && found >= missing
    }
}
