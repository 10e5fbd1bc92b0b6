import Synchronization

/// What the project checks may ask of the file system: implemented by the command (the only
/// part of dlint that touches files) and by tests with a dictionary.
public protocol ProjectFileSystem: Sendable {
    func isDirectory(_ path: String) -> Bool
    func isFile(_ path: String) -> Bool
    func contents(_ path: String) -> [UInt8]?
}

/// The codes of the Compose and Bake checks (DX13xx): findings in the project file itself.
public enum ProjectDiagnostics {
    public static let invalidFile = RuleDescriptor(
        code: "DX1300", name: "invalid-project-file", severity: .error,
        summary: "A Compose or Bake file that cannot be read: bad syntax or a value of the wrong type"
    )
    public static let missingDockerfile = RuleDescriptor(
        code: "DX1301", name: "build-dockerfile-missing", severity: .error,
        summary: "A Compose service or Bake target builds a Dockerfile that does not exist"
    )
    public static let missingContext = RuleDescriptor(
        code: "DX1302", name: "build-context-missing", severity: .error,
        summary: "A build context or named context directory that does not exist"
    )
    public static let unknownTarget = RuleDescriptor(
        code: "DX1303", name: "build-target-unknown", severity: .error,
        summary: "A build target that names no stage of the Dockerfile"
    )
    public static let undeclaredArgument = RuleDescriptor(
        code: "DX1304", name: "build-arg-undeclared", severity: .warning,
        summary: "A build argument that no ARG of the stages the build runs declares"
    )
    public static let requiredArgument = RuleDescriptor(
        code: "DX1305", name: "build-arg-required", severity: .error,
        summary: "An ARG without default that a FROM needs gets no value from the build"
    )
    public static let unusedNamedContext = RuleDescriptor(
        code: "DX1306", name: "named-context-unused", severity: .warning,
        summary: "A named build context that no FROM, COPY --from or RUN --mount of the Dockerfile uses"
    )

    public static let descriptors = [
        invalidFile, missingDockerfile, missingContext, unknownTarget, undeclaredArgument, requiredArgument, unusedNamedContext,
    ]
}

/// A Dockerfile build found in a project file, as it should be linted: the values of the build.
public struct ProjectLintRequest: Sendable {
    /// The Dockerfile's path: the project file's directory joined with the context and the
    /// `dockerfile` (relative paths stay relative).
    public let dockerfilePath: String
    /// The build context directory, for the build context listing.
    public let contextDirectory: String
    public let buildArguments: [String: VariableScope.Value]
    /// The target when it names a stage of the Dockerfile.
    public let target: String?
    public let namedContexts: Set<String>

    /// A request as the checker makes it, or as the command's cache gives it back.
    public init(dockerfilePath: String, contextDirectory: String, buildArguments: [String: VariableScope.Value], target: String?,
                namedContexts: Set<String>) {
        self.dockerfilePath = dockerfilePath
        self.contextDirectory = contextDirectory
        self.buildArguments = buildArguments
        self.target = target
        self.namedContexts = namedContexts
    }
}

/// Checks every build of a project definition against its Dockerfile and the file system.
public struct ProjectChecker: Sendable {
    public let fileSystem: any ProjectFileSystem
    /// The Dockerfiles' models, which checks of several project files can share.
    public let models: ProjectDockerfileModels

    public init(fileSystem: any ProjectFileSystem) {
        self.init(fileSystem: fileSystem, models: ProjectDockerfileModels())
    }

    public init(fileSystem: any ProjectFileSystem, models: ProjectDockerfileModels) {
        self.fileSystem = fileSystem
        self.models = models
    }

    public struct Result: Sendable {
        /// Per source of the definition, in file order.
        public var diagnostics: [[Diagnostic]]
        /// The builds whose Dockerfile exists on disk, to lint with their values.
        public var requests: [ProjectLintRequest]

        public init(diagnostics: [[Diagnostic]], requests: [ProjectLintRequest]) {
            self.diagnostics = diagnostics
            self.requests = requests
        }
    }

    /// BuildKit's automatic and proxy arguments: a build may pass them to any Dockerfile.
    static let predefinedArguments: Set<String> = [
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy",
        "ALL_PROXY", "all_proxy", "SOURCE_DATE_EPOCH", "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETSTAGE",
    ]

