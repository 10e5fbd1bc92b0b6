/// A package-manager command: its program (after wrappers, by base name without version), and
/// its arguments, with the positional ones (the subcommand first) picked out.
///
/// Computed once per shell command when the model is built (`ShellCommand.packageInvocation`):
/// the cache rules and the package rules all read it, so no rule parses a command again.
public struct PackageInvocation: Sendable {
    /// The fields, in one shared box: the rules copy the invocation of every command they look
    /// at, and a copy is then one reference instead of two words, three arrays and two strings.
    private final class Storage: Sendable {
        let name: Word
        let program: String
        /// The module of `python -m MODULE`.
        let module: String?
        let arguments: [Word]
        let positionals: [Word]
        let wrappers: [String]

        init(name: Word, program: String, module: String?, arguments: [Word], positionals: [Word], wrappers: [String]) {
            self.name = name
            self.program = program
            self.module = module
            self.arguments = arguments
            self.positionals = positionals
            self.wrappers = wrappers
        }
    }

    private let storage: Storage

    /// The command word (`apt-get`, `/usr/local/bin/pip3`, or `python3` for `python3 -m pip`).
    public var name: Word { storage.name }
    /// `pip` for `pip3.12`, `/opt/venv/bin/pip` and `python3 -m pip`.
    public var program: String { storage.program }
    /// As written, for messages: `apt-get update`, `python3 -m pip install`. Put together when a
    /// finding asks: the model reads every command, and few become findings.
    public var description: String {
        var description = name.literalValue ?? ""
        if let module = storage.module { description += " -m \(module)" }
        if let subcommand = positionals.first?.literalValue { description += " \(subcommand)" }
        return description
    }
    /// The arguments after the program (after the module for `python -m`).
    public var arguments: [Word] { storage.arguments }
    /// The arguments that are not options nor option values; the first is the subcommand.
    public var positionals: [Word] { storage.positionals }
    /// Wrappers looked through (`sudo`, `env`), outermost first.
    public var wrappers: [String] { storage.wrappers }

    public var subcommand: Word? { positionals.first }

    /// Options that take a value, for a program this type has no table of its own for.
    public static let optionsWithValue: Set<String> = [
        // apt-get
        "-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release",
        // apk
        "-X", "--repository", "--virtual", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file",
        // pip
        "-r", "--requirement", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
        "--proxy", "--log", "--timeout", "--retries", "--trusted-host", "--cert", "--client-cert",
        "--exists-action", "--target", "--prefix", "--python", "--constraint", "--upgrade-strategy",
        // yum, dnf, zypper
        "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-x", "--exclude",
        "--repo", "--repofrompath", "--config", "-R", "--from",
        // yarn
        "--cache-folder", "--modules-folder", "--cwd", "--network-timeout", "--mutex",
    ]

    /// Options that take the next word as their value, before the subcommand (global options)
    /// and after it. Per program, since letters mean different things: `-f` is apt-get's
    /// `--fix-broken` but pip's `--find-links`, `-C` is zypper's cache directory before the
    /// subcommand and `--capability` after it.
    public struct OptionTable: Sendable {
        public let beforeSubcommand: Set<String>
        public let afterSubcommand: Set<String>

        init(_ both: Set<String>) {
            self.beforeSubcommand = both
            self.afterSubcommand = both
        }

        init(before: Set<String>, after: Set<String>) {
            self.beforeSubcommand = before
            self.afterSubcommand = after
        }
    }

    private static let apt = OptionTable([
        "-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release",
        // aptitude
        "-F", "--display-format", "-w", "--width", "-O", "--sort",
    ])
    private static let apk = OptionTable([
        "-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--cache-dir", "--keys-dir",
        "--repositories-file", "--cache-max-age", "--timeout",
    ])
    private static let rpm = OptionTable([
        "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-x", "--exclude",
        "--repo", "--repoid", "--repofrompath", "--config", "-c", "-R", "--randomwait", "-d", "--debuglevel",
        "-e", "--errorlevel", "--downloaddir", "--destdir", "--forcearch", "--color", "--rpmverbosity",
        "--disableplugin", "--enableplugin", "--comment", "--advisory", "--advisories", "--bz", "--cve",
        "--sec-severity", "--secseverity",
    ])
    private static let zypper = OptionTable(
        before: ["-R", "--root", "-c", "--config", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir",
                 "--solv-cache-dir", "--pkg-cache-dir", "--installroot", "--userdata"],
        after: ["-t", "--type", "-r", "--repo", "--from", "--download"]
    )
    private static let other = OptionTable(optionsWithValue)

