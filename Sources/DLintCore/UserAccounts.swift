/// A user or group a `RUN` creates with `useradd`, `adduser`, `groupadd` or `addgroup`
/// (shadow-utils, Debian's adduser and BusyBox's applets), with the id it is given, if any.
public struct AccountCreation: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case user, group
    }

    /// An id given on the command line.
    public enum Identifier: Sendable, Hashable {
        /// A literal number: `-u 1000`, `--uid=1000`, `-u1000`.
        case number(Int)
        /// A value computed at build time (`-u "$APP_UID"`, `--uid=${UID:-1000}`): fixed by the
        /// build, not by the system's allocator. The source text of the value.
        case expression(String)
    }

    public let kind: Kind
    /// The program as run, without its directory: `useradd`, `adduser`, `groupadd` or `addgroup`.
    public let tool: String
    /// The user or group name; nil when it is computed at build time or missing.
    public let name: String?
    /// The explicit id; nil when the system picks one (`useradd -r app` included).
    public let id: Identifier?
    /// `-r`/`--system` (shadow-utils), `--system` (Debian), `-S` (BusyBox): a system account,
    /// whose id is picked from the system range.
    public let isSystem: Bool
    /// For a user, the primary group as given (`useradd -g`, Debian `--ingroup`/`--gid`,
    /// BusyBox `adduser -G`), a name or a number; nil when not given.
    public let primaryGroup: String?
    /// The index of the `RUN` in `SyntaxTree.instructions`.
    public let instructionIndex: Int
    public let stageIndex: Int?
    /// True for a creation in an `ONBUILD RUN`: it happens in the images built `FROM` this one,
    /// so the instructions after it in this stage do not see the account.
    public let isOnbuildTrigger: Bool
    /// The whole command (wrappers such as `sudo` included).
    public let command: ShellCommand
    /// The tool's word in the command, e.g. `useradd`.
    public let toolWord: Word
    /// Which option spellings the command uses: `--long` ones, `-s`hort ones (either, both, none).
    public let usesLongOptions: Bool
    public let usesShortOptions: Bool
    /// For a user, true when the tool also creates a group of the same name as the user's
    /// primary group (shadow-utils' user-private group, BusyBox and Debian adduser without a
    /// primary group given, Debian `adduser --system --group`); its id is then picked to match
    /// the user's id when that id is free.
    public let createsOwnGroup: Bool

    /// The file bytes of the tool's word.
    public var toolRange: Range<Int> { command.fileRange(of: toolWord) }
}

extension DockerfileModel {
    /// Every user and group created by a `RUN` in the file, in order.
    ///
    /// Commands that only add an existing user to a group (`adduser user group`,
    /// `addgroup user group`) or change defaults (`useradd -D`) are not creations.
    public var accountCreations: [AccountCreation] {
        facts.value(AccountCreationsFact.self) { computeAccountCreations() }
    }

    private enum AccountCreationsFact: ModelFactKey { typealias Value = [AccountCreation] }

    private func computeAccountCreations() -> [AccountCreation] {
        var creations: [AccountCreation] = []
        for run in runs {
            // Only the commands of the four tools are read: nearly every command is turned away
            // by its name, without an optional creation (a large value) made and dropped for it.
            for command in run.commands where AccountCreation.isAccountTool(command) {
                if let creation = AccountCreation(
                    command: command, instructionIndex: run.instructionIndex, stageIndex: run.state.stageIndex,
                    isOnbuildTrigger: run.isOnbuildTrigger
                ) {
                    creations.append(creation)
                }
            }
        }
        return creations
    }

    /// The creations that have run before an instruction: those of its stage before it, and those
    /// of the stages it is built `FROM`, transitively (outside any stage: those before it, outside
    /// any stage too). `ONBUILD` triggers are not among them: they run in a child image.
    public func accountCreations(before instructionIndex: Int) -> [AccountCreation] {
        guard let stageIndex = states[instructionIndex].stageIndex else {
            return accountCreations.filter { $0.stageIndex == nil && !$0.isOnbuildTrigger && $0.instructionIndex < instructionIndex }
        }
        let visible = Set(stageChain(from: stageIndex))
        return accountCreations.filter { creation in
            guard !creation.isOnbuildTrigger, let stage = creation.stageIndex, visible.contains(stage) else { return false }
            return stage != stageIndex || creation.instructionIndex < instructionIndex
        }
    }
}

