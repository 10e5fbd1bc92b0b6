import DLintCore

// What the POSIX-sh family shares: which commands run in `sh`, with which `/bin/sh`, and how a
// finding names the shell. ShellCheck's own rule for these checks: a feature is reported where
// the shell that runs it lacks it. dlint knows that shell better than ShellCheck inside hadolint
// does (which always assumes plain POSIX sh): the RUN's dialect (`ShellDialect`) says dash on
// Debian and Ubuntu, BusyBox ash on Alpine, bash-as-sh on the RHEL family.

/// A simple command that runs in `sh`, with the flavor of that `sh`.
struct ShCommand: Sendable {
    let command: ShellCommand
    let flavor: ShellFlavor
    /// The stage the RUN belongs to (nil in a fragment).
    let stageIndex: Int?

    var words: [Word] { command.command.words }
    /// The literal command name (builtins such as `local` are not run through wrappers).
    var name: String? { command.command.words.first?.literalValue }
    func fileRange(of word: Word) -> Range<Int> { command.fileRange(of: word) }
}

extension DockerfileModel {
    /// Every command run by `sh` whose `/bin/sh` may lack bash's features: dash, BusyBox ash and
    /// plain POSIX sh. Not bash running as `sh` (the RHEL family), which has them all, and not
    /// bash, zsh, ksh, PowerShell, cmd or unknown programs.
    /// A model fact: a dozen portability rules ask for it.
    var portabilityCommands: [ShCommand] {
        facts.value(PortabilityCommandsFact.self) {
            var result: [ShCommand] = []
            for run in runs { Self.appendPortabilityCommands(of: run, to: &result) }
            return result
        }
    }

    /// `portabilityCommands` of the RUNs whose scripts hold `marker` (see `ScriptBytes`), in the
    /// same order: for a rule whose findings need a `{`, most RUNs have none.
    func portabilityCommands(inRunsMentioning marker: UInt8) -> [ShCommand] {
        var result: [ShCommand] = []
        for (run, bytes) in zip(runs, runScriptBytes) where bytes.contains(marker) {
            Self.appendPortabilityCommands(of: run, to: &result)
        }
        return result
    }

    private static func appendPortabilityCommands(of run: RunInstruction, to result: inout [ShCommand]) {
        let stageIndex = run.state.stageIndex
        for command in run.commands {
            guard let flavor = command.dialect.shFlavor, flavor != .bash else { continue }
            result.append(ShCommand(command: command, flavor: flavor, stageIndex: stageIndex))
        }
    }
}

private enum PortabilityCommandsFact: ModelFactKey { typealias Value = [ShCommand] }

extension ShellFlavor {
    /// ShellCheck's wording: "In dash, X is not supported" where the shell is known, "In POSIX
    /// sh, X is undefined" where it is not.
    func message(_ feature: String, plural: Bool = false) -> String {
        switch self {
        case .dash: "In dash, \(feature) \(plural ? "are" : "is") not supported"
        case .ash: "In BusyBox ash, \(feature) \(plural ? "are" : "is") not supported"
        case .posix, .bash: "In POSIX sh, \(feature) \(plural ? "are" : "is") undefined"
        }
    }
}

extension Word {
    /// The word's unquoted literal text, each character with its offset in `script` (the text the
    /// word was parsed from, whose bytes a literal's decoded string does not keep when they are not
    /// UTF-8); quoted, escaped and expanded parts become a `"` placeholder (they cannot start
    /// shell syntax).
    func unquotedSkeleton(in script: [UInt8]) -> [(character: UInt8, offset: Int)] {
        var result: [(UInt8, Int)] = []
        for part in parts {
            if case .literal(_, let range) = part {
                for offset in range { result.append((script[offset], offset)) }
            } else {
                result.append((UInt8(ascii: "\""), part.range.lowerBound))
            }
        }
        return result
    }
}
