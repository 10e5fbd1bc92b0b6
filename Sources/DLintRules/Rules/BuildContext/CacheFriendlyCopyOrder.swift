import DLintCore

/// DX1002: copying the whole build context before a dependency install makes every source
/// change re-run the install.
struct CacheFriendlyCopyOrder: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1002", name: "cache-friendly-copy-order", severity: .warning,
        summary: "Copy dependency manifests and install dependencies before copying the whole build context",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        // Each stage, and the instructions outside any stage (a fragment without FROM).
        for group in model.instructionGroups {
            var broadCopy: (index: Int, instruction: Instruction, source: TextSpan)?
            // Installers already run from manifests before the broad copy: a later run of the
            // same installer (`poetry install` of the project itself, a second `npm ci`) is fine.
            var installedEarlier: Set<DependencyInstaller> = []
            stageLoop: for index in group {
                let instruction = model.instructions[index]
                if broadCopy == nil, let source = instruction.wholeBuildContextSource {
                    broadCopy = (index, instruction, source)
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
                    let files = Self.list(Self.manifestNames(install.manifests, in: context.settings.buildContext))
                    findings.append(Finding(
                        "\(keyword) of the whole build context comes before '\(install.label)' on line \(line): copy \(files) first so that a source change does not re-run the install",
                        at: copy.source.range,
                        fix: CopyOrderFix(model: model, copyIndex: copy.index, runIndex: index, buildContext: context.settings.buildContext)?.fix
                    ))
                    break stageLoop
                }
            }
        }
        return findings
    }

    /// The manifests as the message names them. Without a context listing an optional one
    /// (`yarn.lock*`) is named without its `*`; with one, only the files that exist are named
    /// (`yarn.lock` when the project has it, nothing when it has not).
    static func manifestNames(_ manifests: [String], in buildContext: BuildContext?) -> [String] {
        let named = manifests.flatMap { manifest -> [String] in
            guard let existing = existingManifests(manifest, in: buildContext) else {
                return [manifest.hasSuffix("*") ? String(manifest.dropLast()) : manifest]
            }
            return existing
        }
        return named.isEmpty ? manifestNames(manifests, in: nil) : named
    }

    /// The context's files a manifest pattern (`yarn.lock*`, `build.gradle*`) names; nil when
    /// the context is unknown or the manifest is a plain name (it stays, present or not).
    static func existingManifests(_ manifest: String, in buildContext: BuildContext?) -> [String]? {
        guard let buildContext, BuildContext.hasWildcard(manifest), let matches = buildContext.matches(ofSource: manifest) else { return nil }
        return matches.filter { $0.kind == .file }.map(\.path).sorted()
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

/// Inserts a `COPY` of the install's manifests before the install `RUN` and moves the broad
/// `COPY` (with the comment lines directly above it) after that `RUN`. Nil whenever the move
/// could make the build read files that are no longer there.
private struct CopyOrderFix {
    let fix: Fix

    /// Flags of the broad copy that the fix knows how to carry.
    static let movableFlags: Set<String> = ["chown", "chmod", "link"]
    /// Instructions that may stand between the broad copy and the install: they read no file.
    static let neutralKinds: Set<InstructionKind> = [
        .env, .arg, .label, .expose, .user, .healthcheck, .cmd, .entrypoint, .stopsignal, .shell, .onbuild, .maintainer,
    ]

    init?(model: DockerfileModel, copyIndex: Int, runIndex: Int, buildContext: BuildContext?) {
        let tree = model.tree
        let source = tree.source
        let escape = tree.escapeCharacter
        let copy = model.instructions[copyIndex]
        let copyState = model.states[copyIndex]
        guard copy.heredocs.isEmpty, copy.copySources.count == 1,
              copy.flags.allSatisfy({ Self.movableFlags.contains($0.name) }) else { return nil }

        // The destination, written as it was; it must be a plain word to be written again.
        let destinationSpan: TextSpan
        switch copy.arguments {
        case .words(let words) where words.count == 2: destinationSpan = words[1]
        case .exec(let words) where words.count == 2: destinationSpan = words[1]
        default: return nil
        }
        let destinationText = copy.isExecForm ? destinationSpan.text : tree.text(of: destinationSpan.range)
        guard !destinationText.isEmpty, destinationText.allSatisfy(Self.isPlainDestinationCharacter),
              !destinationText.utf8.contains(escape) else { return nil }
        guard let expanded = copyState.variables.expand(destinationText, escape: Character(UnicodeScalar(escape))) else { return nil }
        // `.` is the working directory itself, even the base image's unknown one.
        let destination = expanded.hasBytePrefix("/") || Self.normalizedRelative(expanded) != nil
            ? copyState.workingDirectory.changed(to: expanded) : copyState.workingDirectory
        if case .unknown = destination { return nil }
        let usesVariables = destinationText.contains("$") || copy.flags.contains { $0.text.contains("$") }

        // Nothing in between may read the files the broad copy brought, change the directory
        // relative paths resolve against, or change what a variable in the copy means.
        for index in (copyIndex + 1)..<runIndex {
            let instruction = model.instructions[index]
            if instruction.kind == .run {
                guard let run = model.run(atInstruction: index), Self.isShellForm(run),
                      run.commands.allSatisfy({ Self.isNeutral($0, destination: destination) }) else { return nil }
                continue
            }
            guard Self.neutralKinds.contains(instruction.kind) else { return nil }
            if usesVariables, instruction.kind == .env || instruction.kind == .arg { return nil }
        }

        // The install RUN: installs, `cd`, and commands that read no project file.
        guard let run = model.run(atInstruction: runIndex), Self.isShellForm(run) else { return nil }
        var manifests: [String] = []
        for script in run.scripts {
            let topLevel = Set(Self.topLevelSimpleCommands(script.script).map { script.fileRange(of: $0.range) })
            var directory = model.states[runIndex].workingDirectory
            for command in script.commands.sorted(by: { $0.fileRange.lowerBound < $1.fileRange.lowerBound }) {
                if let install = DependencyInstall(command) {
                    for manifest in install.manifests {
                        guard let path = Self.relativePath(manifest, from: directory, within: destination) else { return nil }
                        if !manifests.contains(path) { manifests.append(path) }
                    }
                } else if command.command.effectiveCommand?.commandName == "cd", command.command.effectiveCommand?.wrappers.isEmpty == true {
                    let arguments = command.arguments
                    guard topLevel.contains(command.fileRange), arguments.count == 1, let target = arguments[0],
                          !target.isEmpty, !target.hasPrefix("-"), !target.hasPrefix("~") else { return nil }
                    directory = directory.changed(to: target)
                } else if !Self.isNeutral(command, destination: destination) {
                    return nil
                }
            }
        }
        // With the context's listing, an optional manifest becomes the files that exist.
        if let buildContext, buildContext.isExplicit || manifests.contains(where: { buildContext.kind(of: $0) != nil }) {
            manifests = manifests.flatMap { CacheFriendlyCopyOrder.existingManifests($0, in: buildContext) ?? [$0] }
        }
        // One directory for every manifest, copied to the same place under the destination.
        guard !manifests.isEmpty else { return nil }
        let directories = Set(manifests.map { $0.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") })
        guard directories.count == 1, let subdirectory = directories.first else { return nil }
        var target = destinationText
        if !subdirectory.isEmpty { target += (target.hasByteSuffix("/") ? "" : "/") + subdirectory }
        if !target.hasByteSuffix("/") { target += "/" }

        // The new line, in the broad copy's style.
        let copyLine = tree.lineTable.line(containing: copy.range.lowerBound)
        let lineEnding = Self.lineEnding(ofLine: copyLine, in: tree)
        let indentation = tree.text(of: tree.lineTable.byteRange(ofLine: copyLine).lowerBound..<copy.range.lowerBound)
        let keyword = FixText.matchingCase("COPY", of: copy.keyword.text)
        let flags = copy.flags.filter { let name = $0.name; return name == "chown" || name == "chmod" }.map { tree.text(of: $0.range) }
        let operands = copy.isExecForm
            ? ["[" + (manifests + [target]).map { "\"\($0)\"" }.joined(separator: ", ") + "]"]
            : manifests + [target]
        let manifestCopy = indentation + ([keyword] + flags + operands).joined(separator: " ") + lineEnding

        // Delete the broad copy with its comments (and a blank line it leaves doubled), insert
        // the manifest copy above the install (and its comments), the broad copy after it.
        let run0 = model.instructions[runIndex]
        var removed = Self.blockStart(of: copyIndex, in: model)..<Self.lineEnd(after: copy.fullRange, in: tree)
        let lineAbove = tree.lineTable.line(containing: removed.lowerBound) - 1
        let lineBelow = tree.lineTable.line(containing: removed.upperBound)
        if removed.upperBound < source.count, lineAbove >= 1, Self.isBlank(lineAbove, tree), Self.isBlank(lineBelow, tree) {
            removed = removed.lowerBound..<tree.lineTable.byteRange(ofLine: lineBelow).upperBound
        }
        let moved = tree.text(of: Self.blockStart(of: copyIndex, in: model)..<Self.lineEnd(after: copy.fullRange, in: tree))
        let insertAt = Self.blockStart(of: runIndex, in: model)
        let runEnd = Self.lineEnd(after: run0.fullRange, in: tree)
        guard removed.upperBound <= insertAt else { return nil }
        var edits = [
            TextEdit(range: removed, replacement: ""),
            TextEdit(range: insertAt..<insertAt, replacement: manifestCopy),
        ]
        if runEnd == source.count, source.last != UInt8(ascii: "\n") {
            edits.append(TextEdit(range: runEnd..<runEnd, replacement: lineEnding + String(moved.dropLast(lineEnding.count))))
        } else {
            edits.append(TextEdit(range: runEnd..<runEnd, replacement: moved))
        }
        let sources = manifests.joined(separator: " ")
        fix = Fix(
            title: "Copy \(sources) before the install and move the \(copy.kind.rawValue.uppercased()) of the whole build context after it",
            applicability: .unsafe, edits: edits
        )
    }

    static func isShellForm(_ run: RunInstruction) -> Bool {
        if case .shell = run.instruction.arguments, !run.scripts.isEmpty { return true }
        return false
    }

    static func isPlainDestinationCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._-/$:{}@+".contains(character))
    }

    static func isPlainManifestCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._-/*+@".contains(character))
    }

    /// `manifest` as a path under `destination`, for an install that runs in `directory`.
    static func relativePath(_ manifest: String, from directory: WorkingDirectory, within destination: WorkingDirectory) -> String? {
        guard !manifest.isEmpty, !manifest.hasByteSuffix("/"), manifest.allSatisfy(isPlainManifestCharacter) else { return nil }
        let full: String
        if manifest.hasBytePrefix("/") {
            full = manifest
        } else if directory == destination {
            return normalizedRelative(manifest)
        } else {
            guard let known = directory.knownPath else { return nil }
            full = known + "/" + manifest
        }
        guard let base = destination.knownPath, let normalized = normalizedRelative(String(full.dropFirst())) else { return nil }
        let baseParts = base.split(separator: "/")
        let parts = normalized.split(separator: "/")
        guard parts.count > baseParts.count, Array(parts.prefix(baseParts.count)) == baseParts else { return nil }
        return parts.dropFirst(baseParts.count).joined(separator: "/")
    }

    /// `a/./b/../c` → `a/c`; nil when the path climbs out of its directory.
    static func normalizedRelative(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Simple commands that run in the script's own shell: not in a subshell, a group, a
    /// compound command or a pipeline.
    static func topLevelSimpleCommands(_ script: ShellScript) -> [SimpleCommand] {
        script.items.flatMap { item in
            item.andOr.pipelines.compactMap { pipeline -> SimpleCommand? in
                guard pipeline.commands.count == 1, case .simple(let simple) = pipeline.commands[0] else { return nil }
                return simple
            }
        }
    }

    /// Commands that read no file of the project: system package managers, cache cleaning,
    /// global tool installs, and `rm` of system directories.
    static func isNeutral(_ command: ShellCommand, destination: WorkingDirectory) -> Bool {
        if command.command.words.isEmpty { return true }
        guard let invocation = command.command.effectiveCommand, let rawName = invocation.commandName else { return false }
        let name = PathText.basename(rawName)
        let arguments = invocation.arguments.map(\.literalValue)
        guard arguments.allSatisfy({ $0 != nil }) else { return false }
        let words = arguments.compactMap { $0 }
        let operands = words.filter { !$0.hasPrefix("-") }
        let pathLike = operands.contains { $0.hasPrefix(".") || $0.contains("/") }
        switch name {
        case "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper", "tdnf":
            return !operands.contains { $0.hasPrefix(".") }
        case "true", ":", "set", "export", "echo", "mkdir", "useradd", "adduser", "groupadd", "addgroup", "update-ca-certificates", "ldconfig":
            return true
        case "rm":
            return !operands.isEmpty && operands.allSatisfy { isSystemPath($0, destination: destination) }
        case "npm", "pnpm", "yarn":
            let first = operands.first
            return first == "cache" || first == "config" || first == "store" || (name == "yarn" && first == "global")
                || (["install", "i", "add"].contains(first ?? "") && words.contains { ["-g", "--global", "--location=global"].contains($0) } && !pathLike)
        case "corepack":
            return true
        case "gem":
            return operands.first == "install" && !pathLike && !operands.contains { $0.hasSuffix(".gem") }
        case "composer", "composer.phar":
            return operands.first == "clear-cache" || operands.first == "clearcache"
        case _ where name.hasPrefix("pip") || name.hasPrefix("python"):
            var rest = words[...]
            if name.hasPrefix("python") {
                guard rest.first == "-m", rest.dropFirst().first == "pip" else { return false }
                rest = rest.dropFirst(2)
            }
            if rest.first == "cache" { return true }
            guard rest.first == "install" else { return false }
            let options = ["-r", "--requirement", "-c", "--constraint", "-e", "--editable"]
            return !rest.contains { word in options.contains { word == $0 || word.hasPrefix($0 + "=") || (!$0.hasPrefix("--") && word.hasPrefix($0)) } }
                && !rest.dropFirst().contains { !$0.hasPrefix("-") && ($0.hasPrefix(".") || $0.contains("/")) }
        default:
            return false
        }
    }

    /// An absolute path (or `~/…`) that the broad copy cannot have brought in.
    static func isSystemPath(_ path: String, destination: WorkingDirectory) -> Bool {
        if path.hasPrefix("~/") { return true }
        guard path.hasBytePrefix("/") else { return false }
        if let base = destination.knownPath, base != "/" {
            return !(path == base || path.hasPrefix(base.hasByteSuffix("/") ? base : base + "/"))
        }
        return ["/var/", "/tmp/", "/root/", "/usr/", "/etc/", "/home/", "/opt/", "/var", "/tmp"].contains { path.hasPrefix($0) }
            && !["/var", "/tmp", "/usr", "/etc", "/home", "/opt", "/root"].contains(path)
    }

    /// Where an instruction's lines begin: the comment lines directly above it (no blank line
    /// in between) travel with it.
    static func blockStart(of index: Int, in model: DockerfileModel) -> Int {
        let tree = model.tree
        let instruction = model.instructions[index]
        let firstLine = tree.lineTable.line(containing: instruction.range.lowerBound)
        let floor = index > 0 ? tree.lineTable.line(containing: max(model.instructions[index - 1].fullRange.upperBound - 1, 0)) : 0
        var line = firstLine
        while line - 1 > floor {
            let content = tree.lineTable.contentRange(ofLine: line - 1)
            let text = tree.text(of: content).drop { $0 == " " || $0 == "\t" }
            guard text.hasPrefix("#"), !tree.directives.contains(where: { content.contains($0.range.lowerBound) }) else { break }
            line -= 1
        }
        return tree.lineTable.byteRange(ofLine: line).lowerBound
    }

    /// The end of the line holding the last byte of `range`, its line ending included.
    static func lineEnd(after range: Range<Int>, in tree: SyntaxTree) -> Int {
        tree.lineTable.byteRange(ofLine: tree.lineTable.line(containing: max(range.upperBound - 1, range.lowerBound))).upperBound
    }

    static func lineEnding(ofLine line: Int, in tree: SyntaxTree) -> String {
        let bytes = tree.source[tree.lineTable.byteRange(ofLine: line)]
        guard bytes.last == UInt8(ascii: "\n") else { return "\n" }
        return bytes.dropLast().last == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }

    static func isBlank(_ line: Int, _ tree: SyntaxTree) -> Bool {
        guard line >= 1, line <= tree.lineTable.lineCount else { return false }
        return tree.text(of: tree.lineTable.contentRange(ofLine: line)).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
