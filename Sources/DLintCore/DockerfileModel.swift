/// Where a stage's instructions run: the WORKDIR in effect.
public enum WorkingDirectory: Sendable, Hashable {
    /// Not set in the file: whatever the base image uses (often `/`).
    case baseImage
    /// A known absolute path.
    case path(String)
    /// Relative WORKDIRs stacked on the base image's unknown directory.
    case relativeToBaseImage(String)
    /// Depends on a variable whose value is not known.
    case unknown

    /// The absolute path if known.
    public var knownPath: String? {
        if case .path(let path) = self { return path }
        return nil
    }

    /// This directory after `WORKDIR path` (an already expanded path).
    public func changed(to path: String) -> WorkingDirectory {
        if path.hasPrefix("/") { return .path(PathText.normalized(path)) }
        switch self {
        case .path(let base): return .path(PathText.normalized(base + "/" + path))
        case .baseImage: return .relativeToBaseImage(path)
        case .relativeToBaseImage(let base): return .relativeToBaseImage(base + "/" + path)
        case .unknown: return .unknown
        }
    }
}

enum PathText {
    /// Collapses `//`, `.` and `..` in an absolute path.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// The state of the build before an instruction runs.
public struct InstructionState: Sendable {
    /// The stage the instruction belongs to; nil before the first `FROM`.
    public let stageIndex: Int?
    /// The effective `USER` as written (expanded when possible); nil when the file has not set it
    /// in this stage or a parent stage (the base image's user, often root).
    public let user: String?
    public let workingDirectory: WorkingDirectory
    /// The effective `SHELL`: `["/bin/sh", "-c"]` unless changed (or `cmd` for Windows images).
    public let shell: [String]
    /// ARG and ENV variables in scope.
    public let variables: VariableScope

    /// False when RUN bodies are not POSIX shell here (PowerShell, cmd).
    public var usesPOSIXShell: Bool {
        guard let first = shell.first else { return false }
        var program = first.split(separator: "/").last.map(String.init) ?? first
        program = program.split(separator: "\\").last.map(String.init) ?? program
        program = program.lowercased()
        if program.hasSuffix(".exe") { program.removeLast(4) }
        return !["pwsh", "powershell", "cmd"].contains(program)
    }
}

/// A build stage: a `FROM` and the instructions up to the next one.
public struct Stage: Sendable {
    public let index: Int
    /// The name after `AS`, as written.
    public let name: TextSpan?
    /// Index of the `FROM` instruction in `SyntaxTree.instructions`.
    public let fromIndex: Int
    /// Indices of the stage's instructions, `FROM` included.
    public let instructionIndices: Range<Int>
    /// The base image with variables resolved where their values are known.
    public let baseImage: ImageReference
    /// Set when the base is an earlier stage (`FROM builder`).
    public let parentStage: Int?
    /// Stages this one uses: its parent, `COPY --from`, `RUN --mount=from=`.
    public let dependencies: Set<Int>
    /// True when the base image is a Windows image (its default shell is cmd).
    public let isWindows: Bool

    /// The lower-cased name BuildKit matches references against.
    public var normalizedName: String? { name?.text.lowercased() }
}

/// Everything rules need to know about a file, computed once.
public struct DockerfileModel: Sendable {
    public let tree: SyntaxTree
    public let stages: [Stage]
    /// The state before each instruction, indexed like `tree.instructions`.
    public let states: [InstructionState]
    /// ARGs declared before the first `FROM`.
    public let globalVariables: VariableScope
    /// Every `RUN`, with its mounts and shell scripts.
    public let runs: [RunInstruction]

    public var instructions: [Instruction] { tree.instructions }

    /// The stage built by default: the last one.
    public var finalStage: Stage? { stages.last }

    /// The final stage and every stage it uses, directly or not.
    public let stagesInFinalImage: Set<Int>

