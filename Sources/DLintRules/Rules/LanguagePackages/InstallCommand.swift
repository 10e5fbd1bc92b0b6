import DLintCore

/// One argument of a package-manager command as the pin rules read it: its value after ARG/ENV
/// expansion, nil when the value is only known at build time (an `ARG` without a default, a
/// command substitution, a variable the RUN sets itself), and the file bytes of its word. An
/// unquoted `$PACKAGES` splits into several arguments that share the word's range.
struct InstallArgument: Sendable {
    let value: String?
    let range: Range<Int>
}

/// A package-manager command of a RUN, an exec-form RUN or an `ONBUILD RUN`, with its arguments
/// after the program (after `-m pip` for `python -m pip`) expanded with the ARG and ENV values
/// in effect.
struct InstallCommand: Sendable {
    /// By base name without version: `pip` for `/usr/local/bin/pip3.12` and `python3 -m pip`.
    let program: String
    let arguments: [InstallArgument]
    /// `NAME=value` words written before the command (`PIP_CONSTRAINT=c.txt pip install …`).
    let assignedNames: Set<String>
    let variables: VariableScope

    /// True when the command runs with the variable set: assigned on the command, or set by `ENV`
    /// or `ARG` (an `ARG` without a default counts: it is given at build time).
    func hasVariable(_ name: String) -> Bool {
        if assignedNames.contains(name) { return true }
        switch variables[name] {
        case .known(let value): return !value.isEmpty
        case .unknown: return true
        case nil: return false
        }
    }

    /// Every command of the file run by one of `programs`. `ONBUILD RUN` triggers are read with
    /// no variables: they run in a child image, whose `ARG`s this file does not know.
    static func all(in model: DockerfileModel, programs: Set<String>) -> [InstallCommand] {
        var result: [InstallCommand] = []
        // The model's index of package commands: only the commands of `programs` are visited.
        let positions = model.packageCommandPositions(running: programs)
        var next = positions.startIndex
        for (runIndex, run) in model.runs.enumerated() {
            let isExecForm = if case .exec = run.instruction.arguments { true } else { false }
            guard isExecForm || (next < positions.endIndex && positions[next].run == runIndex) else { continue }
            let variables = run.isOnbuildTrigger ? VariableScope() : model.states[run.instructionIndex].variables
            while next < positions.endIndex, positions[next].run == runIndex {
                let command = run.commands[positions[next].command]
                next += 1
                guard let invocation = PackageInvocation(command) else { continue }
                let arguments = invocation.arguments.flatMap { expand($0, in: command, variables: variables) }
                let assigned = Set(command.command.assignments.map(\.name))
                result.append(InstallCommand(program: invocation.program, arguments: arguments, assignedNames: assigned, variables: variables))
            }
            if case .exec(let elements) = run.instruction.arguments, let command = exec(elements, variables: variables),
               programs.contains(command.program) {
                result.append(command)
            }
        }
        return result
    }

    /// `RUN ["pip", "install", "flask"]`: no shell, so no expansion and no wrappers.
    private static func exec(_ elements: [TextSpan], variables: VariableScope) -> InstallCommand? {
        guard let first = elements.first else { return nil }
        var program = PackageInvocation.baseProgram(first.text)
        var rest = elements.dropFirst()
        if program == "python" {
            var module: String?
            while let option = rest.first?.text, option.hasPrefix("-") {
                rest = rest.dropFirst()
                if option == "-m" {
                    module = rest.first?.text
                    rest = rest.dropFirst()
                    break
                } else if option.hasPrefix("-m") {
                    module = String(option.dropFirst(2))
                    break
                }
            }
            guard let module else { return nil }
            program = PackageInvocation.baseProgram(module)
        }
        return InstallCommand(
            program: program, arguments: rest.map { InstallArgument(value: $0.text, range: $0.range) },
            assignedNames: [], variables: variables
        )
    }

