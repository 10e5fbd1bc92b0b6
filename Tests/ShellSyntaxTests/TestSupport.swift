import ShellSyntax

/// Parses and returns the script with the bytes its ranges refer to.
func parsed(_ source: String) -> (script: ShellScript, bytes: [UInt8]) {
    let bytes = Array(source.utf8)
    return (ShellParser.parse(bytes), bytes)
}

func text(_ range: Range<Int>, in bytes: [UInt8]) -> String {
    String(decoding: bytes[range], as: UTF8.self)
}

/// The only command of a one-command script.
func onlySimpleCommand(_ script: ShellScript) -> SimpleCommand? {
    let commands = script.simpleCommands
    return commands.count == 1 ? commands[0] : nil
}

/// Deterministic pseudo-random numbers (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every range in a parse tree, diagnostics included.
struct RangeCollector {
    var ranges: [Range<Int>] = []

    static func ranges(in script: ShellScript) -> [Range<Int>] {
        var collector = RangeCollector()
        collector.add(script)
        return collector.ranges
    }

    mutating func add(_ script: ShellScript) {
        ranges.append(script.range)
        ranges += script.diagnostics.map(\.range)
        add(script.body)
    }

    mutating func add(_ list: CommandList) {
        ranges.append(list.range)
        for item in list.items {
            ranges.append(item.range)
            if let separator = item.separator { ranges.append(separator.range) }
            ranges.append(item.andOr.range)
            ranges += item.andOr.operators.map(\.range)
            for pipeline in item.andOr.pipelines {
                ranges.append(pipeline.range)
                if let bang = pipeline.bang { ranges.append(bang) }
                ranges += pipeline.operators.map(\.range)
                for command in pipeline.commands { add(command) }
            }
        }
    }

    mutating func add(_ command: Command) {
        ranges.append(command.range)
        for redirection in command.redirections { add(redirection) }
        switch command {
        case .simple(let c):
            for assignment in c.assignments {
                ranges += [assignment.range, assignment.nameRange]
                if let value = assignment.value { add(value) }
            }
            for word in c.words { add(word) }
        case .subshell(let c): add(c.body)
        case .braceGroup(let c): add(c.body)
        case .ifClause(let c):
            for branch in c.branches {
                ranges.append(branch.range)
                add(branch.condition)
                add(branch.body)
            }
            if let elseBody = c.elseBody { add(elseBody) }
        case .forClause(let c):
            ranges.append(c.variableRange)
            for word in c.words ?? [] { add(word) }
            add(c.body)
        case .whileClause(let c):
            add(c.condition)
            add(c.body)
        case .caseClause(let c):
            add(c.subject)
            for item in c.items {
                ranges.append(item.range)
                if let terminator = item.terminator { ranges.append(terminator.range) }
                for pattern in item.patterns { add(pattern) }
                add(item.body)
            }
        case .functionDefinition(let c):
            ranges.append(c.nameRange)
            add(c.body)
        case .error(let c):
            ranges.append(c.range)
        }
    }

    mutating func add(_ redirection: Redirection) {
        ranges += [redirection.range, redirection.opRange]
        if let target = redirection.target { add(target) }
        if let hereDocument = redirection.hereDocument {
            ranges.append(hereDocument.bodyRange)
            if let line = hereDocument.delimiterLineRange { ranges.append(line) }
        }
    }

    mutating func add(_ word: Word) {
        ranges.append(word.range)
        add(word.parts)
    }

    mutating func add(_ parts: [WordPart]) {
        for part in parts {
            ranges.append(part.range)
            switch part {
            case .doubleQuoted(let inner, _): add(inner)
            case .parameter(let p): if let argument = p.argument { add(argument) }
            case .commandSubstitution(let c): add(c.script)
            default: break
            }
        }
    }
}

/// Parses `bytes` and checks that every range lies within them.
func parsesWithRangesInBounds(_ bytes: [UInt8]) -> Bool {
    let script = ShellParser.parse(bytes)
    return RangeCollector.ranges(in: script).allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= bytes.count }
}
