import DLintCore

/// A command of a system package manager (apt-get, apt, aptitude, apk, yum, dnf, microdnf,
/// zypper) in a RUN, read from the model's `PackageInvocation`: which action it runs (the
/// subcommand, with aliases and two-word forms such as `yum group install` resolved), the
/// operands after it, and its options. The rules of the family each filter these.
// A class: every rule of the family filters the one shared list, which copies references only.
final class SystemPackageCommand: Sendable {
    let run: RunInstruction
    let shellCommand: ShellCommand
    let invocation: PackageInvocation
    /// The action, spelled canonically: `install` for `dnf in`, `group install` for
    /// `yum groupinstall`, `dist-upgrade` for `zypper dup`.
    let action: String
    /// The words naming the action (`group install` is two).
    let actionWords: ArraySlice<Word>
    /// The positionals after the action: packages, files, groups.
    let operands: ArraySlice<Word>
    /// ARG and ENV values before the RUN.
    let variables: VariableScope

    var program: String { invocation.program }

    /// The index of the RUN in `model.runs`, and of the command in its `commands`.
    let runIndex: Int
    let commandIndex: Int
    /// The shell variables the RUN sets (`deps='gcc make'; apt-get install $deps`); only the
    /// assignments before this command are read.
    let shellVariables: ShellVariables

    /// Every command of one of `programs` in the file, in order. The commands of every system
    /// package manager are read once per model and shared by the rules of the family.
    static func all(in model: DockerfileModel, programs: [String]) -> [SystemPackageCommand] {
        // A rule names one to three programs, as an array literal (no set built per call):
        // comparing with each is cheaper than hashing every command's program for every rule.
        assert(programs.allSatisfy(systemPrograms.contains), "SystemPackageCommand reads only the system package managers")
        return model.facts.value(SystemPackageCommandsFact.self) { readAll(in: model) }.filter { programs.contains($0.program) }
    }

    private enum SystemPackageCommandsFact: ModelFactKey { typealias Value = [SystemPackageCommand] }

    private static func readAll(in model: DockerfileModel) -> [SystemPackageCommand] {
        var result: [SystemPackageCommand] = []
        // The shell variables are read only for the RUNs with package commands (the model's
        // index of them): a RUN without one (most RUNs) is not followed through its assignments.
        for (runIndex, packageCommands) in model.packageCommandsByRun(running: Self.systemPrograms) {
            let run = model.runs[runIndex]
            let variables = model.states[run.instructionIndex].variables
            var shellVariables = ShellVariables()
            for (commandIndex, command) in run.commands.enumerated() {
                record(command, at: commandIndex, into: &shellVariables, scope: variables)
            }
            for commandIndex in packageCommands {
                let command = run.commands[commandIndex]
                if let invocation = command.packageInvocation,
                   let found = SystemPackageCommand(
                       run: run, command: command, invocation: invocation, variables: variables,
                       runIndex: runIndex, commandIndex: commandIndex, shellVariables: shellVariables
                   ) {
                    result.append(found)
                }
            }
        }
        return result
    }

    /// `NAME=value` alone, or `export`/`readonly`/`declare`/`typeset`/`local NAME=value`, with
    /// the variables known so far expanded (`DEPS="$DEPS gcc"`); nil when the value is not known.
    private static func record(_ command: ShellCommand, at index: Int, into variables: inout ShellVariables, scope: VariableScope) {
        let simple = command.command
        // Most commands assign nothing: leave before an expander is made for them (by the first
        // byte of their name, before five comparisons: every command of the RUN comes here).
        guard simple.words.isEmpty || simple.commandName.map(isDeclarationCommand) == true else { return }
        // Values first, then the updates: the expander shares the history, which must not be
        // copied on every assignment.
        var updates: [(String, String?)] = []
        do {
            let expander = WordExpander(shellVariables: variables, before: index, variables: scope, source: command.source)
            var ignored = false
            if simple.words.isEmpty {
                for assignment in simple.assignments where !assignment.isAppend {
                    updates.append((assignment.name, assignment.value.map { expander.expand($0.parts, quoted: true, splits: &ignored) } ?? ""))
                }
            } else if let name = simple.commandName, declarationCommands.contains(name) {
                for word in simple.arguments {
                    guard case .literal(let head, _)? = word.parts.first, let equals = Self.firstEquals(in: head),
                          equals != head.startIndex, !head.hasPrefix("-") else { continue }
                    let variable = String(head[..<equals])
                    let text = expander.expand(word.parts, quoted: true, splits: &ignored)
                    updates.append((variable, text.map { String($0.dropFirst(variable.count + 1)) }))
                }
            }
        }
        for (name, value) in updates { variables.set(name, value, at: index) }
    }

