import DLintCore

/// DX1104: a variable used where BuildKit expands it (COPY, ADD, ENV, LABEL, EXPOSE, VOLUME,
/// USER, WORKDIR, STOPSIGNAL, an ARG default) that no ARG or ENV declared before it in the stage
/// or the stages it is built on (BuildKit's `UndefinedVar`). RUN, CMD and ENTRYPOINT are left to
/// the shell, as in BuildKit.
struct UndefinedVariable: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1104", name: "undefined-variable", severity: .warning,
        summary: "Declare variables with ARG or ENV before using them", aliases: ["UndefinedVar"]
    )

    /// Names BuildKit never reports: `PATH` is always set, the SBOM switches are build arguments
    /// that never reach the environment.
    static let alwaysDefined: Set<String> = ["PATH", "BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let escape = context.tree.escapeCharacter
        var parentNames: [Int: Set<String>] = [:]
        var findings: [Finding] = []
        for (index, instruction) in model.instructions.enumerated() {
            guard let stageIndex = model.states[index].stageIndex else { continue }
            let references = Self.references(in: instruction, tree: context.tree, escape: escape)
            guard !references.isEmpty else { continue }
            if parentNames[stageIndex] == nil { parentNames[stageIndex] = model.namesDeclaredInParents(ofStage: stageIndex) }
            let known = Set(model.states[index].variables.values.keys).union(parentNames[stageIndex]!).union(Self.alwaysDefined)
            for reference in references where !known.contains(reference.name) {
                let suggestion = Suggestion.nearest(to: reference.name, in: Array(known.subtracting(Self.alwaysDefined).union(["PATH"])))
                    .map { " (did you mean '$\($0)'?)" } ?? ""
                findings.append(Finding("Variable '$\(reference.name)' is not declared by an ARG or ENV before it is used\(suggestion)", at: reference.range))
            }
        }
        return findings
    }

    /// The variables BuildKit expands in an instruction, in file order.
    static func references(in instruction: Instruction, tree: SyntaxTree, escape: UInt8) -> [VariableReference] {
        var spans: [TextSpan] = []
        switch (instruction.kind, instruction.arguments) {
        case (.copy, let arguments), (.add, let arguments):
            spans += instruction.flags.filter { let name = $0.name; return name == "chown" || name == "chmod" }.map(\.word)
            switch arguments {
            case .words(let words): spans += words.filter { !$0.text.hasPrefix("<<") }
            case .exec(let elements): spans += elements
            default: break
            }
        case (.env, .keyValues(let pairs)), (.label, .keyValues(let pairs)):
            spans += pairs.flatMap { [$0.key, $0.value] }
        case (.expose, .words(let words)), (.volume, .words(let words)):
            spans += words
        case (.volume, .exec(let elements)):
            spans += elements
        case (.user, .text(let text)), (.workdir, .text(let text)), (.stopsignal, .text(let text)):
            spans.append(text)
        case (.arg, .declarations(let declarations)):
            spans += declarations.compactMap(\.defaultValue)
        default:
            return []
        }
        var references = spans.flatMap { VariableReferences.find(in: $0, of: instruction, escape: escape) }
        if instruction.kind == .copy || instruction.kind == .add {
            // An unquoted heredoc delimiter expands its body, without quote processing.
            for heredoc in instruction.heredocs where heredoc.expands {
                references += VariableReferences.find(inFile: tree.source, heredoc.bodyRange, escape: UInt8(ascii: "\\"), processesQuotes: false)
            }
        }
        return references
    }
}