extension AccountCreation {
    /// Options taking a value, per tool (short letters and long names), so that operands are told
    /// apart from option values, and the long options without one (for abbreviations such as
    /// `--home` for `--home-dir`, which getopt_long and Perl's Getopt::Long accept). `adduser`
    /// merges BusyBox, Debian and shadow-utils (Red Hat's `adduser` is `useradd`).
    private static let grammars: [String: (short: Set<Character>, long: Set<String>, flags: Set<String>)] = {
        let useraddLong: Set<String> = [
            "base-dir", "comment", "home-dir", "expiredate", "inactive", "gid", "groups", "skel", "key",
            "password", "root", "prefix", "shell", "uid", "selinux-user", "selinux-range",
        ]
        let useraddFlags: Set<String> = [
            "badname", "badnames", "btrfs-subvolume-home", "help", "defaults", "no-log-init", "create-home",
            "no-create-home", "no-user-group", "non-unique", "system", "user-group",
        ]
        let debianFlags: Set<String> = [
            "quiet", "debug", "verbose", "force-badname", "allow-badname", "allow-bad-names", "allow-all-names",
            "disabled-password", "disabled-login", "no-create-home", "system", "group", "encrypt-home",
            "add-extra-groups", "add_extra_groups", "extrausers", "help", "version",
        ]
        return [
            "useradd": (Set("bcdefgGkKpRPsuZ"), useraddLong, useraddFlags),
            "groupadd": (Set("gKpRPU"), ["gid", "key", "password", "root", "prefix", "users"], ["force", "non-unique", "system", "help"]),
            "adduser": (
                Set("bcdefgGhkKpRPsuZ"),
                useraddLong.union(["home", "ingroup", "firstuid", "lastuid", "firstgid", "lastgid", "gecos", "conf"]),
                useraddFlags.union(debianFlags)
            ),
            "addgroup": (Set("g"), ["gid", "conf", "firstgid", "lastgid"], debianFlags),
        ]
    }()

    /// The full name of a long option given as an unambiguous abbreviation.
    private static func canonical(_ name: String, long: Set<String>, flags: Set<String>) -> String {
        if long.contains(name) || flags.contains(name) { return name }
        let candidates = long.union(flags).filter { $0.hasPrefix(name) }
        return candidates.count == 1 ? candidates.first! : name
    }

    /// Whether the command runs `useradd`, `groupadd`, `adduser` or `addgroup`: four comparisons,
    /// where a look-up in `grammars` would hash the name of every command of every RUN.
    static func isAccountTool(_ command: ShellCommand) -> Bool {
        guard let program = command.command.effectiveCommand?.commandName else { return false }
        let tool = PathText.basename(program)
        return tool == "useradd" || tool == "groupadd" || tool == "adduser" || tool == "addgroup"
    }

    init?(command: ShellCommand, instructionIndex: Int, stageIndex: Int?, isOnbuildTrigger: Bool = false) {
        guard let invocation = command.command.effectiveCommand, let program = invocation.commandName else { return nil }
        let tool = PathText.basename(program)
        guard let grammar = Self.grammars[tool] else { return nil }

        // Options as (name, value text, value literal); `-x` names are one letter, `--x` long.
        var options: [(name: String, value: String?, literal: String?)] = []
        var operands: [Word] = []
        var arguments = invocation.arguments[...]
        var endOfOptions = false
        while let word = arguments.first {
            arguments = arguments.dropFirst()
            let text = word.literalValue ?? word.text(in: command.source.text)
            guard !endOfOptions, text.hasPrefix("-"), text.count > 1 else {
                operands.append(word)
                continue
            }
            if text == "--" { endOfOptions = true; continue }
            if text.hasPrefix("--") {
                let body = text.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    let value = String(body[body.index(after: equals)...])
                    let name = Self.canonical(String(body[..<equals]), long: grammar.long, flags: grammar.flags)
                    options.append((name, value, word.literalValue == nil ? nil : value))
                    continue
                }
                let name = Self.canonical(String(body), long: grammar.long, flags: grammar.flags)
                if grammar.long.contains(name), let next = arguments.first {
                    arguments = arguments.dropFirst()
                    options.append((name, next.literalValue ?? next.text(in: command.source.text), next.literalValue))
                } else {
                    options.append((name, nil, nil))
                }
                continue
            }
            // A cluster of short options: `-SD`, `-u1000`, `-Du 1000`.
            var letters = text.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard grammar.short.contains(letter) else {
                    options.append((String(letter), nil, nil))
                    continue
                }
                if !letters.isEmpty {
                    let value = String(letters)
                    options.append((String(letter), value, word.literalValue == nil ? nil : value))
                } else if let next = arguments.first {
                    arguments = arguments.dropFirst()
                    options.append((String(letter), next.literalValue ?? next.text(in: command.source.text), next.literalValue))
                } else {
                    options.append((String(letter), nil, nil))
                }
                break
            }
        }

        let spellings = invocation.arguments.compactMap { $0.literalValue ?? $0.text(in: command.source.text) }
            .prefix { $0 != "--" }.filter { $0.hasPrefix("-") && $0.count > 1 }
        self.usesLongOptions = spellings.contains { $0.hasPrefix("--") }
        self.usesShortOptions = spellings.contains { !$0.hasPrefix("--") }
        func has(_ names: String...) -> Bool { options.contains { names.contains($0.name) } }
        func value(_ names: String...) -> (text: String, literal: String?)? {
            options.last { names.contains($0.name) && $0.value != nil }.map { ($0.value!, $0.literal) }
        }
        func identifier(_ names: String...) -> Identifier? {
            guard let found = options.last(where: { names.contains($0.name) && $0.value != nil }) else { return nil }
            if let literal = found.literal {
                return Int(literal).map { .number($0) } ?? .expression(literal)
            }
            return .expression(found.value!)
        }

        let kind: Kind
        let id: Identifier?
        let isSystem: Bool
        var primaryGroup: String?
        var createsOwnGroup = false
        switch tool {
        case "useradd":
            // One operand; should an option be misread, the name is still the last operand.
            guard !has("D", "defaults"), !operands.isEmpty else { return nil }
            kind = .user
            id = identifier("u", "uid")
            isSystem = has("r", "system")
            primaryGroup = value("g", "gid")?.text
            // USERGROUPS_ENAB is on in Debian's, Alpine's and Red Hat's login.defs.
            createsOwnGroup = primaryGroup == nil && !has("N", "no-user-group")
        case "groupadd":
            guard !operands.isEmpty else { return nil }
            kind = .group
            id = identifier("g", "gid")
            isSystem = has("r", "system")
        case "adduser":
            // `adduser user group` adds an existing user to a group (Debian and BusyBox).
            guard operands.count == 1 else { return nil }
            isSystem = has("S", "r", "system")
            // Debian: `adduser --group name` without `--system` is `addgroup name`.
            if has("group"), !isSystem {
                kind = .group
                id = identifier("gid")
            } else {
                kind = .user
                id = identifier("u", "uid")
                primaryGroup = value("ingroup", "gid", "G")?.text
                // BusyBox puts a user without -G in a new group; Debian a non-system user, or
                // a system one with --group.
                createsOwnGroup = primaryGroup == nil && (!isSystem || has("group") || has("D") || has("S"))
            }
        default: // addgroup
            // `addgroup user group` adds an existing user to a group.
            guard operands.count == 1 else { return nil }
            kind = .group
            id = identifier("g", "gid")
            isSystem = has("S", "system")
        }

        self.kind = kind
        self.tool = tool
        self.name = operands.last?.literalValue
        self.id = id
        self.isSystem = isSystem
        self.primaryGroup = primaryGroup
        self.createsOwnGroup = createsOwnGroup
        self.instructionIndex = instructionIndex
        self.stageIndex = stageIndex
        self.isOnbuildTrigger = isOnbuildTrigger
        self.command = command
        self.toolWord = invocation.name
    }
}

