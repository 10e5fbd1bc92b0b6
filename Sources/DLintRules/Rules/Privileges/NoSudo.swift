import DLintCore

/// DL3004: `sudo` in a RUN. The build runs as the stage's USER; sudo adds a tty-dependent,
/// configuration-dependent layer that does not belong in an image build.
struct NoSudo: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3004", name: "no-sudo", severity: .warning,
        summary: "Do not use sudo in RUN: switch USER, or use a tool like gosu at run time",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        let tree = context.tree
        var findings: [Finding] = []
        for run in model.runs {
            let runsAs = Self.runsAsRoot(run.state)
            for command in run.commands {
                let words = command.command.words
                // The first word decides whether there is anything to look through (`sudoIndex`'s
                // first step), before the words' values are gathered: most commands are neither.
                guard let first = words.first?.literalValue, Self.mayRunSudo(first) else { continue }
                if let index = Self.sudoIndex(in: words.map(\.literalValue)) {
                    let fix = runsAs.flatMap { assumed in
                        Self.fix(
                            removing: words.map { (value: $0.literalValue, range: command.fileRange(of: $0)) },
                            sudoAt: index, assumingBaseImageRoot: assumed, tree: tree
                        )
                    }
                    findings.append(Self.finding(at: command.fileRange(of: words[index]), fix: fix))
                }
            }
            // Exec form: `RUN ["sudo", "apt-get", "update"]`.
            if case .exec(let elements) = run.instruction.arguments,
               let index = Self.sudoIndex(in: elements.map { Optional($0.text) }) {
                let fix = runsAs.flatMap { assumed in
                    Self.fix(
                        removing: elements.map { (value: Optional($0.text), range: $0.range) },
                        sudoAt: index, assumingBaseImageRoot: assumed, tree: tree, exec: true
                    )
                }
                findings.append(Self.finding(at: elements[index].range, fix: fix))
            }
        }
        return findings
    }

    private static func finding(at range: Range<Int>, fix: Fix?) -> Finding {
        Finding("Do not use 'sudo' in RUN: it leads to unpredictable behavior; switch USER, or use a tool like gosu at run time", at: range, fix: fix)
    }

    /// Whether the RUN runs as root: `false` when `USER` says root (`root`, `0`, `root:root`,
    /// `0:0`), `true` when no `USER` applies and root is assumed of the base image, nil otherwise
    /// (another user, another group, a variable, a Windows image, or outside any stage, where the
    /// stage the fragment goes into may have set any USER).
    static func runsAsRoot(_ state: InstructionState) -> Bool? {
        guard !state.isWindows else { return nil }
        guard let user = state.user else { return state.stageIndex == nil ? nil : true }
        let parts = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard ["root", "0"].contains(parts[0]) else { return nil }
        // sudo sets root's own groups: a USER with another group is not the same.
        if parts.count > 1, !["root", "0"].contains(parts[1]) { return nil }
        return false
    }

    /// Removes `sudo` and its options, up to the command it runs. Nil when an option changes
    /// the user, group, directory or shell (`-u app`, `-g`, `-D`, `-i`, `-s`), when sudo does
    /// something else than run a command (`-v`, `-l`, `-e`), when there is no command, or when
    /// a comment line sits between the words.
    ///
    /// Always unsafe: the command runs as the same user, but sudo resets the environment
    /// (`ENV` variables, `PATH` to its `secure_path`), which it no longer does once removed.
    static func fix(
        removing words: [(value: String?, range: Range<Int>)], sudoAt index: Int,
        assumingBaseImageRoot: Bool, tree: SyntaxTree, exec: Bool = false
    ) -> Fix? {
        var next = index + 1
        func take() -> String? {
            guard next < words.count else { return nil }
            defer { next += 1 }
            return words[next].value
        }
        func isRoot(_ value: String?) -> Bool { ["root", "0", "#0"].contains(value ?? "") }
        options: while next < words.count {
            guard let option = words[next].value else { break }
            if option == "--" { next += 1; break }
            guard option.hasPrefix("-"), option.count > 1 else { break }
            next += 1
            if option.hasPrefix("--") {
                let parts = option.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                switch parts[0] {
                case "preserve-env", "set-home", "non-interactive", "preserve-groups", "reset-timestamp":
                    continue
                case "user":
                    guard isRoot(parts.count > 1 ? parts[1] : take()) else { return nil }
                case "prompt":
                    if parts.count == 1 { guard take() != nil else { return nil } }
                default:
                    return nil
                }
                continue
            }
            // A cluster of short options: `-EH`, `-Eu root`, `-uroot`.
            var letters = option.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                switch letter {
                case "E", "H", "n", "P", "k":
                    continue
                case "u", "p":
                    let value = letters.isEmpty ? take() : String(letters)
                    guard letter == "p" ? value != nil : isRoot(value) else { return nil }
                    continue options
                default:
                    return nil
                }
            }
        }
        guard next < words.count, words[next].value != "" else { return nil }
        // `sudo NAME=value cmd` sets a variable: fine at the start of a shell command, where the
        // shell reads it as an assignment; not behind a wrapper or in exec form.
        if let operand = words[next].value, operand.contains("="), exec || index > 0 { return nil }
        if words[next].value == nil, exec { return nil }
        // Only blanks and line continuations between the removed words.
        let escape = tree.escapeCharacter
        for gap in index..<next {
            let between = tree.source[words[gap].range.upperBound..<words[gap + 1].range.lowerBound]
            guard between.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D, escape].contains($0) || (exec && $0 == UInt8(ascii: ",")) }) else { return nil }
        }
        let removed = String(decoding: tree.source[words[index].range.lowerBound..<words[next - 1].range.upperBound], as: UTF8.self)
        let shown = removed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == Character(UnicodeScalar(escape)) }).joined(separator: " ")
        return Fix(
            title: "Remove `\(shown)`" + (assumingBaseImageRoot ? " (assuming the base image runs as root)" : ""),
            applicability: .unsafe,
            edits: [TextEdit(range: words[index].range.lowerBound..<words[next].range.lowerBound, replacement: "")]
        )
    }

    /// Programs that run their operands as a command, with their options that take a value, and
    /// how many operands come before the command (`timeout 10 cmd`).
    static let wrappers: [String: (options: Set<String>, leadingOperands: Int)] = [
        "env": (["-u", "-C", "-S", "--unset", "--chdir", "--split-string"], 0),
        "command": ([], 0),
        "exec": (["-a"], 0),
        "nice": (["-n", "--adjustment"], 0),
        "nohup": ([], 0),
        "time": (["-f", "-o", "--format", "--output"], 0),
        "stdbuf": (["-i", "-o", "-e", "--input", "--output", "--error"], 0),
        "timeout": (["-k", "-s", "--kill-after", "--signal"], 1),
        "setsid": ([], 0),
        "ionice": (["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"], 0),
        "xargs": (["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-args",
                   "--max-procs", "--max-chars", "--process-slot-var"], 0),
    ]

    /// The index of the `sudo` word of a command, looking through wrappers: `env sudo`,
    /// `exec sudo`, `command sudo`, `xargs sudo`. `command -v sudo` only looks sudo up.
    /// `sudo` or a wrapper that may run it.
    static func mayRunSudo(_ firstWord: String) -> Bool {
        let program = PathText.basename(firstWord)
        return program == "sudo" || wrapperNames.contains(program)
    }

    /// The keys of `wrappers`, looked up for the first word of every command: a set of names is
    /// cheaper to ask than the table of options.
    private static let wrapperNames = Set(wrappers.keys)

    static func sudoIndex(in words: [String?]) -> Int? {
        var index = 0
        while index < words.count, let value = words[index] {
            let program = PathText.basename(value)
            if program == "sudo" { return index }
            guard let wrapper = wrappers[program] else { return nil }
            index += 1
            while index < words.count, let option = words[index],
                  option.hasPrefix("-") || (program == "env" && option.contains("=")) {
                index += 1
                if option == "--" { break }
                if program == "command", option.hasPrefix("-"), option.contains("v") || option.contains("V") { return nil }
                if wrapper.options.contains(option) { index += 1 }
            }
            index += wrapper.leadingOperands
        }
        return nil
    }
}
