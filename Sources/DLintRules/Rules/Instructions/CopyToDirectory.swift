import DLintCore

/// DL3021: several sources can only go into a directory, and the destination must say so.
struct CopyToDirectory: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3021", name: "copy-to-directory", severity: .error,
        summary: "COPY with more than 2 arguments requires the last argument to end with /",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        var findings: [Finding] = []
        for (index, transfer, _) in FileTransfer.all(in: model) where transfer.sources.count > 1 {
            let state = model.states[index]
            let destination = transfer.destination
            // A variable whose value is unknown may well end with a slash: say nothing.
            guard let value = transfer.value(of: destination, in: state.variables, escape: escape) else { continue }
            let isWindows = model.stage(ofInstruction: index)?.isWindows ?? false
            // In Windows images a backslash ends a directory too; with `\` as the escape character
            // the expansion would swallow it, so the text as written counts.
            if value.hasByteSuffix("/") || (isWindows && (value.hasSuffix("\\") || ArchiveName.dropQuotes(destination.text).hasSuffix("\\"))) { continue }
            let keyword = transfer.instruction.kind.rawValue.uppercased()
            findings.append(Finding(
                "\(keyword) with more than one source needs a destination that ends with '/': '\(destination.text)'",
                at: destination.range,
                fix: isWindows ? nil : Self.fix(destination, value: value, in: state.workingDirectory, source: context.tree.source)
            ))
        }
        return findings
    }

    /// Appends `/`, inside the closing quote if there is one. Safe when the destination is
    /// certainly an existing directory (`.`, `..`, the WORKDIR): then the slash only says so.
    /// Otherwise unsafe: BuildKit, unlike the classic builder, accepts the instruction, and where
    /// the destination does not exist it may write the sources over each other into one file
    /// (moby/buildkit#1853) where the slash makes a directory of them.
    static func fix(_ destination: TextSpan, value: String, in directory: WorkingDirectory, source: [UInt8]) -> Fix {
        var end = destination.range.upperBound
        while end > destination.range.lowerBound, source[end - 1] == UInt8(ascii: "\"") || source[end - 1] == UInt8(ascii: "'") {
            end -= 1
        }
        let isDirectory = [".", ".."].contains(value) || value.hasSuffix("/.") || value.hasSuffix("/..")
            || (value.hasBytePrefix("/") && directory.knownPath == WorkingDirectory.path("/").changed(to: value).knownPath)
        return Fix(
            title: "Append '/' to the destination", applicability: isDirectory ? .safe : .unsafe,
            edits: [TextEdit(range: end..<end, replacement: "/")]
        )
    }
}
