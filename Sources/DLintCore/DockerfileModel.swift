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
        if path.hasBytePrefix("/") { return .path(PathText.normalized(path)) }
        switch self {
        case .path(let base): return .path(PathText.normalized(base + "/" + path))
        case .baseImage:
            let cleaned = PathText.cleanedRelative(path)
            return cleaned == "." ? .baseImage : .relativeToBaseImage(cleaned)
        case .relativeToBaseImage(let base):
            // Resolved as it goes (`app/..` is no deeper than the base image's directory), so a
            // long chain of WORKDIRs that go down and back up does not spell itself out at every step.
            let combined = PathText.cleanedRelative(base + "/" + path)
            return combined == "." ? .baseImage : .relativeToBaseImage(combined)
        case .unknown: return .unknown
        }
    }
}

/// Slash paths as Docker reads them.
public enum PathText {
    /// The last component of a slash path (`/usr/bin/apt-get` → `apt-get`, `a/b/` → `b`); the
    /// path itself when it has none (`/`). On the UTF-8 bytes: rules ask it of every command name.
    public static func basename(_ path: String) -> String {
        var path = path
        let slash = UInt8(ascii: "/")
        let bounds: Range<Int>? = path.withUTF8 { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == slash { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0, bytes[start - 1] != slash { start -= 1 }
            return start == 0 && end == bytes.count ? nil : start..<end
        }
        guard let bounds else { return path }
        return String(decoding: path.utf8.dropFirst(bounds.lowerBound).prefix(bounds.count), as: UTF8.self)
    }

    /// Collapses `//`, `.` and `..` in an absolute path.
    static func normalized(_ path: String) -> String {
        // On the UTF-8 bytes, and without building anything for a path that is already clean:
        // cache rules compare every mount with every directory they clean.
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        if isClean(path.utf8) { return path }
        var parts: [ArraySlice<UInt8>] = []
        var clean = path.utf8.first == slash
        let bytes = Array(path.utf8)
        for part in bytes.split(separator: slash, omittingEmptySubsequences: false).dropFirst(clean ? 1 : 0) {
            if part.isEmpty || part.elementsEqual([dot]) {
                clean = clean && part.isEmpty && parts.isEmpty && bytes.count == 1
                continue
            }
            if part.elementsEqual([dot, dot]) {
                clean = false
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        if clean { return path }
        var result: [UInt8] = [slash]
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(slash) }
            result.append(contentsOf: part)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// True when `normalized` returns the path as it is: `/`, or `/` followed by components
    /// that are neither empty nor `.` nor `..`. Read without copying the bytes.
    private static func isClean(_ path: String.UTF8View) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var iterator = path.makeIterator()
        guard iterator.next() == slash else { return false }
        var length = 0, dots = 0, count = 1
        while let byte = iterator.next() {
            count += 1
            if byte == slash {
                if length == 0 || (dots == length && length <= 2) { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == dot, dots == length - 1 { dots += 1 }
            }
        }
        if count == 1 { return true }
        return length > 0 && !(dots == length && length <= 2)
    }
}

/// The state of the build before an instruction runs.
///
/// Instructions outside any stage (a file without `FROM`, such as a fragment a template pastes
/// into a stage, or lines before the first `FROM`, which the parser reports) get a state too:
/// `stageIndex` nil, the base image's user and directory, `/bin/sh -c` (cmd when the file looks
/// like Windows: a backtick escape or a Windows-only SHELL), and the ARGs and ENVs declared so far.
/// Rules that need no stage (RUN commands, a single instruction) check them like any other; rules
/// about stages or the final image do not see them, since there is no stage.
public struct InstructionState: Sendable {
    /// The fields, in one shared box: every RUN and checked instruction holds its state and rules
    /// copy it often, and a copy is then one reference instead of a string, an array and a scope.
    private final class Storage: Sendable {
        let stageIndex: Int?
        let user: String?
        let workingDirectory: WorkingDirectory
        let shell: [String]
        let variables: VariableScope
        let isWindows: Bool
        let usesPOSIXShell: Bool

        init(stageIndex: Int?, user: String?, workingDirectory: WorkingDirectory, shell: [String], variables: VariableScope, isWindows: Bool) {
            self.stageIndex = stageIndex
            self.user = user
            self.workingDirectory = workingDirectory
            self.shell = shell
            self.variables = variables
            self.isWindows = isWindows
            self.usesPOSIXShell = Self.isPOSIXShell(shell)
        }

        private static func isPOSIXShell(_ shell: [String]) -> Bool {
            guard let first = shell.first else { return false }
            // Read the program's name without splitting the path.
            let utf8 = first.utf8
            let nameStart = utf8.lastIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }.map(utf8.index(after:)) ?? utf8.startIndex
            var program = Substring(first[nameStart...]).lowercased()
            if program.hasSuffix(".exe") { program.removeLast(4) }
            return !["pwsh", "powershell", "cmd"].contains(program)
        }
    }

    private let storage: Storage

    init(stageIndex: Int?, user: String?, workingDirectory: WorkingDirectory, shell: [String], variables: VariableScope, isWindows: Bool) {
        storage = Storage(stageIndex: stageIndex, user: user, workingDirectory: workingDirectory, shell: shell, variables: variables, isWindows: isWindows)
    }

    /// The stage the instruction belongs to; nil outside any stage (before the first `FROM`).
    public var stageIndex: Int? { storage.stageIndex }
    /// The effective `USER` as written (expanded when possible); nil when the file has not set it
    /// in this stage or a parent stage (the base image's user, often root).
    public var user: String? { storage.user }
    public var workingDirectory: WorkingDirectory { storage.workingDirectory }
    /// The effective `SHELL`: `["/bin/sh", "-c"]` unless changed (or `cmd` for Windows images).
    public var shell: [String] { storage.shell }
    /// ARG and ENV variables in scope.
    public var variables: VariableScope { storage.variables }
    /// True in a Windows image: the stage's `isWindows`, or outside any stage, a file with a
    /// backtick escape or a Windows-only SHELL.
    public var isWindows: Bool { storage.isWindows }

    /// False when RUN bodies are not POSIX shell here (PowerShell, cmd). Worked out once: many
    /// rules ask it of every RUN.
    public var usesPOSIXShell: Bool { storage.usesPOSIXShell }
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
    /// When the base names a stage through a variable only the build sets
    /// (`FROM base-$TARGETARCH`), every earlier stage whose name the text can match; the build
    /// uses one of them, so each may ship.
    public let possibleParentStages: [Int]
    /// Stages this one uses: its parent, `COPY --from`, `RUN --mount=from=`.
    public let dependencies: Set<Int>
    /// True when the stage builds a Windows image (its default shell is cmd): its parent stage
    /// is one; or the base image's name says so (`ImageReference.namesWindowsImage`); or the
    /// file's escape character is a backtick and the base image is a variable whose value is not
    /// known; or the stage has a SHELL only Windows has (`cmd`, `powershell`).
    public let isWindows: Bool

    /// The lower-cased name BuildKit matches references against; stored, since every `FROM`,
    /// `--from` and mount looks the earlier stages up by it.
    public let normalizedName: String?

    init(
        index: Int, name: TextSpan?, fromIndex: Int, instructionIndices: Range<Int>, baseImage: ImageReference,
        parentStage: Int?, possibleParentStages: [Int], dependencies: Set<Int>, isWindows: Bool
    ) {
        self.index = index
        self.name = name
        self.fromIndex = fromIndex
        self.instructionIndices = instructionIndices
        self.baseImage = baseImage
        self.parentStage = parentStage
        self.possibleParentStages = possibleParentStages
        self.dependencies = dependencies
        self.isWindows = isWindows
        self.normalizedName = name?.text.lowercased()
    }
}

/// An instruction as instruction rules check it: one of the file's, or the instruction an
/// `ONBUILD` wraps (`ONBUILD WORKDIR app` is a WORKDIR that runs in the child image).
public struct CheckedInstruction: Sendable {
    /// The index in `SyntaxTree.instructions` (the `ONBUILD`'s for a trigger).
    public let index: Int
    /// The instruction (the wrapped one for a trigger).
    public let instruction: Instruction
    /// The state it runs with; for a trigger, the child image's (see `RunInstruction.state`).
    public let state: InstructionState
    public let isOnbuildTrigger: Bool
}

/// Everything rules need to know about a file, computed once.
public struct DockerfileModel: Sendable {
    /// The fields, in one shared box: every rule's context holds the model and rules pass it
    /// around, and a copy is then one reference instead of a dozen arrays.
    private final class Storage: Sendable {
        let tree: SyntaxTree
        let facts = ModelFacts()
        let stages: [Stage]
        let states: [InstructionState]
        let globalVariables: VariableScope
        let runs: [RunInstruction]
        let checkedInstructions: [CheckedInstruction]
        let runPositions: [Int: Int]
        let baseSystems: [BaseSystem?]
        let fragmentBaseSystem: BaseSystem?
        let targetStageIndex: Int?
        let stagesInFinalImage: Set<Int>

        init(tree: SyntaxTree, buildArguments: [String: VariableScope.Value], target: String?) {
            self.tree = tree
            var builder = ModelBuilder(tree: tree, buildArguments: buildArguments)
            builder.build()
            let targetIndex = target.flatMap { name in builder.stages.last { $0.normalizedName == name.lowercased() }?.index }
            self.targetStageIndex = targetIndex
            self.stages = builder.stages
            self.states = builder.states
            self.globalVariables = builder.globalVariables
            self.runs = builder.runs
            self.checkedInstructions = builder.checkedInstructions
            self.baseSystems = builder.baseSystems
            self.fragmentBaseSystem = builder.fragmentBaseSystem
            var positions: [Int: Int] = [:]
            for (position, run) in builder.runs.enumerated() where !run.isOnbuildTrigger {
                positions[run.instructionIndex] = position
            }
            self.runPositions = positions
            var reachable: Set<Int> = []
            var pending = (targetIndex ?? builder.stages.last?.index).map { [$0] } ?? []
            while let index = pending.popLast() {
                guard reachable.insert(index).inserted else { continue }
                pending += builder.stages[index].dependencies
            }
            self.stagesInFinalImage = reachable
        }
    }

    private let storage: Storage

    public var tree: SyntaxTree { storage.tree }
    /// Derived facts, computed once per model on first use and shared by the rules.
    public var facts: ModelFacts { storage.facts }
    public var stages: [Stage] { storage.stages }
    /// The state before each instruction, indexed like `tree.instructions`.
    public var states: [InstructionState] { storage.states }
    /// ARGs declared before the first `FROM`.
    public var globalVariables: VariableScope { storage.globalVariables }
    /// Every `RUN`, with its mounts and shell scripts, in file order: those outside any stage
    /// (a fragment without `FROM`) and `ONBUILD RUN` triggers (`isOnbuildTrigger`) included.
    public var runs: [RunInstruction] { storage.runs }
    /// Every instruction followed, for an `ONBUILD`, by the instruction it wraps: what rules
    /// about single instructions (WORKDIR, COPY, ADD, USER …) iterate to see triggers too.
    public var checkedInstructions: [CheckedInstruction] { storage.checkedInstructions }
    /// The position in `runs` of the RUN at each instruction index (top-level RUNs only).
    private var runPositions: [Int: Int] { storage.runPositions }
    /// The base system of each stage, and of the instructions outside any stage.
    private var baseSystems: [BaseSystem?] { storage.baseSystems }
    private var fragmentBaseSystem: BaseSystem? { storage.fragmentBaseSystem }

    public var instructions: [Instruction] { tree.instructions }

    /// The stage that is built: the build's target (`LintSettings.target`) when it names a
    /// stage, else the last one.
    public var finalStage: Stage? { targetStageIndex.map { stages[$0] } ?? stages.last }

    /// The stage a build's `--target` names; nil when none is given or it names no stage.
    public var targetStageIndex: Int? { storage.targetStageIndex }

    /// True when the file has no `FROM`: a fragment (a template part, a file of RUN lines) whose
    /// instructions are checked with the state `InstructionState` describes for them.
    public var isFragment: Bool { stages.isEmpty }

    /// The final stage and every stage it uses, directly or not.
    public var stagesInFinalImage: Set<Int> { storage.stagesInFinalImage }

    /// The instructions that build one image, in order: those before the first `FROM` when there
    /// are any (a fragment without `FROM`, or lines BuildKit rejects), then each stage's. For
    /// rules about the order of instructions that do not need the stage itself.
    public var instructionGroups: [Range<Int>] {
        let firstFrom = stages.first?.fromIndex ?? instructions.count
        return (firstFrom > 0 ? [0..<firstFrom] : []) + stages.map(\.instructionIndices)
    }

    /// `buildArguments` are the `--build-arg` values the build passes (a Compose service's or a
    /// Bake target's `args`): they override the ARGs' defaults. `target` is the stage built.
    public init(tree: SyntaxTree, buildArguments: [String: VariableScope.Value] = [:], target: String? = nil) {
        storage = Storage(tree: tree, buildArguments: buildArguments, target: target)
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

    /// The userland a stage is built on (see `BaseSystem`): from the image at the root of its
    /// `FROM` chain (`FROM builder` inherits `builder`'s), else from the package manager the chain
    /// runs (`apk` BusyBox, `apt-get` Debian, `dnf` RHEL). Nil when neither tells. `nil` as the
    /// stage asks about the instructions outside any stage (a fragment), by their package manager.
    public func baseSystem(ofStage stageIndex: Int?) -> BaseSystem? {
        guard let stageIndex else { return fragmentBaseSystem }
        return stageIndex < baseSystems.count ? baseSystems[stageIndex] : nil
    }

    /// What `/bin/sh` is in a stage (`.posix` when the base system is not known).
    public func systemShell(ofStage stageIndex: Int?) -> ShellFlavor {
        baseSystem(ofStage: stageIndex)?.shellFlavor ?? .posix
    }

    /// The `RUN` at an instruction index; nil for another instruction, `ONBUILD RUN` included
    /// (its trigger is among `runs`, with `isOnbuildTrigger`).
    public func run(atInstruction index: Int) -> RunInstruction? {
        runPositions[index].map { runs[$0] }
    }
}

/// The USER, WORKDIR, SHELL and variables as the builder walks a stage.
private struct BuildState {
    var user: String? { didSet { lastSnapshot = nil } }
    var workingDirectory = WorkingDirectory.baseImage { didSet { lastSnapshot = nil } }
    var shell: [String] { didSet { lastSnapshot = nil } }
    var variables = VariableScope() { didSet { lastSnapshot = nil } }
    var isWindows: Bool { didSet { lastSnapshot = nil } }
    /// The state last handed out, until a field changes: most instructions (RUN, COPY) change
    /// nothing, and the instructions after them then share one state instead of one each.
    fileprivate var lastSnapshot: InstructionState?

    init(shell: [String], isWindows: Bool) {
        self.shell = shell
        self.isWindows = isWindows
    }

    mutating func snapshot(stage: Int?) -> InstructionState {
        if let lastSnapshot, lastSnapshot.stageIndex == stage { return lastSnapshot }
        let state = InstructionState(stageIndex: stage, user: user, workingDirectory: workingDirectory, shell: shell, variables: variables, isWindows: isWindows)
        lastSnapshot = state
        return state
    }
}

/// Walks the instructions once, tracking stages, variables and USER/WORKDIR/SHELL.
private struct ModelBuilder {
    let tree: SyntaxTree
    let escape: Character
    var stages: [Stage] = []
    var states: [InstructionState] = []
    var globalVariables = VariableScope()
    var runs: [RunInstruction] = []
    var checkedInstructions: [CheckedInstruction] = []
    /// Per stage, the base system the image names, then (once the stage is read) the one the
    /// package managers of its `FROM` chain reveal when the image does not tell.
    var baseSystems: [BaseSystem?] = []
    var fragmentBaseSystem: BaseSystem?
    /// Per stage, the system its own RUNs' package managers reveal.
    private var revealedSystems: [BaseSystem?] = []
    /// `# hadolint shell=…` pragmas, in file order.
    private var shellPragmas: [ShellPragma] = []
    /// Where each `FROM` starts.
    private var stageStartOffsets: [Int] = []

    private static let defaultShell = ["/bin/sh", "-c"]
    private static let windowsShell = ["cmd", "/S", "/C"]

    /// `--build-arg` values: they replace the defaults of the ARGs they name.
    let buildArguments: [String: VariableScope.Value]

    init(tree: SyntaxTree, buildArguments: [String: VariableScope.Value]) {
        self.tree = tree
        self.buildArguments = buildArguments
        self.escape = Character(UnicodeScalar(tree.escapeCharacter))
    }

    mutating func build() {
        let instructions = tree.instructions
        let hasBacktickEscape = tree.escapeCharacter == UInt8(ascii: "`")
        let stageStarts = instructions.indices.filter { instructions[$0].kind == .from }
        let stageEnds = Array(stageStarts.dropFirst()) + [instructions.count]

        // Outside any stage (before the first FROM, or a file without one).
        let outsideWindows = hasBacktickEscape || hasWindowsShell(in: 0..<(stageStarts.first ?? instructions.count))
        var current = BuildState(shell: outsideWindows ? Self.windowsShell : Self.defaultShell, isWindows: outsideWindows)
        var stageIndex: Int?
        var finalStates: [BuildState] = []
        var dependencies: Set<Int> = []
        var pendingStage: (index: Int, from: Int, name: TextSpan?, image: ImageReference, parent: Int?, possibleParents: [Int], isWindows: Bool)?
        var triggers: [Int] = []
        var triggerChecks: [Int: CheckedInstruction] = [:]
        shellPragmas = ShellPragma.all(in: tree)
        stageStartOffsets = stageStarts.map { instructions[$0].range.lowerBound }
        var stageRunsStart = 0
        var imageSystem: BaseSystem?

        func closeStage(_ builder: inout ModelBuilder, end: Int) {
            // The base system is known once the stage's package managers are: give its `sh`
            // scripts their flavor before the triggers (which run with it) are read.
            let stageRuns = stageRunsStart..<builder.runs.count
            let revealed = BaseSystem.of(programs: Array(builder.runs[stageRuns]))
            var system = imageSystem
            if let pending = pendingStage {
                builder.revealedSystems.append(revealed)
                if system == nil {
                    let chain = [pending.index] + (pending.parent.map { builder.stageChainIndices(from: $0) } ?? [])
                    let revealedInChain = chain.compactMap { builder.revealedSystems[$0] }
                    system = [BaseSystem.busybox, .debian, .redHat].first(where: revealedInChain.contains)
                }
                builder.baseSystems.append(system)
            } else {
                system = revealed
                builder.fragmentBaseSystem = revealed
            }
            if imageSystem == nil, let flavor = system?.shellFlavor, flavor != .posix {
                for index in stageRuns { builder.runs[index].adopt(systemShell: flavor) }
            }
            builder.runTriggers(
                triggers, after: current, stage: stageIndex, stageRange: (pendingStage?.from ?? 0)..<end,
                systemShell: system?.shellFlavor ?? .posix, into: &triggerChecks
            )
            triggers = []
            guard let pending = pendingStage else { return }
            builder.stages.append(Stage(
                index: pending.index, name: pending.name, fromIndex: pending.from,
                instructionIndices: pending.from..<end, baseImage: pending.image,
                parentStage: pending.parent, possibleParentStages: pending.possibleParents,
                dependencies: dependencies, isWindows: pending.isWindows
            ))
            finalStates.append(current)
        }

        for (index, instruction) in instructions.enumerated() {
            if instruction.kind == .from {
                closeStage(&self, end: index)
                let newIndex = stageIndex.map { $0 + 1 } ?? 0
                let clause = instruction.fromClause
                let imageText = clause.map { globalVariables.expand($0.image.text, escape: escape) ?? $0.image.text } ?? ""
                // BuildKit stores stage names lower-cased and looks FROM up by its exact text, so
                // `FROM Base` names an image, not the stage `AS Base`.
                let parent = stages.last { $0.normalizedName == imageText }?.index
                var possibleParents: [Int] = []
                if parent == nil && imageText.contains("$") {
                    let pattern = StageNamePattern(imageText)
                    possibleParents = stages.filter { $0.normalizedName.map(pattern.matches) ?? false }.map(\.index)
                }
                dependencies = parent.map { [$0] } ?? Set(possibleParents)
                let reference = ImageReference(imageText)
                let stageRange = index..<stageEnds[newIndex]
                let isWindows: Bool
                if let parent {
                    isWindows = stages[parent].isWindows || hasWindowsShell(in: stageRange)
                } else {
                    // The backtick escape is a Windows habit (`\\` separates paths there), but some
                    // Linux files use it too: it decides only when the image cannot be read.
                    isWindows = reference.namesWindowsImage || (hasBacktickEscape && reference.hasVariables)
                        || hasWindowsShell(in: stageRange)
                }
                if let parent {
                    current = finalStates[parent]
                    current.variables = current.variables.withoutArguments(declaredIn: tree, instructions: stages[parent].instructionIndices)
                    current.isWindows = isWindows
                } else {
                    current = BuildState(shell: isWindows ? Self.windowsShell : Self.defaultShell, isWindows: isWindows)
                }
                pendingStage = (newIndex, index, clause?.stageName, reference, parent, possibleParents, isWindows)
                stageIndex = newIndex
                stageRunsStart = runs.count
                // `FROM builder` inherits the system `builder` ended up with.
                imageSystem = parent.map { baseSystems[$0] } ?? BaseSystem.of(image: reference)
                let state = current.snapshot(stage: newIndex)
                states.append(state)
                checkedInstructions.append(CheckedInstruction(index: index, instruction: instruction, state: state, isOnbuildTrigger: false))
                continue
            }

            let state = current.snapshot(stage: stageIndex)
            states.append(state)
            checkedInstructions.append(CheckedInstruction(index: index, instruction: instruction, state: state, isOnbuildTrigger: false))

            switch (instruction.kind, instruction.arguments) {
            case (.arg, .declarations(let declarations)):
                for declaration in declarations {
                    let name = declaration.name.text
                    let value: VariableScope.Value
                    if let given = buildArguments[name] {
                        value = given
                    } else if let defaultValue = declaration.defaultValue {
                        let scope = stageIndex == nil ? globalVariables : current.variables
                        value = scope.expand(defaultValue.text, escape: escape).map { .known($0) } ?? .unknown
                    } else if stageIndex != nil, let global = globalVariables[name] {
                        value = global
                    } else {
                        value = .unknown
                    }
                    if stageIndex == nil {
                        globalVariables[name] = value
                        // Outside a stage the instructions that follow see the ARG too: in a
                        // fragment they stand for the stage it is pasted into.
                        current.variables[name] = value
                    } else {
                        current.variables[name] = value
                    }
                }
            case (.copy, _):
                if let from = instruction.flag("from")?.value, let stageIndex,
                   let used = stageReference(from, before: stageIndex) {
                    dependencies.insert(used)
                }
            case (.run, _):
                let context = dialectContext(at: instruction.range.lowerBound, systemShell: imageSystem?.shellFlavor ?? .posix)
                let run = RunInstruction(instructionIndex: index, instruction: instruction, state: state, tree: tree, dialectContext: context)
                for mount in run.mounts {
                    // BuildKit looks a mount's `from=` up by stage name only: `from=0` is an image.
                    if let from = mount.from, Int(from) == nil, let stageIndex, let used = stageReference(from, before: stageIndex) {
                        dependencies.insert(used)
                    }
                }
                runs.append(run)
            case (.onbuild, .trigger):
                triggers.append(index)
            default:
                apply(instruction, to: &current)
            }
        }
        closeStage(&self, end: instructions.count)

        if !triggerChecks.isEmpty {
            runs.sort { $0.instructionIndex < $1.instructionIndex }
            var merged: [CheckedInstruction] = []
            merged.reserveCapacity(checkedInstructions.count + triggerChecks.count)
            for checked in checkedInstructions {
                merged.append(checked)
                if let trigger = triggerChecks[checked.index] { merged.append(trigger) }
            }
            checkedInstructions = merged
        }
    }

    /// ENV, USER, WORKDIR and SHELL change the state of the instructions after them.
    private func apply(_ instruction: Instruction, to state: inout BuildState) {
        switch (instruction.kind, instruction.arguments) {
        case (.env, .keyValues(let pairs)):
            for pair in pairs {
                state.variables[pair.key.text] = state.variables.expand(pair.value.text, escape: escape).map { .known($0) } ?? .unknown
            }
        case (.user, .text(let text)):
            state.user = state.variables.expand(text.text, escape: escape) ?? text.text
        case (.workdir, .text(let text)):
            if let path = state.variables.expand(text.text, escape: escape) {
                state.workingDirectory = state.workingDirectory.changed(to: path)
            } else {
                state.workingDirectory = .unknown
            }
        case (.shell, .exec(let words)):
            state.shell = words.map(\.text)
        default:
            break
        }
    }

    /// The `ONBUILD` triggers of a stage, each in the state an image built `FROM` it has when it
    /// runs them: the stage's final USER, WORKDIR, SHELL and ENV (not its ARGs), changed by the
    /// triggers before it. An `ARG` trigger declares a build argument of the child: unknown.
    private mutating func runTriggers(
        _ indices: [Int], after stageEnd: BuildState, stage: Int?, stageRange: Range<Int>, systemShell: ShellFlavor,
        into checks: inout [Int: CheckedInstruction]
    ) {
        guard !indices.isEmpty else { return }
        var state = stageEnd
        // The stage's own ARGs are not set in the child.
        state.variables = state.variables.withoutArguments(declaredIn: tree, instructions: stageRange)
        for index in indices {
            guard let trigger = tree.instructions[index].trigger else { continue }
            let snapshot = state.snapshot(stage: stage)
            checks[index] = CheckedInstruction(index: index, instruction: trigger, state: snapshot, isOnbuildTrigger: true)
            switch (trigger.kind, trigger.arguments) {
            case (.run, _):
                let context = dialectContext(at: tree.instructions[index].range.lowerBound, systemShell: systemShell)
                runs.append(RunInstruction(
                    instructionIndex: index, instruction: trigger, state: snapshot, tree: tree, isOnbuildTrigger: true, dialectContext: context
                ))
            case (.arg, .declarations(let declarations)):
                for declaration in declarations {
                    let value = declaration.defaultValue.flatMap { state.variables.expand($0.text, escape: escape) }
                    state.variables[declaration.name.text] = value.map { .known($0) } ?? .unknown
                }
            default:
                apply(trigger, to: &state)
            }
        }
    }

    /// The dialect context of an instruction starting at `offset`: the last shell pragma before it.
    /// As in hadolint, a pragma before the first `FROM` holds for the whole file, one inside a
    /// stage for the rest of that stage.
    private func dialectContext(at offset: Int, systemShell: ShellFlavor) -> DialectContext {
        let firstFrom = stageStartOffsets.first ?? Int.max
        let stageStart = stageStartOffsets.last { $0 < offset } ?? 0
        // Pragmas are few; a linear search is not worth a cleverer one.
        let pragma = shellPragmas.last { $0.offset < offset && ($0.offset < firstFrom || $0.offset > stageStart) }
        return DialectContext(systemShell: systemShell, pragma: pragma?.value)
    }

    /// A stage and its `FROM` ancestors, nearest first.
    fileprivate func stageChainIndices(from stageIndex: Int) -> [Int] {
        var chain: [Int] = []
        var current: Int? = stageIndex
        while let index = current, !chain.contains(index), index < stages.count {
            chain.append(index)
            current = stages[index].parentStage
        }
        return chain
    }

    /// True when a SHELL in the range is one only Windows has.
    private func hasWindowsShell(in range: Range<Int>) -> Bool {
        range.contains { index in
            guard tree.instructions[index].kind == .shell, case .exec(let words) = tree.instructions[index].arguments else { return false }
            return WindowsShell.isWindowsOnly(words.map(\.text))
        }
    }

    private func stageReference(_ reference: String, before stageIndex: Int) -> Int? {
        let resolved = globalVariables.expand(reference, escape: escape) ?? reference
        if let number = Int(resolved), number >= 0, number < stageIndex { return number }
        return stages.last { $0.normalizedName == resolved.lowercased() }?.index
    }
}

extension VariableScope {
    /// A child stage inherits its parent's ENV, not its ARGs.
    func withoutArguments(declaredIn tree: SyntaxTree, instructions: Range<Int>) -> VariableScope {
        var scope = self
        for index in instructions {
            guard case .declarations(let declarations) = tree.instructions[index].arguments else { continue }
            for declaration in declarations { scope[declaration.name.text] = nil }
        }
        // An ENV set after the ARG in the parent is kept: re-apply ENV keys.
        for index in instructions {
            guard case .keyValues(let pairs) = tree.instructions[index].arguments, tree.instructions[index].kind == .env else { continue }
            for pair in pairs { scope[pair.key.text] = self[pair.key.text] }
        }
        return scope
    }
}

/// A `FROM` text with variables the file leaves open, as a pattern over stage names: each
/// `$NAME` or `${NAME…}` stands for any text (`base-$TARGETARCH` matches `base-amd64`).
struct StageNamePattern {
    private let literals: [Substring]

    init(_ text: String) {
        var literals: [Substring] = []
        var rest = Substring(text.lowercased())
        while let dollar = rest.firstIndex(of: "$") {
            literals.append(rest[..<dollar])
            var end = rest.index(after: dollar)
            if end < rest.endIndex, rest[end] == "{" {
                end = rest[end...].firstIndex(of: "}").map { rest.index(after: $0) } ?? rest.endIndex
            } else {
                end = rest[end...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? rest.endIndex
            }
            rest = rest[end...]
        }
        literals.append(rest)
        self.literals = literals
    }

    func matches(_ name: String) -> Bool {
        var rest = Substring(name)
        guard let first = literals.first, rest.hasPrefix(first) else { return false }
        rest = rest.dropFirst(first.count)
        for (position, literal) in literals.enumerated().dropFirst() {
            if position == literals.count - 1 { return rest.hasSuffix(literal) }
            guard let found = rest.firstRange(of: literal) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.isEmpty
    }
}