    private static let declarationCommands = ["export", "readonly", "declare", "typeset", "local"]

    private static func isDeclarationCommand(_ name: String) -> Bool {
        switch name.utf8.first {
        case UInt8(ascii: "e"), UInt8(ascii: "r"), UInt8(ascii: "d"), UInt8(ascii: "t"), UInt8(ascii: "l"): declarationCommands.contains(name)
        default: false
        }
    }

    /// The first `=`: on the bytes of ASCII text (where each byte is a character), by characters
    /// otherwise (a combining mark may follow the `=`).
    private static func firstEquals(in text: String) -> String.Index? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.firstIndex(of: "=") }
        return bytes.firstIndex(of: UInt8(ascii: "="))
    }

    init?(run: RunInstruction, command: ShellCommand, invocation: PackageInvocation, variables: VariableScope,
          runIndex: Int, commandIndex: Int, shellVariables: ShellVariables) {
        let positionals = invocation.positionals[...]
        guard let first = positionals.first?.literalValue else { return nil }
        var action = Self.aliases[invocation.program]?[first] ?? first
        var count = 1
        if Self.rpmPrograms.contains(invocation.program) {
            // `yum group install`, `dnf module install`, `dnf grp in`.
            if ["group", "groups", "grp", "module"].contains(action), let second = positionals.dropFirst().first?.literalValue {
                action = (action == "module" ? "module " : "group ") + (Self.aliases["dnf"]?[second] ?? second)
                count = 2
            } else if let grouped = Self.groupActions[action] {
                action = grouped
            }
        }
        self.run = run
        self.shellCommand = command
        self.invocation = invocation
        self.action = action
        self.actionWords = positionals.prefix(count)
        self.operands = positionals.dropFirst(count)
        self.variables = variables
        self.runIndex = runIndex
        self.commandIndex = commandIndex
        self.shellVariables = shellVariables
    }

    static let aptPrograms = ["apt-get", "apt", "aptitude"]
    /// The programs the fact reads (every `programs` a rule asks for is among them): the other
    /// commands of a RUN, nearly all of them, are not made into values no rule looks at.
    static let systemPrograms: Set<String> = ["apt-get", "apt", "aptitude", "apk", "yum", "dnf", "microdnf", "zypper"]
    static let rpmPrograms: Set<String> = ["yum", "dnf", "microdnf"]

    /// Short and old spellings of the actions.
    private static let aliases: [String: [String: String]] = {
        let rpm = [
            "in": "install", "install-n": "install", "install-na": "install", "install-nevra": "install",
            "localinstall": "install", "rei": "reinstall", "up": "upgrade", "update": "upgrade",
            "localupdate": "upgrade", "update-to": "upgrade", "upgrade-to": "upgrade",
            "up-min": "upgrade-minimal", "update-minimal": "upgrade-minimal",
            "rm": "remove", "erase": "remove", "remove-n": "remove", "remove-na": "remove", "remove-nevra": "remove",
            "dg": "downgrade", "dsync": "distro-sync", "distribution-synchronization": "distro-sync",
            "mod": "module",
        ]
        return [
            "yum": rpm, "dnf": rpm, "microdnf": rpm,
            "zypper": ["in": "install", "rm": "remove", "up": "update", "dup": "dist-upgrade",
                       "si": "source-install", "inr": "install-new-recommends", "ve": "verify"],
            "apt-get": ["auto-remove": "autoremove"],
        ]
    }()

    /// yum's one-word group actions.
    private static let groupActions = [
        "groupinstall": "group install", "groupupdate": "group upgrade", "groupupgrade": "group upgrade",
        "groupremove": "group remove", "grouperase": "group remove",
    ]

    /// The words from the program through the action, in the file (what a finding covers).
    var range: Range<Int> {
        let end = actionWords.last?.range.upperBound ?? invocation.name.range.upperBound
        return shellCommand.source.fileRange(of: invocation.name.range.lowerBound..<end)
    }

    /// The program as written (`yum`, `/usr/bin/dnf`) when it is a plain word, and the action
    /// words as written: `apt-get install`, `yum group install`.
    var label: String {
        let name = invocation.name.literalValue ?? invocation.program
        return ([name] + actionWords.map { $0.literalValue ?? "" }).joined(separator: " ")
    }

    // MARK: Options

    /// True when an option is given: a long one (`--yes`, also as `--yes=…`), or a short letter,
    /// alone or in a cluster (`-y`, `-qy`). Option values (`-o Foo`, `-oFoo`) are not options.
    func hasOption(long: Set<String>, short: Set<Character>) -> Bool {
        var found = false
        forEachOption { option, _ in
            switch option {
            case .long(let name, _): if long.contains(name) { found = true }
            case .short(let letter): if short.contains(letter) { found = true }
            }
        }
        return found
    }

    /// How many times a short option letter is given (`-qq`, `-q -q`).
    func count(of letter: Character) -> Int {
        var count = 0
        forEachOption { option, _ in
            if case .short(letter) = option { count += 1 }
        }
        return count
    }

    /// The values of an option that takes one: `-o X`, `-oX`, `--option X`, `--option=X`.
    func values(of long: String, short: Character?) -> [String] {
        var values: [String] = []
        forEachOption { option, value in
            guard let value else { return }
            switch option {
            case .long(let name, _) where name == long: values.append(value)
            case .short(let letter) where letter == short: values.append(value)
            default: break
            }
        }
        return values
    }

    enum Option: Equatable {
        /// `--name` or `--name=value` (the value, if attached).
        case long(String, attached: String?)
        case short(Character)
    }

    /// Visits each option before `--`, with its value when it takes one.
    private func forEachOption(_ visit: (Option, String?) -> Void) {
        let table = PackageInvocation.options(of: program)
        var sawPositional = false
        var words = invocation.arguments[...]
        let firstPositional = invocation.positionals.first?.range.lowerBound
        while let word = words.first {
            words = words.dropFirst()
            guard let value = word.literalValue else { continue }
            if let firstPositional, word.range.lowerBound >= firstPositional { sawPositional = true }
            // Most words are operands (package names): a first byte other than `-` settles them
            // before any comparison of characters.
            guard value.utf8.first == UInt8(ascii: "-") else { continue }
            if value == "--" { return }
            // ASCII words (nearly all) are read on their bytes, each of which is a character;
            // others by characters (a combining mark may join a `-` or an `=`).
            let isASCII = value.utf8.allSatisfy { $0 < 0x80 }
            guard isASCII ? value.utf8.count > 1 : value.hasPrefix("-") && value.count > 1 else { continue }
            let takesValue = sawPositional ? table.afterSubcommand : table.beforeSubcommand
            if isASCII ? value.utf8.dropFirst().first == UInt8(ascii: "-") : value.hasPrefix("--") {
                let body = value.dropFirst(2)
                if let equals = isASCII ? body.utf8.firstIndex(of: UInt8(ascii: "=")) : body.firstIndex(of: "=") {
                    let attached = String(body[body.index(after: equals)...])
                    visit(.long(String(body[..<equals]), attached: attached), attached)
                } else if takesValue.contains(value) {
                    let next = words.first?.literalValue
                    words = words.dropFirst()
                    visit(.long(String(body), attached: nil), next)
                } else {
                    visit(.long(String(body), attached: nil), nil)
                }
                continue
            }
            // A cluster of short options; one that takes a value ends it (`-oFoo`, `-qo Foo`).
            var letters = value.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard takesValue.contains("-\(letter)") else {
                    if letter == "=" { break }  // `-q=2`: handled by `quietLevel`
                    visit(.short(letter), nil)
                    continue
                }
                if letters.isEmpty {
                    let next = words.first?.literalValue
                    words = words.dropFirst()
                    visit(.short(letter), next)
                } else {
                    visit(.short(letter), String(letters.hasPrefix("=") ? letters.dropFirst() : letters))
                }
                break
            }
        }
    }

    /// The literal option words, for the forms `forEachOption` does not split (`-q=2`).
    var optionWords: [String] {
        invocation.arguments.compactMap { word in
            // The first byte first: most arguments are operands, and `hasPrefix` compares characters.
            guard let value = word.literalValue, value.utf8.first == UInt8(ascii: "-"), value.hasPrefix("-") else { return nil }
            return value
        }
    }

    // MARK: Operands

    /// An operand's possible values: its literal value, or its value with ARG and ENV variables
    /// expanded (split into words when an unquoted variable holds several). Nil when a part of it
    /// is only known when the build runs (an ARG without a default, a shell variable, `$(…)`).
    func values(of operand: Word) -> [String]? {
        if let literal = operand.literalValue { return [literal] }
        var splits = false
        guard let value = expand(operand.parts, quoted: false, splits: &splits) else { return nil }
        return splits ? value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) : [value]
    }

    private func expand(_ parts: [WordPart], quoted: Bool, splits: inout Bool) -> String? {
        WordExpander(shellVariables: shellVariables, before: commandIndex, variables: variables, source: shellCommand.source)
            .expand(parts, quoted: quoted, splits: &splits)
    }
}