    /// The word's value: literal, or expanded when every expansion in it is an `ARG`/`ENV`
    /// variable with a value written in the file. Unquoted expansions split on blanks, as the
    /// shell splits them.
    static func expand(_ word: Word, in command: ShellCommand, variables: VariableScope) -> [InstallArgument] {
        let range = command.fileRange(of: word)
        if let literal = word.literalValue { return [InstallArgument(value: literal, range: range)] }
        guard isExpandable(word.parts),
              let expanded = variables.expand(word.text(in: command.source.text)) else {
            return [InstallArgument(value: nil, range: range)]
        }
        let splits = word.parts.contains { if case .parameter = $0 { true } else { false } }
        guard splits else { return [InstallArgument(value: expanded, range: range)] }
        return expanded.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .map { InstallArgument(value: String($0), range: range) }
    }

    /// Only named parameters, plain or with the operators `VariableScope` evaluates
    /// (`${V:-default}`, `${V:+alternative}`): no `$1`, `$@`, `${#V}`, `${V%x}`, `$(…)`, `$((…))`.
    private static func isExpandable(_ parts: [WordPart]) -> Bool {
        parts.allSatisfy { part in
            switch part {
            case .literal, .escaped, .singleQuoted, .ansiCQuoted:
                return true
            case .doubleQuoted(let inner, _):
                return isExpandable(inner)
            case .parameter(let parameter):
                let evaluated: Set<ParameterOperator> = [.useDefault, .useDefaultIfUnset, .useAlternative, .useAlternativeIfSet]
                guard let first = parameter.name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
                      parameter.name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }),
                      !parameter.isLength, !parameter.isIndirect else { return false }
                guard let op = parameter.op else { return true }
                return evaluated.contains(op) && isExpandable(parameter.argument?.parts ?? [])
            case .commandSubstitution, .arithmetic:
                return false
            }
        }
    }
}

/// Reads a command line the way an option parser does: long options (`--name`, `--name=value`),
/// clusters of short ones (`-qU`, `-rfile`), and which of them take a value.
struct OptionTable: Sendable {
    /// Long options, with their dashes, that take a value (`--index-url`).
    let longWithValue: Set<String>
    /// Letters of short options that take a value, attached (`-rfile`) or as the next word.
    let shortWithValue: Set<Character>

    /// An option and where its value came from.
    struct Option {
        /// `--index-url`, or `-r` for a letter of a cluster.
        let name: String
        let value: String?
        /// The argument holding the value: the option's own for `--name=value` and `-rfile`.
        let valueArgument: InstallArgument?
    }

    /// Reads the option at `arguments[index]` (which starts with `-`), advancing `index` past it
    /// and its value. Returns each option of a short cluster.
    func read(_ arguments: [InstallArgument], at index: inout Int) -> [Option] {
        let argument = arguments[index]
        index += 1
        guard let text = argument.value else { return [] }
        if text.hasPrefix("--") {
            if let equals = text.firstIndex(of: "=") {
                return [Option(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]), valueArgument: argument)]
            }
            guard longWithValue.contains(text) else { return [Option(name: text, value: nil, valueArgument: nil)] }
            return [takeNext(text, arguments, &index)]
        }
        var options: [Option] = []
        var letters = text.dropFirst()
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard shortWithValue.contains(letter) else {
                options.append(Option(name: "-\(letter)", value: nil, valueArgument: nil))
                continue
            }
            if !letters.isEmpty {
                let attached = letters.first == "=" ? String(letters.dropFirst()) : String(letters)
                options.append(Option(name: "-\(letter)", value: attached, valueArgument: InstallArgument(value: attached, range: argument.range)))
            } else {
                options.append(takeNext("-\(letter)", arguments, &index))
            }
            break
        }
        return options
    }

    private func takeNext(_ name: String, _ arguments: [InstallArgument], _ index: inout Int) -> Option {
        guard index < arguments.count else { return Option(name: name, value: nil, valueArgument: nil) }
        defer { index += 1 }
        return Option(name: name, value: arguments[index].value, valueArgument: arguments[index])
    }
}

extension InstallArgument {
    /// An option word (`-x`, `--x`), not a lone `-` (standard input).
    var isOption: Bool {
        guard let value else { return false }
        return value.hasPrefix("-") && value.count > 1
    }
}
