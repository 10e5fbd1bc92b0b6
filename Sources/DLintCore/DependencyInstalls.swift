/// Package-manager commands that install a project's dependencies from its manifest files
/// alone, and which files those are: the table behind the "copy the manifests first" advice.

/// A package manager whose dependency install needs only manifest files.
public enum DependencyInstaller: String, Sendable, Hashable, CaseIterable {
    case npm, yarn, pnpm, pip, poetry, pipenv, bundler, goModules, composer, cargo, maven, gradle

    /// Files to copy before the install, as `COPY` sources: a trailing `*` makes an optional file
    /// (a lock file the project may not have) not fail the build, since BuildKit rejects a missing
    /// source named literally but not a wildcard that matches nothing. `pip` uses the requirements files named on its command line instead.
    public var manifestFiles: [String] {
        switch self {
        case .npm: ["package.json", "package-lock.json*"]
        case .yarn: ["package.json", "yarn.lock*"]
        case .pnpm: ["package.json", "pnpm-lock.yaml*"]
        case .pip: ["requirements.txt"]
        case .poetry: ["pyproject.toml", "poetry.lock*"]
        case .pipenv: ["Pipfile", "Pipfile.lock*"]
        case .bundler: ["Gemfile", "Gemfile.lock*"]
        case .goModules: ["go.mod", "go.sum*"]
        case .composer: ["composer.json", "composer.lock*"]
        case .cargo: ["Cargo.toml", "Cargo.lock*"]
        case .maven: ["pom.xml"]
        case .gradle: ["build.gradle*", "settings.gradle*", "gradle.properties*"]
        }
    }
}

/// A dependency install found in a `RUN`.
public struct DependencyInstall: Sendable {
    public let installer: DependencyInstaller
    /// The command as a short text for messages, e.g. `npm ci`, `pip install -r requirements.txt`.
    public let label: String
    /// The files the install reads: `manifestFiles`, or pip's `-r`/`-c` files (plus, for a
    /// `./gradlew` install, the wrapper's `gradlew` and `gradle/`).
    public let manifests: [String]
    public let command: ShellCommand

