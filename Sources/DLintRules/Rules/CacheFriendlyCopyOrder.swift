import DLintCore

/// DX1002: copying the whole build context before a dependency install makes every source
/// change re-run the install.
struct CacheFriendlyCopyOrder: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1002", name: "cache-friendly-copy-order", severity: .warning,
        summary: "Copy dependency manifests and install dependencies before copying the whole build context"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for stage in model.stages {
            var broadCopy: (instruction: Instruction, source: TextSpan)?
            // Installers already run from manifests before the broad copy: a later run of the
            // same installer (`poetry install` of the project itself, a second `npm ci`) is fine.
            var installedEarlier: Set<DependencyInstaller> = []
            stageLoop: for index in stage.instructionIndices {
                let instruction = model.instructions[index]
                if broadCopy == nil, let source = instruction.wholeBuildContextSource {
                    broadCopy = (instruction, source)
                    continue
                }
                guard instruction.kind == .run, let run = model.run(atInstruction: index) else { continue }
                for install in run.dependencyInstalls {
                    guard let copy = broadCopy else {
                        installedEarlier.insert(install.installer)
                        continue
                    }
                    guard !installedEarlier.contains(install.installer) else { continue }
                    let line = context.tree.location(of: install.command.fileRange.lowerBound).line
                    let keyword = copy.instruction.kind.rawValue.uppercased()
                    let files = Self.list(install.manifests.map { $0.hasSuffix("*") ? String($0.dropLast()) : $0 })
                    findings.append(Finding(
                        "\(keyword) of the whole build context comes before '\(install.label)' on line \(line): copy \(files) first so that a source change does not re-run the install",
                        at: copy.source.range
                    ))
                    break stageLoop
                }
            }
        }
        return findings
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
