import DLintCore

/// DX1404: `ADD https://…` without `--checksum`: the build takes whatever the server returns.
/// Not reported when a later RUN of the stage verifies a download (`sha256sum -c`, `gpg
/// --verify`), as the usual `ADD` + checksum line pair does.
struct AddWithoutChecksum: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1404", name: "add-without-checksum", severity: .warning,
        summary: "Pin the content of a remote ADD source with --checksum"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        var findings: [Finding] = []
        for (index, transfer, isTrigger) in FileTransfer.all(in: model) where transfer.instruction.kind == .add {
            guard transfer.instruction.flag("checksum") == nil else { continue }
            let scope = model.states[index].variables
            let remote = transfer.sources.filter { source in
                guard !transfer.isHeredoc(source), let value = transfer.value(of: source, in: scope, escape: escape) else { return false }
                return Self.isHTTPFile(value)
            }
            guard !remote.isEmpty, isTrigger || !Self.laterRunVerifies(after: index, in: model) else { continue }
            for source in remote {
                let shown = transfer.value(of: source, in: scope, escape: escape) ?? source.text
                findings.append(Finding(
                    "ADD downloads '\(shown)' without --checksum: a changed or tampered file goes into the image unnoticed; add --checksum=sha256:<digest>",
                    at: source.range
                ))
            }
        }
        return findings
    }

    /// An HTTP(S) URL of a file; a Git repository (`….git`, `….git#ref`) is pinned by its commit.
    static func isHTTPFile(_ value: String) -> Bool {
        let lowered = value.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return false }
        let path = lowered.split(separator: "#", maxSplits: 1).first.map(String.init) ?? lowered
        return !path.hasSuffix(".git") && !path.hasSuffix(".git/")
    }

    private static let checksumTools: Set<String> = ["sha256sum", "sha512sum", "sha384sum", "sha1sum", "md5sum", "shasum", "b2sum", "cksum"]

    /// A RUN after `index` in the same stage that checks a checksum or a signature.
    static func laterRunVerifies(after index: Int, in model: DockerfileModel) -> Bool {
        guard let stage = model.stage(ofInstruction: index) else { return false }
        return model.runs.contains { run in
            guard !run.isOnbuildTrigger, run.instructionIndex > index, stage.instructionIndices.contains(run.instructionIndex) else { return false }
            return run.commands.contains { command in
                guard let invocation = command.command.effectiveCommand, let name = invocation.commandName else { return false }
                let program = PackageInvocation.baseProgram(name)
                let values = invocation.arguments.compactMap(\.literalValue)
                if checksumTools.contains(program) {
                    return values.contains { $0 == "--check" || $0 == "-c" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("c")) }
                }
                if program == "gpg" || program == "gpg2" { return values.contains("--verify") }
                return ["gpgv", "cosign", "minisign", "signify"].contains(program)
            }
        }
    }
}
