import DLintCore

/// DX1405: a mode that lets every user write (`chmod 777`, `chmod -R a+rwx`, `o+w`, `mkdir -m
/// 777`, `install -m 666`, `COPY --chmod=777`) on anything but a temporary directory; and a
/// temporary directory given `777`, which clears its sticky bit.
struct WorldWritable: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1405", name: "world-writable", severity: .warning,
        summary: "Do not make files writable by every user", fixable: true
    )

    static let temporaryDirectories: Set<String> = ["/tmp", "/var/tmp", "/dev/shm"]

    /// The programs whose commands set modes (`find` for its `-exec chmod`).
    private static let programs: Set<String> = ["find", "chmod", "mkdir", "install"]

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let model = context.model
        // Only the commands of the four programs are read, from the model's index of commands by
        // program (which hashed every command's program once), not every command of every RUN.
        for position in model.packageCommandPositions(running: Self.programs) {
            let command = model.runs[position.run].commands[position.command]
            guard let invocation = command.command.effectiveCommand, let name = invocation.commandName else { continue }
            var program = PackageInvocation.baseProgram(name)
            // The index knows `python3 -m chmod` as chmod: this rule goes by the command's own name.
            guard program == command.packageInvocation?.program else { continue }
            var arguments = invocation.arguments
            var searched: [String?]?
            // `find DIR … -exec chmod 777 {} +`: the mode applies to what find finds under DIR.
            if program == "find", let exec = arguments.firstIndex(where: { $0.literalValue == "-exec" || $0.literalValue == "-execdir" }),
               exec + 1 < arguments.count, let tool = arguments[exec + 1].literalValue, PackageInvocation.baseProgram(tool) == "chmod" {
                searched = arguments[..<exec].prefix { !($0.literalValue ?? "").hasPrefix("-") }.map(\.literalValue)
                let end = arguments[(exec + 2)...].firstIndex { $0.literalValue == ";" || $0.literalValue == "+" } ?? arguments.count
                arguments = Array(arguments[(exec + 2)..<end].filter { $0.literalValue != "{}" })
                program = "chmod"
            }
            guard let (modeWord, targets) = Self.modeAndTargets(program: program, arguments: arguments),
                  let mode = modeWord.literalValue, Self.isWorldWritable(mode), !Self.isSticky(mode) else { continue }
            // find without a path searches the working directory.
            let paths = searched.map { $0.isEmpty ? ["."] : $0 } ?? targets.map { $0.literalValue }
            let range = command.fileRange(of: modeWord)
            if let finding = Self.finding(program: program, mode: mode, paths: paths, at: range) { findings.append(finding) }
        }
        for checked in model.checkedInstructions where checked.instruction.kind == .copy || checked.instruction.kind == .add {
            guard let flag = checked.instruction.flag("chmod"), let mode = flag.value, Self.isWorldWritable(mode), !Self.isSticky(mode),
                  let transfer = FileTransfer(checked.instruction) else { continue }
            let destination = ArchiveName.dropQuotes(transfer.destination.text)
            guard !Self.isInsideTemporaryDirectory(destination) else { continue }
            findings.append(Finding(
                "\(checked.instruction.keyword.text) --chmod=\(mode) makes '\(destination)' writable by every user: any process in the container can change it; give it to the user that writes it (--chown) with a mode like 755",
                at: flag.range
            ))
        }
        return findings
    }

    private static func finding(program: String, mode: String, paths: [String?], at range: Range<Int>) -> Finding? {
        let exposed = paths.filter { path in
            guard let path else { return true }
            return !isInsideTemporaryDirectory(path) && !isTemporaryDirectory(path)
        }
        if let first = exposed.first {
            let shown = first.map { "'\($0)'" } ?? "a path given by a variable"
            let more = exposed.count > 1 ? " (and \(exposed.count - 1) more)" : ""
            return Finding(
                "\(program) \(mode) makes \(shown)\(more) writable by every user: any process in the container can change it; give it to the user that writes it (chown) with a mode like 755",
                at: range
            )
        }
        // Only temporary directories: fine with the sticky bit, which an octal mode without it clears.
        guard Int(mode, radix: 8) != nil, mode.allSatisfy(\.isNumber),
              let directory = paths.compactMap({ $0 }).first(where: isTemporaryDirectory) else { return nil }
        let sticky = mode.count == 4 ? "1" + mode.dropFirst() : "1" + mode
        return Finding(
            "\(program) \(mode) clears the sticky bit of '\(directory)': every user can then delete or rename others' files in it; use \(sticky)",
            at: range,
            fix: Fix(title: "Use mode \(sticky)", applicability: .unsafe, edits: [TextEdit(range: range, replacement: sticky)])
        )
    }

    static func isTemporaryDirectory(_ path: String) -> Bool {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasByteSuffix("/") { trimmed = trimmed.dropLast() }
        return temporaryDirectories.contains(String(trimmed))
    }

    static func isInsideTemporaryDirectory(_ path: String) -> Bool {
        temporaryDirectories.contains { path.hasPrefix($0 + "/") && path.count > $0.count + 1 }
    }

    /// The mode word and the paths it applies to: `chmod [-R] MODE PATH…`, `mkdir -m MODE PATH…`,
    /// `install -m MODE SOURCE… DEST` (only the destination gets the mode).
    static func modeAndTargets(program: String, arguments: [Word]) -> (Word, [Word])? {
        switch program {
        case "chmod":
            var index = 0
            while index < arguments.count, let value = arguments[index].literalValue, value.hasPrefix("-"), !isWorldWritable(value) {
                if value == "--" { index += 1; break }
                index += 1
            }
            guard index < arguments.count, !(arguments[index].literalValue ?? "").hasPrefix("--reference") else { return nil }
            return (arguments[index], Array(arguments[(index + 1)...]))
        case "mkdir", "install":
            // Most of them give no mode: their words need no closer look.
            guard arguments.contains(where: { $0.literalValue == "-m" || $0.literalValue == "--mode" }) else { return nil }
            var mode: Word?
            var operands: [Word] = []
            var index = 0
            while index < arguments.count {
                let word = arguments[index]
                let value = word.literalValue ?? ""
                if value == "-m" || value == "--mode", index + 1 < arguments.count {
                    mode = arguments[index + 1]
                    index += 2
                    continue
                }
                if value.hasPrefix("--mode=") || (value.hasPrefix("-m") && value.count > 2 && !value.hasPrefix("--")) {
                    // `-m777` and `--mode=777` keep the mode inside the word: not rewritten.
                    return nil
                }
                if value.hasPrefix("-"), value.count > 1 {
                    if program == "install", ["-o", "-g", "-t", "--owner", "--group", "-S", "--suffix"].contains(value) { index += 1 }
                    index += 1
                    continue
                }
                operands.append(word)
                index += 1
            }
            guard let mode else { return nil }
            return (mode, program == "install" ? Array(operands.suffix(1)) : operands)
        default:
            return nil
        }
    }

    /// A shared directory's mode, like /tmp's: every user may write, none may delete or rename
    /// another's files (`1777`, `3777`, `a+rwx,o+t`, `+t`).
    static func isSticky(_ mode: String) -> Bool {
        if !mode.isEmpty, mode.count <= 5, mode.allSatisfy({ ("0"..."7").contains($0) }) {
            return (Int(mode, radix: 8) ?? 0) & 0o1000 != 0
        }
        return mode.split(separator: ",").contains { clause in
            guard let plus = clause.firstIndex(where: { $0 == "+" || $0 == "=" }) else { return false }
            return clause[plus...].contains("t")
        }
    }

    /// Octal with the others-write bit (`777`, `0666`, `1777`), or a symbolic mode giving `o` or
    /// `a` write (`a+rwx`, `o+w`, `go=rwx`, `ugo+w`).
    static func isWorldWritable(_ mode: String) -> Bool {
        if !mode.isEmpty, mode.count <= 5, mode.allSatisfy({ ("0"..."7").contains($0) }) {
            return (Int(mode, radix: 8) ?? 0) & 0o002 != 0
        }
        for clause in mode.split(separator: ",") {
            var who = Substring("")
            var rest = clause[...]
            while let first = rest.first, "ugoa".contains(first) {
                who.append(first)
                rest = rest.dropFirst()
            }
            guard who.contains("o") || who.contains("a") else { continue }
            // One or more `[+=-]perms` actions.
            var operation: Character?
            for character in rest {
                if "+-=".contains(character) { operation = character; continue }
                if character == "w", operation == "+" || operation == "=" { return true }
            }
        }
        return false
    }
}