    public init(tree: SyntaxTree) {
        self.tree = tree
        var builder = ModelBuilder(tree: tree)
        builder.build()
        self.stages = builder.stages
        self.states = builder.states
        self.globalVariables = builder.globalVariables
        self.runs = builder.runs
        var reachable: Set<Int> = []
        var pending = builder.stages.last.map { [$0.index] } ?? []
        while let index = pending.popLast() {
            guard reachable.insert(index).inserted else { continue }
            pending += builder.stages[index].dependencies
        }
        self.stagesInFinalImage = reachable
    }

    /// The stage an instruction belongs to.
    public func stage(ofInstruction index: Int) -> Stage? {
        states[index].stageIndex.map { stages[$0] }
    }

    /// The stage a `--from` value or `FROM` image names: a stage name or a stage index, among the
    /// stages before `beforeStage`. Nil for an external image.
    public func stage(named reference: String, before beforeStage: Int) -> Stage? {
        if let number = Int(reference), number >= 0, number < beforeStage { return stages[number] }
        let lowered = reference.lowercased()
        return stages[..<min(beforeStage, stages.count)].last { $0.normalizedName == lowered }
    }

    /// The stage and the stages it is built `FROM`, transitively, nearest first.
    public func stageChain(from stageIndex: Int) -> [Int] {
        var chain: [Int] = []
        var current: Int? = stageIndex
        while let index = current, !chain.contains(index) {
            chain.append(index)
            current = stages[index].parentStage
        }
        return chain
    }

    /// The RUN at an instruction index.
    public func run(atInstruction index: Int) -> RunInstruction? {
        runs.first { $0.instructionIndex == index }
    }
}

/// Walks the instructions once, tracking stages, variables and USER/WORKDIR/SHELL.
private struct ModelBuilder {
    let tree: SyntaxTree
    var stages: [Stage] = []
    var states: [InstructionState] = []
    var globalVariables = VariableScope()
    var runs: [RunInstruction] = []

    private static let defaultShell = ["/bin/sh", "-c"]
    private static let windowsShell = ["cmd", "/S", "/C"]

    init(tree: SyntaxTree) {
        self.tree = tree
    }

