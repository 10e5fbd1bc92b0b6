import DLintCore

/// DX1201: a COPY/ADD source that is not in the build context: the build fails with "not found".
/// BuildKit lets a wildcard match nothing, so only literal paths (and the directories a wildcard
/// path goes through) are checked.
struct MissingCopySource: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1201", name: "missing-copy-source", severity: .error,
        summary: "COPY and ADD sources must exist in the build context"
    )

    func check(_ context: RuleContext) -> [Finding] {
        guard let buildContext = context.settings.buildContext else { return [] }
        let sources = ContextSource.all(in: context.model)
        guard ContextSource.contextIsPlausible(buildContext, sources: sources) else { return [] }
        var findings: [Finding] = []
        for source in sources where source.path != "." {
            guard let missing = Self.missingPart(of: source.path, in: buildContext) else { continue }
            // An excluded path is DX1109's finding, whether or not the file is there.
            if context.settings.effectiveDockerIgnore?.excludingPattern(for: source.path) != nil { continue }
            let similar = Self.differentCase(of: missing, in: buildContext)
            // A Windows build's context comes from a file system that ignores letter case.
            if similar != nil, context.model.states[source.instructionIndex].isWindows { continue }
            var message = "\(source.keyword) source '\(source.written)' is not in the build context"
            if buildContext.displayName != "." { message += " '\(buildContext.displayName)'" }
            if missing != source.path { message += " (there is no '\(missing)')" }
            message += ", so the build fails"
            if let similar { message += "; did you mean '\(similar)'?" }
            findings.append(Finding(message, at: source.span.range))
        }
        return findings
    }

    /// The literal part of the path that does not exist (the whole path, or the directory before a
    /// wildcard); nil when it exists or the listing cannot tell.
    static func missingPart(of path: String, in context: BuildContext) -> String? {
        let segments = path.split(separator: "/")
        let literal = segments.prefix { !BuildContext.hasWildcard(String($0)) }.joined(separator: "/")
        guard !literal.isEmpty else { return nil }
        guard let matches = context.matches(ofSource: literal), matches.isEmpty else { return nil }
        return literal
    }

    /// An entry whose path differs only in letter case: a Dockerfile written on macOS or Windows.
    static func differentCase(of path: String, in context: BuildContext) -> String? {
        let lowered = path.lowercased()
        return context.entries.first { $0.path.lowercased() == lowered }?.path
    }
}