    public func check(_ definition: ProjectDefinition) -> Result {
        var findings: [FindingKey: PendingFinding] = [:]
        var order: [FindingKey] = []
        var requests: [ProjectLintRequest] = []
        func report(_ descriptor: RuleDescriptor, _ message: String, file: Int, range: Range<Int>, satisfied: Bool = false) {
            let key = FindingKey(code: descriptor.code, file: file, start: range.lowerBound, end: range.upperBound)
            if var pending = findings[key] {
                // A definition several builds share (a Bake parent target, a YAML anchor) is reported
                // only when it is wrong for every one of them.
                pending.satisfied = pending.satisfied || satisfied
                findings[key] = pending
                return
            }
            order.append(key)
            findings[key] = PendingFinding(
                diagnostic: Diagnostic(code: descriptor.code, name: descriptor.name, severity: descriptor.severity, message: message, range: range),
                satisfied: satisfied
            )
        }

        for problem in definition.problems {
            report(ProjectDiagnostics.invalidFile, problem.message, file: problem.file, range: problem.range)
        }
        for build in definition.builds {
            let base = ProjectPaths.directory(of: definition.sources[build.name.file].path)
            checkNamedContextPaths(build, base: base, outputs: definition.outputDirectories, report: report)
            guard let model = dockerfile(of: build, base: base, report: report) else { continue }
            var targetIndex: Int?
            if let target = build.target, let name = target.value {
                targetIndex = model.model.stages.last { $0.normalizedName == name.lowercased() }?.index
                if targetIndex == nil {
                    let names = model.model.stages.compactMap { $0.name?.text }
                    let known = names.isEmpty ? "it has no named stage" : "its stages are " + names.map { "'\($0)'" }.joined(separator: ", ")
                    report(ProjectDiagnostics.unknownTarget, "Target '\(name)' of \(build.label) names no stage of '\(model.displayPath)': \(known)", file: target.file, range: target.range)
                }
            }
            let targetKnown = build.target == nil || targetIndex != nil
            let built = Self.stagesBuilt(model.model, target: targetIndex)
            if targetKnown {
                checkArguments(build, model: model, built: built, report: report)
                checkNamedContextsUsed(build, model: model.model, built: built, report: report)
            }
            if let path = model.path {
                // Only values known here reach the model: one from the environment could be
                // anything, so the Dockerfile's default is judged as without the build.
                var arguments: [String: VariableScope.Value] = [:]
                for argument in build.arguments where argument.value != .unknown { arguments[argument.name.value] = argument.value }
                requests.append(ProjectLintRequest(
                    dockerfilePath: path, contextDirectory: model.contextDirectory, buildArguments: arguments,
                    target: targetIndex.flatMap { model.model.stages[$0].name?.text },
                    namedContexts: Set(build.namedContexts.map(\.name.value))
                ))
            }
        }
        var diagnostics = Array(repeating: [Diagnostic](), count: definition.sources.count)
        for key in order {
            guard let pending = findings[key], !pending.satisfied else { continue }
            diagnostics[key.file].append(pending.diagnostic)
        }
        for index in diagnostics.indices { diagnostics[index].sort { $0.range.lowerBound < $1.range.lowerBound } }
        return Result(diagnostics: diagnostics, requests: requests)
    }

    private struct FindingKey: Hashable {
        let code: String
        let file: Int
        let start: Int
        let end: Int
    }

    private struct PendingFinding {
        let diagnostic: Diagnostic
        var satisfied: Bool
    }

    typealias Report = (RuleDescriptor, String, Int, Range<Int>, Bool) -> Void

    private struct BuiltDockerfile {
        let model: DockerfileModel
        /// The path on disk; nil for `dockerfile_inline`.
        let path: String?
        let displayPath: String
        let contextDirectory: String
    }

