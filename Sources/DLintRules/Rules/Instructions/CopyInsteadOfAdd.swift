import DLintCore

/// DL3020: `ADD` of local files that are not archives does what `COPY` does, with magic on top.
struct CopyInsteadOfAdd: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3020", name: "copy-instead-of-add", severity: .error,
        summary: "Use COPY instead of ADD for files and folders",
        fixable: true
    )

    /// `ADD` flags `COPY` also takes; `--checksum`, `--keep-git-dir` and `--unpack` are ADD's own.
    static let flagsCopyTakes: Set<String> = ["chown", "chmod", "link", "exclude"]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        var findings: [Finding] = []
        for (index, transfer, _) in FileTransfer.all(in: model) where transfer.instruction.kind == .add {
            let scope = model.states[index].variables
            let sources = transfer.sources.map { source in
                (source, value: transfer.isHeredoc(source) ? source.text : transfer.value(of: source, in: scope, escape: escape))
            }
            // A variable whose value is unknown may hold a URL: say nothing.
            let needsADD = sources.contains { source, value in
                guard !transfer.isHeredoc(source) else { return false }
                guard let value else { return true }
                return FileTransfer.isRemote(value) || ArchiveName.isArchive(value)
            }
            guard !needsADD else { continue }
            let keyword = transfer.instruction.keyword
            findings.append(Finding(
                "Use COPY instead of ADD for files and folders: ADD is only needed to fetch URLs and unpack archives",
                at: keyword.range, fix: Self.fix(transfer, sources: sources)
            ))
        }
        return findings
    }

    /// `ADD` → `COPY`. Safe when every source is a path without wildcards: `ADD` unpacks a local
    /// file only when it is a tar archive, and a name that is not an archive's is taken not to
    /// hold one. Unsafe when a wildcard could match an archive.
    static func fix(_ transfer: FileTransfer, sources: [(TextSpan, value: String?)]) -> Fix? {
        guard transfer.instruction.flags.allSatisfy({ flagsCopyTakes.contains($0.name) }) else { return nil }
        let isLiteral = sources.allSatisfy { source, value in
            transfer.isHeredoc(source) || !(value ?? "*").containsASCIICharacter(in: "*?[")
        }
        let keyword = transfer.instruction.keyword
        return Fix(
            title: "Replace ADD with COPY", applicability: isLiteral ? .safe : .unsafe,
            edits: [TextEdit(range: keyword.range, replacement: FixText.matchingCase("COPY", of: keyword.text))]
        )
    }
}