/// The shell variables a RUN assigns, each with the commands that set it: one history for the
/// whole RUN, read as of any command in O(log n).
struct ShellVariables {
    private var history: [String: [(command: Int, value: String?)]] = [:]

    /// Commands are recorded in order.
    mutating func set(_ name: String, _ value: String?, at command: Int) {
        history[name, default: []].append((command, value))
    }

    /// Nil when no command before `command` set it; `.some(nil)` when one did, with a value only
    /// known at run time.
    func value(of name: String, before command: Int) -> String?? {
        guard let entries = history[name] else { return nil }
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].command < command { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : .some(entries[low - 1].value)
    }
}

/// Expands the variables of a word whose values are known before the build runs: the RUN's own
/// shell variables first, then ARG and ENV values. Nil when a part is only known at run time.
struct WordExpander {
    let shellVariables: ShellVariables
    /// The command whose words are expanded: only assignments before it count.
    let before: Int
    let variables: VariableScope
    let source: ShellScriptSource

    /// `splits` is set when an unquoted variable was expanded (its value then splits into words).
    func expand(_ parts: [WordPart], quoted: Bool, splits: inout Bool) -> String? {
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text, _), .escaped(let text, _), .singleQuoted(let text, _), .ansiCQuoted(let text, _):
                result += text
            case .doubleQuoted(let inner, _):
                guard let text = expand(inner, quoted: true, splits: &splits) else { return nil }
                result += text
            case .parameter(let parameter):
                guard !parameter.isLength, !parameter.isIndirect else { return nil }
                let value: String?
                if let local = shellVariables.value(of: parameter.name, before: before) {
                    // Set by the RUN itself: its value, whatever an ARG of that name holds.
                    guard parameter.op == nil || [.useDefault, .useDefaultIfUnset].contains(parameter.op) else { return nil }
                    value = local
                } else if parameter.op == nil {
                    if case .known(let known) = variables[parameter.name] { value = known } else { value = nil }
                } else {
                    // `${V:-default}`, `${V:+alt}`: as BuildKit would expand them.
                    guard [.useDefault, .useDefaultIfUnset, .useAlternative, .useAlternativeIfSet].contains(parameter.op) else { return nil }
                    value = variables.expand(source.string(parameter.range))
                }
                guard let value else { return nil }
                if !quoted { splits = true }
                result += value
            case .commandSubstitution, .arithmetic:
                return nil
            }
        }
        return result
    }
}