    /// The Dockerfile a build uses, parsed with the build's arguments; nil (after reporting why)
    /// when it cannot be found or is not known statically.
    private func dockerfile(
        of build: ProjectBuild, base: String,
        report: (RuleDescriptor, String, Int, Range<Int>, Bool) -> Void
    ) -> BuiltDockerfile? {
        var arguments: [String: VariableScope.Value] = [:]
        for argument in build.arguments where argument.value != .unknown { arguments[argument.name.value] = argument.value }
        let base = self.base(for: build, fileDirectory: base)
        var contextDirectory = base
        if let context = build.context {
            guard let value = context.value else { return nil }
            guard ProjectPaths.isLocal(value) else { return nil }
            contextDirectory = ProjectPaths.join(base, value)
            if !fileSystem.isDirectory(contextDirectory) {
                let what = fileSystem.isFile(contextDirectory) ? "is a file, not a directory" : "does not exist"
                report(ProjectDiagnostics.missingContext, "The build context '\(value)' of \(build.label) \(what)", context.file, context.range, false)
                return nil
            }
        }
        if let inline = build.dockerfileInline {
            guard let text = inline.value else { return nil }
            let model = models.model(path: nil, bytes: Array(text.utf8), buildArguments: arguments)
            return BuiltDockerfile(model: model, path: nil, displayPath: "the inline Dockerfile", contextDirectory: contextDirectory)
        }
        let written = build.dockerfile.map { $0.value } ?? "Dockerfile"
        guard let written else { return nil }
        // Compose and Bake both read `dockerfile` relative to the context.
        let path = ProjectPaths.join(contextDirectory, written)
        guard fileSystem.isFile(path), let bytes = fileSystem.contents(path) else {
            let location = build.dockerfile.map { ($0.file, $0.range) } ?? build.context.map { ($0.file, $0.range) } ?? (build.name.file, build.name.range)
            let what = fileSystem.isDirectory(path) ? "is a directory" : "does not exist"
            report(ProjectDiagnostics.missingDockerfile, "The Dockerfile '\(path)' of \(build.label) \(what)", location.0, location.1, false)
            return nil
        }
        let model = models.model(path: path, bytes: bytes, buildArguments: arguments)
        return BuiltDockerfile(model: model, path: path, displayPath: path, contextDirectory: contextDirectory)
    }

    /// The directory a build's relative paths start from. Compose: the Compose file's. Bake reads
    /// them from the directory it runs in, usually the Bake file's; for a Bake file kept in a
    /// subdirectory (`docker buildx bake -f test/docker-bake.hcl`), the nearest of the file's
    /// directory and its parents where the context and Dockerfile exist.
    func base(for build: ProjectBuild, fileDirectory: String) -> String {
        guard build.tool == .bake else { return fileDirectory }
        let context = build.context.map { $0.value } ?? "."
        guard let context, ProjectPaths.isLocal(context) else { return fileDirectory }
        // The Dockerfile to find there too; nil when inline or not known.
        var dockerfile: String?
        if build.dockerfileInline == nil {
            if let written = build.dockerfile { dockerfile = written.value } else { dockerfile = "Dockerfile" }
        }
        var candidate = fileDirectory
        for _ in 0..<6 {
            let contextDirectory = ProjectPaths.join(candidate, context)
            if fileSystem.isDirectory(contextDirectory), dockerfile.map({ fileSystem.isFile(ProjectPaths.join(contextDirectory, $0)) }) ?? true {
                return candidate
            }
            let parent = ProjectPaths.join(candidate, "..")
            if parent == candidate || parent.hasSuffix("..") { break }
            candidate = parent
        }
        return fileDirectory
    }

    /// The stages a build of `target` (the last stage when nil) runs: the target and every stage
    /// it uses through `FROM`, `COPY --from` and `RUN --mount=from=`, transitively.
    /// When one of them refers to a stage through a variable whose value is not known
    /// (`FROM binaries-$TARGETOS`), any stage may be built: all are returned.
    static func stagesBuilt(_ model: DockerfileModel, target: Int?) -> Set<Int> {
        var unknownIn: Set<Int> = []
        for reference in model.stageReferences where reference.target == .unknown { unknownIn.insert(reference.stageIndex) }
        var built: Set<Int> = []
        var pending = (target ?? model.stages.last?.index).map { [$0] } ?? []
        while let index = pending.popLast() {
            guard built.insert(index).inserted else { continue }
            if unknownIn.contains(index) { return Set(model.stages.indices) }
            pending += model.stages[index].dependencies
        }
        return built
    }