/// The value of a `USER` instruction, `user[:group]`, after variable expansion.
public struct UserInstructionValue: Sendable, Hashable {
    /// The index of the `USER` in `SyntaxTree.instructions`.
    public let instructionIndex: Int
    /// The text as written.
    public let text: TextSpan
    /// The expanded user and group; nil when a variable's value is not known.
    public let user: String?
    public let group: String?
    /// The file bytes of the user part as written, when it can be told apart (no variable, no
    /// line continuation); else the whole value.
    public let userRange: Range<Int>

    /// True when the user is given as a number (`1000`, `0`).
    public var userIsNumeric: Bool { user.map { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) } ?? false }
}

extension DockerfileModel {
    /// A `USER` instruction's value, nil for another instruction.
    public func userValue(at index: Int) -> UserInstructionValue? {
        let instruction = instructions[index]
        guard instruction.kind == .user, case .text(let text) = instruction.arguments else { return nil }
        let escape = Character(UnicodeScalar(tree.escapeCharacter))
        let expanded = states[index].variables.expand(text.text, escape: escape)
        let parts = expanded.map { $0.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init) }
        var userRange = text.range
        if let writtenUser = text.text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first,
           !writtenUser.contains("$"), text.range.count == text.text.utf8.count {
            userRange = text.range.lowerBound..<(text.range.lowerBound + writtenUser.utf8.count)
        }
        return UserInstructionValue(
            instructionIndex: index, text: text, user: parts?.first,
            group: parts.flatMap { $0.count > 1 ? $0[1] : nil }, userRange: userRange
        )
    }

    /// The `USER` instruction that sets the final image's user: the last one of the final stage,
    /// or, when it has none, of the stage it is built `FROM` (transitively). Nil when the file
    /// never sets it in that chain (the base image's user applies).
    public var finalImageUserInstruction: Int? {
        guard let finalStage else { return nil }
        for index in stageChain(from: finalStage.index) {
            if let last = stages[index].instructionIndices.last(where: { instructions[$0].kind == .user }) { return last }
        }
        return nil
    }
}

extension DockerfileModel {
    /// The numeric id of the user `name` as the file creates it, seen from an instruction: the
    /// last `useradd`/`adduser` of that name before it (in its stage or the stages it is built
    /// `FROM`), when that gives a literal id. Nil when the file does not create the user, or
    /// leaves its id to the system or to a variable.
    public func createdUserID(named name: String, before instructionIndex: Int) -> Int? {
        guard let creation = accountCreations(before: instructionIndex).last(where: { $0.kind == .user && $0.name == name }),
              case .number(let id) = creation.id else { return nil }
        return id
    }
}
