import DLintCore

/// DX1107: `EXPOSE 127.0.0.1:80:80` or `EXPOSE 8080:80`: EXPOSE takes container ports only;
/// BuildKit drops the address and host port (BuildKit's `ExposeInvalidFormat`).
struct ExposeInvalidFormat: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1107", name: "expose-invalid-format", severity: .warning,
        summary: "EXPOSE takes a container port, not an address or a host port mapping", aliases: ["ExposeInvalidFormat"], fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.model.instructions.flatMap { instruction -> [Finding] in
            guard instruction.kind == .expose, case .words(let words) = instruction.arguments else { return [] }
            return words.compactMap { word in
                // BuildKit's split: `[ip:][hostPort:]containerPort`, the address taking any extra colons.
                let parts = word.text.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count > 1 else { return nil }
                let hostParts = parts.dropLast()
                guard hostParts.contains(where: { !$0.isEmpty }) else { return nil }
                let containerPort = String(parts.last!)
                var fix: Fix?
                // The image gets the container port either way, so keeping only it is safe.
                if !containerPort.isEmpty, word.range.count == word.text.utf8.count, !word.text.contains("$") {
                    fix = Fix(title: "Keep only the container port '\(containerPort)'", applicability: .safe, edits: [TextEdit(range: word.range, replacement: containerPort)])
                }
                let what = parts.count > 2 ? "an address and a host port" : "a host port"
                return Finding("EXPOSE '\(word.text)' gives \(what): EXPOSE only declares the container port '\(containerPort)'", at: word.range, fix: fix)
            }
        }
    }
}
