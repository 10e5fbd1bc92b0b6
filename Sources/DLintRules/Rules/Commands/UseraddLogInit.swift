import DLintCore

/// DL3046: `useradd` with a high UID and without `-l` writes the user's lastlog and faillog
/// records at an offset proportional to the UID, growing both files to gigabytes of zeros that
/// the image layer stores in full.
struct UseraddLogInit: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3046", name: "useradd-log-init", severity: .warning,
        summary: "useradd without -l and a high UID results in an excessively large image",
        fixable: true
    )

    /// hadolint's threshold: a UID of more than five digits.
    static let highUID = 100_000

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        return model.accountCreations.compactMap { creation -> Finding? in
            guard creation.tool == "useradd", creation.kind == .user,
                  let uid = Self.uid(of: creation, in: model), uid >= Self.highUID,
                  let invocation = creation.command.command.effectiveCommand,
                  !Self.skipsLogInit(invocation.arguments) else { return nil }
            let option = creation.usesLongOptions && !creation.usesShortOptions ? "--no-log-init" : "-l"
            let end = creation.toolRange.upperBound
            return Finding(
                "'useradd' with the high UID \(uid) and without '-l' grows /var/log/lastlog and /var/log/faillog to a size proportional to the UID",
                at: creation.toolRange,
                fix: Fix(title: "Add `\(option)`", applicability: .safe, edits: [TextEdit(range: end..<end, replacement: " " + option)])
            )
        }
    }

    /// The UID given, a number or a variable whose value the file fixes (`-u "$APP_UID"`).
    static func uid(of creation: AccountCreation, in model: DockerfileModel) -> Int? {
        switch creation.id {
        case .number(let number): return number
        case .expression(let text): return model.states[creation.instructionIndex].variables.expand(text).flatMap { Int($0) }
        case nil: return nil
        }
    }

    private static let valueLetters = Set("bcdefgGkKpRPsuZ")
    private static let longWithValue: Set<String> = [
        "base-dir", "comment", "home-dir", "expiredate", "inactive", "gid", "groups", "skel", "key",
        "password", "root", "prefix", "shell", "uid", "selinux-user", "selinux-range",
    ]
    private static let longFlags: Set<String> = [
        "badname", "badnames", "btrfs-subvolume-home", "help", "defaults", "no-log-init", "create-home",
        "no-create-home", "no-user-group", "non-unique", "system", "user-group",
    ]

    /// True when the arguments hold `-l` (alone or in a cluster such as `-lmu`) or
    /// `--no-log-init` (or an unambiguous abbreviation of it).
    static func skipsLogInit(_ arguments: [Word]) -> Bool {
        var remaining = arguments[...]
        while let word = remaining.popFirst() {
            guard let value = word.literalValue, value.hasPrefix("-"), value.count > 1 else { continue }
            if value == "--" { return false }
            if value.hasPrefix("--") {
                let name = String(value.dropFirst(2).prefix { $0 != "=" })
                let candidates = longWithValue.union(longFlags).filter { $0.hasPrefix(name) }
                let full = candidates.contains(name) ? name : (candidates.count == 1 ? candidates.first! : name)
                if full == "no-log-init" { return true }
                if !value.contains("="), longWithValue.contains(full) { _ = remaining.popFirst() }
                continue
            }
            let letters = Array(value.dropFirst())
            for (position, letter) in letters.enumerated() {
                if letter == "l" { return true }
                if valueLetters.contains(letter) {
                    if position == letters.count - 1 { _ = remaining.popFirst() }
                    break
                }
            }
        }
        return false
    }
}