    /// Recognizes a dependency install. What is NOT one: installs of named packages (`npm install
    /// left-pad`, `yarn add`, `pip install flask`), global tool installs (`npm install -g`), and
    /// commands that build the project's sources (`pip install .`, `poetry install` without
    /// `--no-root`, `cargo build`, `mvn package`, `go build`).
    public init?(_ shellCommand: ShellCommand) {
        guard let invocation = shellCommand.command.effectiveCommand, let rawName = invocation.commandName else { return nil }
        let name = PathText.basename(rawName)
        // Most commands install nothing: leave them before reading their arguments.
        guard Self.installerPrograms.contains(name) || Self.isVersioned(name, "pip") || Self.isVersioned(name, "python") else { return nil }
        let arguments = invocation.arguments.map { $0.literalValue }
        // Positional (non-option) arguments, literal ones; nil for a computed one.
        // The subcommand (first non-option word), then the other operands; a word right after a
        // bare option (`--loglevel warn`) is taken as that option's value, not as an operand.
        let subcommandIndex = arguments.firstIndex { !($0?.hasPrefix("-") ?? false) }
        let operands = arguments.indices.filter { index in
            guard index != subcommandIndex else { return true }
            guard let argument = arguments[index] else { return true }
            if argument.hasPrefix("-") { return false }
            guard index > 0, let previous = arguments[index - 1] else { return true }
            return !(previous.hasPrefix("-") && !previous.contains("=") && previous.count > 1)
        }.map { arguments[$0] }
        let positional = operands
        let words = arguments.compactMap { $0 }.filter { !$0.hasPrefix("-") }
        var installer: DependencyInstaller
        var label = name
        var manifests: [String]? = nil

        switch name {
        case "npm", "pnpm":
            guard let sub = positional.first ?? nil else { return nil }
            let installs = name == "npm" ? ["ci", "install", "i", "clean-install", "isntall"] : ["install", "i", "fetch"]
            guard installs.contains(sub), positional.count == 1,
                  !arguments.contains(where: { ["-g", "--global", "--location=global"].contains($0 ?? "") }) else { return nil }
            installer = name == "npm" ? .npm : .pnpm
            label += " \(sub)"
        case "yarn":
            guard positional.isEmpty || (positional.count == 1 && positional[0] == "install") else { return nil }
            installer = .yarn
            if !positional.isEmpty { label += " install" }
        case _ where Self.isVersioned(name, "pip") || Self.isVersioned(name, "python"):
            var rest = arguments[...]
            if name.hasPrefix("python") {
                guard rest.first == "-m", rest.dropFirst().first == "pip" else { return nil }
                rest = rest.dropFirst(2)
                label += " -m pip"
            }
            guard rest.first == "install" else { return nil }
            rest = rest.dropFirst()
            var files: [String] = []
            var readsRequirements = false
            var firstRequirement: String?
            let fileOptions = ["-r", "--requirement", "-c", "--constraint"]
            var index = rest.startIndex
            while index < rest.endIndex {
                defer { index += 1 }
                guard let argument = rest[index] else { continue }
                if argument.hasPrefix("-") {
                    // `-e .`: the project's own files.
                    if argument == "-e" || argument == "--editable" || argument.hasPrefix("--editable=") { return nil }
                    for option in fileOptions {
                        var file: String?
                        if argument == option, index + 1 < rest.endIndex {
                            file = rest[index + 1] ?? ""
                        } else if option.hasPrefix("--"), argument.hasPrefix(option + "=") {
                            file = String(argument.dropFirst(option.count + 1))
                        } else if !option.hasPrefix("--"), argument.hasPrefix(option), argument.count > 2, !argument.hasPrefix("--") {
                            file = String(argument.dropFirst(2))
                        }
                        guard let file else { continue }
                        files.append(file)
                        if option == "-r" || option == "--requirement" {
                            readsRequirements = true
                            if firstRequirement == nil { firstRequirement = file }
                        }
                    }
                } else if index > rest.startIndex, fileOptions.contains(rest[index - 1] ?? "") {
                    continue
                } else if argument.hasPrefix(".") || argument.hasBytePrefix("/") || (argument.contains("/") && !argument.contains("://")) {
                    // `pip install .`, `./dist/x.whl`: the project's own files.
                    return nil
                }
            }
            let requirements = files.filter { !$0.isEmpty && !$0.contains("$") }
            guard readsRequirements else { return nil }
            installer = .pip
            manifests = requirements.isEmpty ? nil : requirements
            label += " install -r \(firstRequirement.flatMap { $0.isEmpty ? nil : $0 } ?? "…")"
        case "poetry":
            guard positional.first == "install", arguments.contains("--no-root") else { return nil }
            installer = .poetry
            label += " install"
        case "pipenv":
            guard positional.first == "install", positional.count == 1 else { return nil }
            installer = .pipenv
            label += " install"
        case "bundle", "bundler":
            guard positional.first == "install" || positional.isEmpty, positional.count <= 1 else { return nil }
            installer = .bundler
            if !positional.isEmpty { label += " install" }
        case "go":
            guard positional.count >= 2, positional[0] == "mod", positional[1] == "download" else { return nil }
            installer = .goModules
            label += " mod download"
        case "composer", "composer.phar":
            guard positional.first == "install", positional.count == 1 else { return nil }
            installer = .composer
            label += " install"
        case "cargo":
            guard positional.first == "fetch" else { return nil }
            installer = .cargo
            label += " fetch"
        case "mvn", "mvnw":
            let goals = words
            let goal = goals.first { $0.hasSuffix("dependency:go-offline") || $0.hasSuffix("dependency:resolve") }
            let phases: Set<String> = ["compile", "test", "package", "verify", "install", "deploy"]
            guard let goal, !goals.contains(where: phases.contains) else { return nil }
            installer = .maven
            label = rawName + " " + goal
        case "gradle", "gradlew":
            let tasks = words
            guard !tasks.isEmpty, tasks.allSatisfy({ $0 == "dependencies" || $0 == "downloadDependencies" || $0 == "androidDependencies" }) else { return nil }
            installer = .gradle
            label = rawName + " " + tasks[0]
            if name == "gradlew" { manifests = DependencyInstaller.gradle.manifestFiles + ["gradlew", "gradle/"] }
        default:
            return nil
        }
        self.installer = installer
        self.label = label
        self.manifests = manifests ?? installer.manifestFiles
        self.command = shellCommand
    }

    /// The programs the cases of `init` know, besides the versioned `pip` and `python`.
    private static let installerPrograms: Set<String> = [
        "npm", "pnpm", "yarn", "poetry", "pipenv", "bundle", "bundler", "go", "composer", "composer.phar",
        "cargo", "mvn", "mvnw", "gradle", "gradlew",
    ]

    /// `pip`, `pip3`, `pip3.12`; `python`, `python3`, `python3.12`.
    private static func isVersioned(_ name: String, _ base: String) -> Bool {
        guard name.hasPrefix(base) else { return false }
        return name.dropFirst(base.count).allSatisfy { $0.isNumber || $0 == "." }
    }
}

extension RunInstruction {
    /// The dependency installs this RUN performs, in order.
    public var dependencyInstalls: [DependencyInstall] {
        commands.compactMap(DependencyInstall.init)
    }
}

extension Instruction {
    /// True for a `COPY`/`ADD` from the build context (no `--from`) with a source that is the
    /// whole context: `.`, `./`, `*`, `./*` (also `/`-free spellings such as `./.`).
    public var copiesWholeBuildContext: Bool { wholeBuildContextSource != nil }

    /// The first source of a `COPY`/`ADD` that copies the whole build context.
    public var wholeBuildContextSource: TextSpan? {
        guard kind == .copy || kind == .add, flag("from") == nil else { return nil }
        return copySources.first { [".", "./", "*", "./*", "./."].contains($0.text) }
    }
}