    private func checkArguments(
        _ build: ProjectBuild, model built: BuiltDockerfile, built stages: Set<Int>,
        report: (RuleDescriptor, String, Int, Range<Int>, Bool) -> Void
    ) {
        let model = built.model
        let firstFrom = model.stages.first?.fromIndex ?? model.instructions.count
        var globalWithoutDefault: Set<String> = []
        var global: Set<String> = []
        for index in 0..<firstFrom {
            guard model.instructions[index].kind == .arg, case .declarations(let declarations) = model.instructions[index].arguments else { continue }
            for declaration in declarations {
                global.insert(declaration.name.text)
                if declaration.defaultValue == nil { globalWithoutDefault.insert(declaration.name.text) } else { globalWithoutDefault.remove(declaration.name.text) }
            }
        }
        var inBuiltStages: Set<String> = []
        var inOtherStages: [String: Int] = [:]
        for stage in model.stages {
            for index in stage.instructionIndices where model.instructions[index].kind == .arg {
                guard case .declarations(let declarations) = model.instructions[index].arguments else { continue }
                for declaration in declarations {
                    if stages.contains(stage.index) { inBuiltStages.insert(declaration.name.text) } else { inOtherStages[declaration.name.text] = inOtherStages[declaration.name.text] ?? stage.index }
                }
            }
        }
        let given = Set(build.arguments.map(\.name.value))
        for argument in build.arguments {
            let name = argument.name.value
            let declared = global.contains(name) || inBuiltStages.contains(name) || Self.predefinedArguments.contains(name) || name.hasPrefix("BUILDKIT_")
                || argument.mayBeUnset
            var message = "Build argument '\(name)' of \(build.label) is declared by no ARG of '\(built.displayPath)'"
            if let other = inOtherStages[name] {
                let stage = model.stages[other].name.map { "stage '\($0.text)'" } ?? "stage \(other)"
                message = "Build argument '\(name)' of \(build.label) is declared only in \(stage) of '\(built.displayPath)', which the build does not run"
            }
            report(ProjectDiagnostics.undeclaredArgument, message, argument.name.file, argument.name.range, declared)
        }
        // An ARG without default in a FROM of a stage the build runs: BuildKit fails with an empty base name.
        var needed: [String] = []
        for stage in model.stages.sorted(by: { $0.index < $1.index }) where stages.contains(stage.index) {
            guard let clause = model.instructions[stage.fromIndex].fromClause else { continue }
            for name in FromVariables.plainReferences(in: clause.image.text) where globalWithoutDefault.contains(name) && !given.contains(name) && !Self.predefinedArguments.contains(name) && !needed.contains(name) {
                needed.append(name)
            }
        }
        for name in needed {
            report(ProjectDiagnostics.requiredArgument,
                   "\(build.label.prefix(1).uppercased() + build.label.dropFirst()) gives no value to ARG '\(name)', which a FROM of '\(built.displayPath)' needs and which has no default",
                   build.name.file, build.name.range, false)
        }
    }

    private func checkNamedContextsUsed(
        _ build: ProjectBuild, model: DockerfileModel, built: Set<Int>,
        report: (RuleDescriptor, String, Int, Range<Int>, Bool) -> Void
    ) {
        guard !build.namedContexts.isEmpty else { return }
        // A named context replaces an image or a stage of its name (BuildKit overrides a stage
        // `AS NAME` with the context NAME), so every reference counts.
        var used: Set<String> = []
        for reference in model.stageReferences where built.contains(reference.stageIndex) {
            guard let value = reference.value else { return }
            used.insert(value.lowercased())
            used.insert(ImageReference(value).repository.lowercased())
        }
        for context in build.namedContexts {
            let name = context.name.value.lowercased()
            let isUsed = used.contains(name) || used.contains(ImageReference(name).repository.lowercased())
            report(ProjectDiagnostics.unusedNamedContext,
                   "Named context '\(name)' of \(build.label) is used by no FROM, COPY --from or RUN --mount from= of the Dockerfile",
                   context.name.file, context.name.range, isUsed)
        }
    }

