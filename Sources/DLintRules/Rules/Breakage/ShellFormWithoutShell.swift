import DLintCore

/// DX1204: a shell-form RUN (heredoc RUNs included), CMD, ENTRYPOINT or HEALTHCHECK CMD in a stage built `FROM scratch`
/// or on a distroless image: there is no `/bin/sh`, so the build (RUN) or the container (CMD,
/// ENTRYPOINT, HEALTHCHECK) fails with "no such file or directory".
struct ShellFormWithoutShell: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1204", name: "shell-form-without-shell", severity: .error,
        summary: "Do not use shell form in a stage whose image has no shell"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for stage in model.stages where !stage.isWindows {
            guard let base = Self.shellLessBase(of: stage, in: model) else { continue }
            for index in stage.instructionIndices {
                let instruction = model.instructions[index]
                // A SHELL instruction names a shell the author put there; a copied shell counts too.
                if instruction.kind == .shell || Self.bringsShell(instruction) { break }
                let span: TextSpan
                switch (instruction.kind, instruction.arguments) {
                case (.run, .shell(let text)), (.cmd, .shell(let text)), (.entrypoint, .shell(let text)): span = text
                case (.healthcheck, .healthcheck(_, .shell(let text))): span = text
                default: continue
                }
                let keyword = instruction.kind == .healthcheck ? "HEALTHCHECK CMD" : instruction.kind.rawValue.uppercased()
                let when = instruction.kind == .run ? "the build fails" : "the container cannot start it"
                findings.append(Finding(
                    "Shell-form \(keyword) needs '/bin/sh', which '\(base)' does not have, so \(when): use the JSON form [\"program\", \"arg\"]",
                    at: span.range
                ))
            }
        }
        return findings
    }

    /// The image at the root of the stage's chain when it has no shell: `scratch`, or a
    /// distroless image other than a `:debug` one (those carry busybox).
    static func shellLessBase(of stage: Stage, in model: DockerfileModel) -> String? {
        let chain = model.stageChain(from: stage.index)
        guard let root = chain.last.map({ model.stages[$0] }) else { return nil }
        // A shell copied into an earlier stage of the chain is there too.
        for index in chain.dropFirst() where model.stages[index].instructionIndices.contains(where: { bringsShell(model.instructions[$0]) || model.instructions[$0].kind == .shell }) {
            return nil
        }
        let image = root.baseImage
        if image.isScratch { return "scratch" }
        guard !image.hasVariables else { return nil }
        let name = ((image.registry.map { $0 + "/" } ?? "") + image.repository).lowercased()
        let tag = image.tag?.lowercased() ?? ""
        if name.contains("distroless/"), !tag.contains("debug") { return image.text }
        if name.hasSuffix("chainguard/static") { return image.text }
        return nil
    }

    /// A COPY/ADD whose destination is a shell or a busybox.
    static func bringsShell(_ instruction: Instruction) -> Bool {
        guard instruction.kind == .copy || instruction.kind == .add else { return false }
        let words: [TextSpan]
        switch instruction.arguments {
        case .words(let list), .exec(let list): words = list
        default: return false
        }
        return words.contains { word in
            let text = word.text.lowercased()
            return text.contains("busybox") || text.hasSuffix("/sh") || text.hasSuffix("/bash") || text == "/bin" || text == "/bin/"
        }
    }
}
