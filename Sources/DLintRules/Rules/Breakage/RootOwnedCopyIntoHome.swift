import DLintCore

/// DX1209: after `USER name`, a COPY or ADD without `--chown` into that user's home directory:
/// COPY always writes files owned by root (0:0) whatever USER says, so the user cannot change
/// or delete them (a cache, a config the app rewrites, a `.ssh` directory that must be its own).
struct RootOwnedCopyIntoHome: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1209", name: "root-owned-copy-into-home", severity: .warning,
        summary: "Give COPY and ADD into a non-root user's home a --chown",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        var findings: [Finding] = []
        for (index, instruction) in model.instructions.enumerated() {
            guard instruction.kind == .copy || instruction.kind == .add, instruction.flag("chown") == nil else { continue }
            let state = model.states[index]
            guard !state.isWindows, let userInstruction = Self.lastUserInstruction(before: index, in: model),
                  let value = model.userValue(at: userInstruction), let name = value.user, !name.isEmpty,
                  !["root", "0"].contains(name) else { continue }
            let words: [TextSpan]
            switch instruction.arguments {
            case .words(let list), .exec(let list): words = list
            default: continue
            }
            guard words.count >= 2, let destinationSpan = words.last,
                  let written = state.variables.expand(destinationSpan.text, escape: escape) else { continue }
            let destination = written.hasBytePrefix("/") ? written : state.workingDirectory.changed(to: written).knownPath
            guard let destination else { continue }
            let homes = Self.homes(of: name, before: index, in: model)
            guard homes.contains(where: { Mount.path($0, contains: destination) }) else { continue }
            let chown = value.text.text
            findings.append(Finding(
                "\(instruction.kind.rawValue.uppercased()) into '\(destination)' in the home of user '\(name)' writes root-owned files, which '\(name)' cannot change: add --chown=\(chown)",
                at: destinationSpan.range,
                fix: Fix(title: "Add `--chown=\(chown)`", applicability: .unsafe,
                         edits: [TextEdit(range: instruction.keyword.range.upperBound..<instruction.keyword.range.upperBound, replacement: " --chown=\(chown)")])
            ))
        }
        return findings
    }

    /// The `USER` that sets the user at an instruction: the last one before it in its stage chain.
    static func lastUserInstruction(before index: Int, in model: DockerfileModel) -> Int? {
        guard let stage = model.states[index].stageIndex else { return nil }
        for chained in model.stageChain(from: stage) {
            let indices = model.stages[chained].instructionIndices
            if let last = indices.last(where: { $0 < index && model.instructions[$0].kind == .user }) { return last }
        }
        return nil
    }

    /// `/home/NAME`, and a home the file gives the user when creating it (`-d`, `--home-dir`, `--home`).
    static func homes(of name: String, before index: Int, in model: DockerfileModel) -> [String] {
        var homes = ["/home/" + name]
        for creation in model.accountCreations(before: index) where creation.kind == .user && creation.name == name {
            let arguments = creation.command.arguments
            for (position, argument) in arguments.enumerated() {
                guard let argument else { continue }
                if ["-d", "--home-dir", "--home", "-h"].contains(argument), position + 1 < arguments.count, let value = arguments[position + 1] {
                    homes.append(value)
                } else if argument.hasPrefix("--home-dir=") || argument.hasPrefix("--home=") {
                    homes.append(String(argument.split(separator: "=", maxSplits: 1)[1]))
                }
            }
        }
        return homes.filter { $0.hasBytePrefix("/") && $0 != "/" && !$0.hasPrefix("/nonexistent") && $0 != "/dev/null" }
    }
}
