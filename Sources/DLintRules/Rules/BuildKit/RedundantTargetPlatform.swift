import DLintCore

/// DL3065: `FROM --platform=$TARGETPLATFORM` says what FROM does anyway (BuildKit's
/// `RedundantTargetPlatform`).
struct RedundantTargetPlatform: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3065", name: "redundant-target-platform", severity: .warning,
        summary: "Do not set FROM --platform to $TARGETPLATFORM", aliases: ["RedundantTargetPlatform"], fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let tree = context.tree
        // A global `ARG TARGETPLATFORM=...` makes the flag pick that platform instead of the target.
        let redefined: Bool
        if case .known = context.model.globalVariables["TARGETPLATFORM"] { redefined = true } else { redefined = false }
        return context.model.instructions.compactMap { instruction in
            guard instruction.kind == .from, let platform = instruction.flag("platform"), let value = platform.value,
                  value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}" else { return nil }
            var fix: Fix?
            if !redefined {
                // The flag and the blanks after it, up to the next word.
                var end = platform.range.upperBound
                while end < tree.source.count, tree.source[end] == UInt8(ascii: " ") || tree.source[end] == UInt8(ascii: "\t") { end += 1 }
                fix = Fix(title: "Remove '--platform=\(value)'", applicability: .safe, edits: [TextEdit(range: platform.range.lowerBound..<end, replacement: "")])
            }
            return Finding("'--platform=\(value)' is redundant: FROM uses the target platform by default", at: platform.range, fix: fix)
        }
    }
}