extension SystemPackageCommand {
    /// `-y` (or another option) inserted right after the action word, wherever that word is
    /// (continued line, `sh -c` string, heredoc). Nil for an exec-form RUN, whose JSON an
    /// inserted word would break.
    func insertionFix(_ text: String, title: String, applicability: Applicability) -> Fix? {
        guard let last = actionWords.last else { return nil }
        return insertion(text, after: last, title: title, applicability: applicability)
    }

    func insertion(_ text: String, after word: Word, title: String, applicability: Applicability) -> Fix? {
        if case .exec = run.instruction.arguments { return nil }
        let end = shellCommand.fileRange(of: word).upperBound
        return Fix(title: title, applicability: applicability, edits: [TextEdit(range: end..<end, replacement: " " + text)])
    }

    /// The findings of a pinning rule: each operand whose value is not pinned, at the operand.
    /// Operands whose values are not known before the build are taken as pinned.
    func unpinnedOperands(isPinned: (String) -> Bool) -> [(word: Word, packages: [String])] {
        operands.compactMap { operand in
            guard let values = values(of: operand) else { return nil }
            let unpinned = values.filter { !$0.isEmpty && !$0.hasPrefix("-") && !isPinned($0) }
            return unpinned.isEmpty ? nil : (operand, unpinned)
        }
    }
}

