import DLintCore

/// SC2086: an unquoted `$var` where the shell splits and globs it. ShellCheck's check, with the
/// Dockerfile's own knowledge of the variables the RUN starts with: an `ENV` with a constant value
/// free of blanks and globs needs no quotes, a build argument always does (`--build-arg` may give
/// it any value).
struct UnquotedExpansion: Rule {
    let descriptor = RuleDescriptor(
        code: "SC2086", name: "unquoted-expansion", severity: .info,
        summary: "Double quote variable expansions to prevent globbing and word splitting",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let variables = BuildVariables.forRuns(of: context.model)
        var findings: [Finding] = []
        for run in context.model.expansionCheckedRuns(mentioning: UInt8(ascii: "$")) {
            guard let build = variables[run.instructionIndex] else { continue }
            let dialect = ShellExpansionDialect.of(run)
            var blanks = BlankTracker(build: build)
            for event in context.model.shellEvents(of: run) {
                switch event {
                case .assignment(let assignment):
                    blanks.record(assignment)
                case .word(let use) where use.role.splits(in: dialect):
                    for part in use.word.parts {
                        guard case .parameter(let parameter) = part, Self.needsQuotes(parameter),
                              blanks.status(of: parameter) != .none else { continue }
                        let text = use.source.string(parameter.range)
                        findings.append(Finding(
                            "Double quote '\(text)' to prevent globbing and word splitting",
                            at: use.source.fileRange(of: parameter.range),
                            fix: Fix(title: "Quote `\(text)`", applicability: .unsafe, edits: use.source.quoting(parameter.range))
                        ))
                    }
                default:
                    break
                }
            }
        }
        return findings
    }

    /// Expansions ShellCheck leaves to other checks or knows are safe: `${#x}` (a number),
    /// `$@`/`$*` and `${a[@]}` (SC2068), `${x:+"…"}` (the alternative is quoted).
    static func needsQuotes(_ parameter: ParameterExpansion) -> Bool {
        if parameter.isLength { return false }
        if ["@", "*"].contains(parameter.name) || parameter.name.hasSuffix("[@]") || parameter.name.hasSuffix("[*]") { return false }
        if parameter.op == .useAlternative || parameter.op == .useAlternativeIfSet, parameter.argument?.isQuoted == true { return false }
        return true
    }
}

extension ShellWordRole {
    /// True where the shell splits and globs unquoted expansions.
    func splits(in dialect: ShellExpansionDialect) -> Bool {
        switch self {
        case .argument, .redirectionTarget, .hereString: true
        case .declarationOperand: dialect == .posix
        case .commandName, .assignmentValue, .loopWords, .casePattern, .testExpression: false
        }
    }
}

/// Whether a variable may hold blanks or glob characters, followed through the assignments of a
/// script in order (ShellCheck's "spacefulness").
struct BlankTracker {
    enum Status: Sendable, Hashable {
        case none, some, empty

        static func + (lhs: Status, rhs: Status) -> Status {
            switch (lhs, rhs) {
            case (.some, _), (_, .some): .some
            case (.empty, let other), (let other, .empty): other
            default: .none
            }
        }
    }

    let build: BuildVariables
    private var assigned: [String: Status] = [:]

    init(build: BuildVariables) {
        self.build = build
    }

    func status(of parameter: ParameterExpansion) -> Status {
        if parameter.isLength { return .none }
        let name = parameter.name.withoutSubscript
        if let known = assigned[name] { return known }
        if BuildVariables.valuesWithoutBlanks.contains(name) || build.isSafeWithoutQuotes(name) { return .none }
        return .some
    }

    private func currentStatus(of name: String) -> Status {
        if let known = assigned[name] { return known }
        return BuildVariables.valuesWithoutBlanks.contains(name) || build.isSafeWithoutQuotes(name) ? .none : .some
    }

    mutating func record(_ assignment: ShellAssignmentUse) {
        switch assignment.kind {
        case .plain, .declaration:
            guard let value = assignment.value else {
                assigned[assignment.name] = .empty
                return
            }
            var parts = value.parts
            if case .declaration = assignment.kind, case .literal(let text, let range)? = parts.first,
               let equals = text.firstIndex(of: "=") {
                let rest = String(text[text.index(after: equals)...])
                parts[0] = .literal(rest, range: range)
            }
            let new = status(of: parts)
            // An assignment that may not run keeps what the variable may already hold.
            assigned[assignment.name] = assignment.isConditional ? new + currentStatus(of: assignment.name) : new
        case .read, .loop:
            assigned[assignment.name] = .some
        case .commandEnvironment:
            break
        }
    }

    /// Bytes that make an unquoted value split into words or expand as a glob.
    static func splitsOrGlobs(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): true
        default: false
        }
    }

    func status(of parts: [WordPart]) -> Status {
        parts.reduce(.empty) { result, part in
            let status: Status
            switch part {
            case .literal(let text, _), .singleQuoted(let text, _), .escaped(let text, _), .ansiCQuoted(let text, _):
                status = text.isEmpty ? .empty : text.containsByte(where: Self.splitsOrGlobs) ? .some : .none
            case .doubleQuoted(let inner, _):
                status = self.status(of: inner)
            case .parameter(let parameter):
                status = self.status(of: parameter)
            case .commandSubstitution:
                status = .some
            case .arithmetic:
                status = .none
            }
            return result + status
        }
    }
}
