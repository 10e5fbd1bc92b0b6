import DLintCore

/// DX1406: `EXPOSE 22` (or a range holding it): an SSH server in a container, the mark of an
/// image run like a virtual machine, with keys and passwords to manage inside it.
struct ExposeSSH: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1406", name: "expose-ssh", severity: .info,
        summary: "Do not expose SSH: use docker exec to get a shell in a container"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        var findings: [Finding] = []
        for checked in model.checkedInstructions where checked.instruction.kind == .expose {
            guard case .words(let words) = checked.instruction.arguments else { continue }
            for word in words {
                guard let value = checked.state.variables.expand(word.text, escape: escape), Self.includesSSH(value) else { continue }
                findings.append(Finding(
                    "EXPOSE \(value) publishes SSH: a container is not a virtual machine; get a shell with docker exec, and if SSH is the service, keep its host keys and passwords out of the image",
                    at: word.range
                ))
            }
        }
        return findings
    }

    /// `22`, `22/tcp`, `20-25`; not `22/udp` (no SSH), not `2222`.
    static func includesSSH(_ text: String) -> Bool {
        let parts = text.lowercased().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, parts[1] != "tcp" { return false }
        let bounds = parts[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { Int($0) }
        guard let low = bounds.first ?? nil else { return false }
        let high = bounds.count == 2 ? (bounds[1] ?? low) : low
        return (low...max(low, high)).contains(22)
    }
}
