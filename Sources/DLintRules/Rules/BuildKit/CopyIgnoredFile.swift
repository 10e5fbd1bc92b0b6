import DLintCore

/// DX1109: a COPY or ADD from the build context whose source `.dockerignore` keeps out of the
/// context, so the build fails with "not found" (BuildKit's `CopyIgnoredFile`). The CLI hands the
/// ignore file over in `LintSettings.dockerIgnore` (or with the context's listing in
/// `buildContext`); without one nothing is reported. With the listing, a wildcard source is
/// reported when every file it matches is excluded, and not when some file it matches is sent.
struct CopyIgnoredFile: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1109", name: "copy-ignored-file", severity: .warning,
        summary: "Do not COPY or ADD what .dockerignore excludes", aliases: ["CopyIgnoredFile"]
    )

    func check(_ context: RuleContext) -> [Finding] {
        guard let ignore = context.settings.effectiveDockerIgnore, !ignore.patterns.isEmpty else { return [] }
        let listing = context.settings.buildContext
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        var findings: [Finding] = []
        for (index, instruction) in model.instructions.enumerated() {
            guard instruction.kind == .copy || instruction.kind == .add, instruction.flag("from") == nil else { continue }
            let sources: [TextSpan]
            switch instruction.arguments {
            case .words(let words): sources = Array(words.dropLast())
            case .exec(let elements): sources = Array(elements.dropLast())
            default: continue
            }
            let keyword = instruction.kind == .copy ? "COPY" : "ADD"
            for source in sources where !source.text.hasPrefix("<<") {
                // Carried as the ignore file's patterns are, so that a Latin-1 source meets a Latin-1 pattern.
                let written = instruction.isExecForm ? source.text : ContextSource.carriedText(of: source, in: instruction)
                if instruction.kind == .add, ["http://", "https://", "git@"].contains(where: { written.hasPrefix($0) }) { continue }
                guard let path = model.states[index].variables.expand(written, escape: escape) else { continue }
                var cleaned = Self.contextPath(path)
                if cleaned == "." {
                    guard ignore.excludesContextRoot else { continue }
                    cleaned = "*"
                }
                var excluding = ignore.excludingPattern(for: cleaned)
                if let listing, BuildContext.hasWildcard(cleaned), let matches = listing.matches(ofSource: cleaned), !matches.isEmpty {
                    // What the wildcard really matches decides, not the pattern's text.
                    let patterns = matches.map { ignore.excludingPattern(for: $0.path) }
                    excluding = patterns.contains { $0 == nil } ? nil : patterns.first!
                }
                guard let pattern = excluding, !Self.mayReinclude(below: cleaned, ignore) else { continue }
                findings.append(Finding(
                    "\(keyword) source '\(written)' is excluded by .dockerignore (line \(pattern.line): '\(pattern.isExclusion ? "!" : "")\(pattern.text)'), so it is not in the build context",
                    at: source.range
                ))
            }
        }
        return findings
    }

    /// The source as a path from the context root: sources are always relative to it.
    static func contextPath(_ path: String) -> String {
        var cleaned = path
        while cleaned.hasBytePrefix("/") { cleaned.removeFirst() }
        let parts = cleaned.split(separator: "/").filter { $0 != "." }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// True when a `!pattern` could put back something inside `path`: then copying the directory
    /// still sends those files, and BuildKit too gives no warning.
    static func mayReinclude(below path: String, _ ignore: DockerIgnore) -> Bool {
        ignore.patterns.contains { pattern in
            guard pattern.isExclusion else { return false }
            let literal = String(pattern.text.prefix { !"*?[\\".contains($0) })
            return literal.isEmpty || (path + "/").hasPrefix(literal) || literal.hasPrefix(path + "/") || literal == path
        }
    }
}