    /// The option table of a program, by base name.
    public static func options(of program: String) -> OptionTable {
        // Every command comes here; the names below start with five letters, and other names
        // are told apart by their first byte instead of eight comparisons.
        guard let first = program.utf8.first,
              first == UInt8(ascii: "a") || first == UInt8(ascii: "y") || first == UInt8(ascii: "d")
              || first == UInt8(ascii: "m") || first == UInt8(ascii: "z") else { return other }
        return switch program {
        case "apt-get", "apt", "apt-cache", "aptitude": apt
        case "apk": apk
        case "yum", "dnf", "microdnf": rpm
        case "zypper": zypper
        default: other
        }
    }

    /// The invocation parsed when the model was built (nil when the command has no literal name).
    public init?(_ command: ShellCommand) {
        guard let invocation = command.packageInvocation else { return nil }
        self = invocation
    }

    public init?(_ command: SimpleCommand) {
        guard let invocation = command.effectiveCommand, let nameText = invocation.commandName else { return nil }
        var program = Self.baseProgram(nameText)
        var arguments = invocation.arguments[...]
        var pythonModule: String?
        if program == "python" {
            // `python3 -m pip ...`, `python -u -mpip ...`
            var module: String?
            while let word = arguments.first, let value = word.literalValue, value.hasPrefix("-") {
                arguments = arguments.dropFirst()
                if value == "-m" {
                    module = arguments.first?.literalValue
                    arguments = arguments.dropFirst()
                    break
                } else if value.hasPrefix("-m") {
                    module = String(value.dropFirst(2))
                    break
                }
            }
            guard let module else { return nil }
            program = Self.baseProgram(module)
            pythonModule = module
        }
        let table = Self.options(of: program)
        // The invocation's own array when nothing was dropped (all but `python -m`): shared, not copied.
        let allArguments = pythonModule == nil ? invocation.arguments : Array(arguments)
        // Most commands (`echo …`, `cd dir`) have no option: their positionals are their arguments,
        // shared rather than copied word by word (a 50 MB heredoc has millions of such commands).
        let hasOption = arguments.contains { word in
            guard let value = word.literalValue else { return false }
            return Self.isOption(value)
        }
        var positionals: [Word] = hasOption ? [] : allArguments
        var rest = hasOption ? arguments : []
        while let word = rest.first {
            rest = rest.dropFirst()
            guard let value = word.literalValue else {
                positionals.append(word)
                continue
            }
            if value == "--" {
                positionals += rest
                break
            }
            if Self.isOption(value) {
                let takesValue = positionals.isEmpty ? table.beforeSubcommand : table.afterSubcommand
                if takesValue.contains(value) { rest = rest.dropFirst() }
                continue
            }
            positionals.append(word)
        }
        self.storage = Storage(
            name: invocation.name, program: program, module: pythonModule, arguments: allArguments,
            positionals: positionals, wrappers: invocation.wrappers
        )
    }

    /// `value.hasPrefix("-") && value.count > 1`, without counting the characters of every
    /// argument: a `-` and an ASCII byte are always two characters; only a non-ASCII byte after
    /// the `-` (which may combine with it) needs the characters.
    private static func isOption(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard utf8.count > 1, utf8.first == UInt8(ascii: "-") else { return false }
        if utf8[utf8.index(after: utf8.startIndex)] < 0x80 { return true }
        return value.hasPrefix("-") && value.count > 1
    }

    /// True when `--option` or `--option=value` is among the arguments.
    public func hasOption(_ option: String) -> Bool {
        arguments.contains { word in
            guard let value = word.literalValue else { return false }
            return value == option || value.hasPrefix(option + "=")
        }
    }

    /// The value of `--option value` or `--option=value`.
    public func optionValue(_ option: String) -> String? {
        for (index, word) in arguments.enumerated() {
            guard let value = word.literalValue else { continue }
            if value == option, index + 1 < arguments.count { return arguments[index + 1].literalValue }
            if value.hasPrefix(option + "=") { return String(value.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// `/usr/bin/pip3.12` is `pip`, `dnf-3` and `dnf5` are `dnf`, `python3.11` is `python`.
    public static func baseProgram(_ name: String) -> String {
        // On the UTF-8 buffer, walking back by offset: every command of every RUN comes here
        // (`dropLast()` on a substring once made a 25 KB word of dashes quadratic). The usual name
        // (`curl`, `apt-get`) has no path and no version to take off: it is returned as it is.
        func isVersionByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        var name = name
        let base: String? = name.withUTF8 { bytes in
            guard let last = bytes.last else { return nil }
            var start = bytes.count
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            guard start > 0 || isVersionByte(last) else { return nil }
            var end = bytes.count
            while end > start, isVersionByte(bytes[end - 1]) { end -= 1 }
            guard end > start, start > 0 || end < bytes.count else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return base ?? name
    }
}