    mutating func build() {
        let instructions = tree.instructions
        let escape = Character(UnicodeScalar(tree.escapeCharacter))
        var stageStarts = instructions.indices.filter { instructions[$0].kind == .from }
        stageStarts.append(instructions.count)

        var user: String?
        var workingDirectory = WorkingDirectory.baseImage
        var shell = Self.defaultShell
        var variables = VariableScope()
        var stageIndex: Int?
        var finalStates: [(user: String?, workingDirectory: WorkingDirectory, shell: [String], variables: VariableScope)] = []
        var dependencies: Set<Int> = []
        var pendingStage: (index: Int, from: Int, name: TextSpan?, image: ImageReference, parent: Int?, isWindows: Bool)?

        func closeStage(_ stages: inout [Stage], end: Int) {
            guard let pending = pendingStage else { return }
            stages.append(Stage(
                index: pending.index, name: pending.name, fromIndex: pending.from,
                instructionIndices: pending.from..<end, baseImage: pending.image,
                parentStage: pending.parent, dependencies: dependencies, isWindows: pending.isWindows
            ))
        }

        for (index, instruction) in instructions.enumerated() {
            if instruction.kind == .from {
                closeStage(&stages, end: index)
                if stageIndex != nil { finalStates.append((user, workingDirectory, shell, variables)) }
                let newIndex = stageIndex.map { $0 + 1 } ?? 0
                let clause = instruction.fromClause
                let imageText = clause.map { globalVariables.expand($0.image.text, escape: escape) ?? $0.image.text } ?? ""
                // BuildKit stores stage names lower-cased and looks FROM up by its exact text, so
                // `FROM Base` names an image, not the stage `AS Base`.
                let parent = stages.last { $0.normalizedName == imageText }?.index
                dependencies = parent.map { [$0] } ?? []
                let reference = ImageReference(imageText)
                let isWindows = parent.map { stages[$0].isWindows } ?? Self.isWindowsImage(reference)
                if let parent {
                    (user, workingDirectory, shell, variables) = finalStates[parent]
                    variables = variables.withoutArguments(declaredIn: tree, stage: stages[parent])
                } else {
                    user = nil
                    workingDirectory = .baseImage
                    shell = isWindows ? Self.windowsShell : Self.defaultShell
                    variables = VariableScope()
                }
                pendingStage = (newIndex, index, clause?.stageName, reference, parent, isWindows)
                stageIndex = newIndex
                states.append(InstructionState(stageIndex: newIndex, user: user, workingDirectory: workingDirectory, shell: shell, variables: variables))
                continue
            }

            let state = InstructionState(stageIndex: stageIndex, user: user, workingDirectory: workingDirectory, shell: shell, variables: variables)
            states.append(state)

            switch (instruction.kind, instruction.arguments) {
            case (.arg, .declarations(let declarations)):
                for declaration in declarations {
                    let name = declaration.name.text
                    let value: VariableScope.Value
                    if let defaultValue = declaration.defaultValue {
                        let scope = stageIndex == nil ? globalVariables : variables
                        value = scope.expand(defaultValue.text, escape: escape).map { .known($0) } ?? .unknown
                    } else if stageIndex != nil, let global = globalVariables[name] {
                        value = global
                    } else {
                        value = .unknown
                    }
                    if stageIndex == nil { globalVariables[name] = value } else { variables[name] = value }
                }
            case (.env, .keyValues(let pairs)):
                for pair in pairs {
                    variables[pair.key.text] = variables.expand(pair.value.text, escape: escape).map { .known($0) } ?? .unknown
                }
            case (.user, .text(let text)):
                user = variables.expand(text.text, escape: escape) ?? text.text
            case (.workdir, .text(let text)):
                if let path = variables.expand(text.text, escape: escape) {
                    workingDirectory = workingDirectory.changed(to: path)
                } else {
                    workingDirectory = .unknown
                }
            case (.shell, .exec(let words)):
                shell = words.map(\.text)
            case (.copy, _):
                if let from = instruction.flag("from")?.value, let stageIndex,
                   let used = stageReference(from, before: stageIndex, escape: escape) {
                    dependencies.insert(used)
                }
            case (.run, _):
                let run = RunInstruction(instructionIndex: index, instruction: instruction, state: state, tree: tree)
                for mount in run.mounts {
                    // BuildKit looks a mount's `from=` up by stage name only: `from=0` is an image.
                    if let from = mount.from, Int(from) == nil, let stageIndex, let used = stageReference(from, before: stageIndex, escape: escape) {
                        dependencies.insert(used)
                    }
                }
                runs.append(run)
            default:
                break
            }
        }
        closeStage(&stages, end: instructions.count)
    }

    private func stageReference(_ reference: String, before stageIndex: Int, escape: Character) -> Int? {
        let resolved = globalVariables.expand(reference, escape: escape) ?? reference
        if let number = Int(resolved), number >= 0, number < stageIndex { return number }
        return stages.last { $0.normalizedName == resolved.lowercased() }?.index
    }

    private static func isWindowsImage(_ reference: ImageReference) -> Bool {
        let text = reference.text.lowercased()
        return ["windows/servercore", "windows/nanoserver", "windowsservercore", "nanoserver", "windows/server"].contains { text.contains($0) }
    }
}

extension VariableScope {
    /// A child stage inherits its parent's ENV, not its ARGs.
    func withoutArguments(declaredIn tree: SyntaxTree, stage: Stage) -> VariableScope {
        var scope = self
        for index in stage.instructionIndices {
            guard case .declarations(let declarations) = tree.instructions[index].arguments else { continue }
            for declaration in declarations { scope[declaration.name.text] = nil }
        }
        // An ENV set after the ARG in the parent is kept: re-apply ENV keys.
        for index in stage.instructionIndices {
            guard case .keyValues(let pairs) = tree.instructions[index].arguments, tree.instructions[index].kind == .env else { continue }
            for pair in pairs { scope[pair.key.text] = self[pair.key.text] }
        }
        return scope
    }
}