    private func checkNamedContextPaths(
        _ build: ProjectBuild, base: String, outputs: [String], report: (RuleDescriptor, String, Int, Range<Int>, Bool) -> Void
    ) {
        let base = self.base(for: build, fileDirectory: base)
        var contextBase = base
        if let context = build.context?.value, ProjectPaths.isLocal(context) { contextBase = ProjectPaths.join(base, context) }
        for context in build.namedContexts {
            guard let value = context.value.value, ProjectPaths.isLocal(value) else { continue }
            // Compose reads additional contexts relative to the build context; Bake relative to its file.
            let path = ProjectPaths.join(build.tool == .compose ? contextBase : base, value)
            let written = outputs.contains { path == $0 || path.hasPrefix($0 + "/") }
            if !written, !fileSystem.isDirectory(path) {
                report(ProjectDiagnostics.missingContext, "The named context '\(context.name.value)' of \(build.label) is '\(value)', which \(fileSystem.isFile(path) ? "is a file, not a directory" : "does not exist")",
                       context.value.file, context.value.range, false)
            }
        }
    }
}

/// The models of the Dockerfiles that project builds use: the targets of a Bake file, the
/// services of Compose files, mostly build the same few Dockerfiles with the same arguments (a
/// target each), so each text is parsed once and modelled once per set of arguments. Keyed by
/// path (hashing the bytes cost more than comparing them on a hit); at most `limit` models are
/// kept, so that a run's project files hold a bounded number of trees.
public final class ProjectDockerfileModels: Sendable {
    private struct Key: Hashable {
        /// nil for `dockerfile_inline`, whose text is then `inline`.
        let path: String?
        let inline: [UInt8]
        let buildArguments: [String: VariableScope.Value]
    }

    private struct Entry {
        let bytes: [UInt8]
        let model: DockerfileModel
    }

    private struct State {
        var models: [Key: Entry] = [:]
        var trees: [String: Entry] = [:]
    }

    private let state = Mutex(State())
    let limit: Int

    public init(limit: Int = 64) {
        self.limit = limit
    }

    func model(path: String?, bytes: [UInt8], buildArguments: [String: VariableScope.Value]) -> DockerfileModel {
        let key = Key(path: path, inline: path == nil ? bytes : [], buildArguments: buildArguments)
        let (cached, cachedTree) = state.withLock { state -> (DockerfileModel?, SyntaxTree?) in
            if let entry = state.models[key], entry.bytes == bytes { return (entry.model, nil) }
            if let path, let entry = state.trees[path], entry.bytes == bytes { return (nil, entry.model.tree) }
            return (nil, nil)
        }
        if let cached { return cached }
        let model = DockerfileModel(tree: cachedTree ?? SyntaxTree(parsing: bytes), buildArguments: buildArguments)
        state.withLock { state in
            if state.models.count >= limit { state = State() }
            state.models[key] = Entry(bytes: bytes, model: model)
            if let path { state.trees[path] = Entry(bytes: bytes, model: model) }
        }
        return model
    }
}

/// The variables a FROM's image names plainly (`$NAME`, `${NAME}`): those with an operator
/// (`${NAME:-x}`) have a fallback.
enum FromVariables {
    static func plainReferences(in text: String) -> [String] {
        var names: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isName(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        while index < scalars.count {
            guard scalars[index] == "$", index + 1 < scalars.count else { index += 1; continue }
            index += 1
            if scalars[index] == "{" {
                let start = index + 1
                var end = start
                while end < scalars.count, isName(scalars[end]) { end += 1 }
                if end < scalars.count, scalars[end] == "}", end > start { names.append(String(String.UnicodeScalarView(scalars[start..<end]))) }
                index = end
            } else {
                let start = index
                while index < scalars.count, isName(scalars[index]) { index += 1 }
                if index > start { names.append(String(String.UnicodeScalarView(scalars[start..<index]))) }
            }
        }
        return names
    }
}

/// Paths as project files write them, joined without touching the file system.
public enum ProjectPaths {
    /// The directory part of a path (`.` for a bare name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// `relative` against `base` (unless absolute), `.` and `..` collapsed where possible.
    public static func join(_ base: String, _ relative: String) -> String {
        let combined = relative.hasBytePrefix("/") ? relative : (base == "." ? relative : base + "/" + relative)
        let absolute = combined.hasBytePrefix("/")
        var parts: [Substring] = []
        for part in combined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// False for what is not a directory on this machine: URLs, Git remotes, images, other targets.
    public static func isLocal(_ value: String) -> Bool {
        if value.contains("://") || value.hasPrefix("git@") || value.hasPrefix("github.com/") || value.hasPrefix("target:") || value.hasPrefix("service:") {
            return false
        }
        return !value.isEmpty
    }
}