/// Settings an earlier command wrote into apt's configuration (`/etc/apt/apt.conf.d/…`), which
/// later apt commands of the stage, and of stages built FROM it, follow.
struct AptConfiguration {
    /// `APT::Install-Recommends "false";`
    static let noRecommends = Setting(key: "apt::install-recommends", values: ["false", "0", "no", "off"])
    /// `APT::Get::Assume-Yes "true";`
    static let assumeYes = Setting(key: "apt::get::assume-yes", values: ["true", "1", "yes", "on"])

    struct Setting {
        let key: String
        let values: Set<String>
    }

    /// For each RUN command (by RUN index, then command index), whether `setting` was written
    /// before it: in an earlier command of the RUN, an earlier RUN of the stage, or a stage it is
    /// built FROM. One pass over the file.
    static func written(_ setting: Setting, in model: DockerfileModel) -> (_ run: Int, _ command: Int) -> Bool {
        var firstWrite: [Int: (run: Int, command: Int)] = [:]
        for candidates in model.facts.value(WritersFact.self, { writers(in: model) }) {
            let run = model.runs[candidates.run]
            guard let stage = model.states[run.instructionIndex].stageIndex, firstWrite[stage] == nil else { continue }
            // Whether each script mentions the setting, read once per script (for `tee`).
            var mentions: [Int: Bool] = [:]
            let writer = candidates.commands.first { writer in
                let command = run.commands[writer.index]
                guard writer.isTee else { return contains(setting, in: commandText(command)) }
                let script = run.commandScriptIndices[writer.index]
                if let known = mentions[script] { return known }
                let found = contains(setting, in: run.scripts[script].string(0..<run.scripts[script].text.count))
                mentions[script] = found
                return found
            }
            if let writer { firstWrite[stage] = (candidates.run, writer.index) }
        }
        // A stage inherits the writes of the stages it is built FROM (all before it in the file).
        var inherited = Array(repeating: false, count: model.stages.count)
        for stage in model.stages {
            if let parent = stage.parentStage, parent < stage.index {
                inherited[stage.index] = firstWrite[parent] != nil || inherited[parent]
            }
        }
        return { runIndex, commandIndex in
            let run = model.runs[runIndex]
            guard let stage = model.states[run.instructionIndex].stageIndex else { return false }
            if inherited[stage] { return true }
            guard let write = firstWrite[stage] else { return false }
            return (write.run, write.command) < (runIndex, commandIndex)
        }
    }

    /// The commands that may write apt's configuration, whatever the setting, by RUN in file
    /// order: found once per model for all the settings the rules ask about.
    private enum WritersFact: ModelFactKey {
        typealias Value = [(run: Int, commands: [(index: Int, isTee: Bool)])]
    }

    /// `… | tee /etc/apt/apt.conf.d/…` (which writes what an earlier command of the pipeline
    /// prints: it counts when its script has the setting), or `echo … > /etc/apt/apt.conf.d/…`.
    private static func writers(in model: DockerfileModel) -> WritersFact.Value {
        var result: WritersFact.Value = []
        for (runIndex, run) in model.runs.enumerated() {
            var commands: [(index: Int, isTee: Bool)] = []
            for (index, command) in run.commands.enumerated() {
                let simple = command.command
                if simple.commandName == "tee" {
                    if simple.arguments.contains(where: { $0.literalValue?.hasPrefix("/etc/apt/apt.conf") == true }) { commands.append((index, true)) }
                    continue
                }
                let intoAptConf = simple.redirections.contains { redirection in
                    guard redirection.op == .output || redirection.op == .append || redirection.op == .clobber,
                          let target = redirection.target?.literalValue else { return false }
                    return target.hasPrefix("/etc/apt/apt.conf")
                }
                if intoAptConf { commands.append((index, false)) }
            }
            if !commands.isEmpty { result.append((runIndex, commands)) }
        }
        return result
    }

    /// The words of an `echo`/`printf` command, for the setting they write.
    private static func commandText(_ command: ShellCommand) -> String {
        command.command.words.map { $0.literalValue ?? $0.text(in: command.source.text) }.joined(separator: " ")
    }

    /// True when `text` sets the key to one of the values: `Key "false";`, `Key=false`, `Key 0`.
    static func contains(_ setting: Setting, in text: String) -> Bool {
        let lowered = text.lowercased()
        var searchStart = lowered.startIndex
        while let found = lowered[searchStart...].firstRange(of: setting.key) {
            var rest = lowered[found.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "=" || $0 == "'" || $0 == "\\" }
            rest = rest.prefix { $0.isLetter || $0.isNumber }
            if setting.values.contains(String(rest)) { return true }
            searchStart = found.upperBound
        }
        return false
    }
}
