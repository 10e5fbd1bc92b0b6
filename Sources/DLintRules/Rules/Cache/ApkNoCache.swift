import DLintCore

/// DL3019: use apk add --no-cache, or keep the cache out of the layer; the shared
/// mechanism, and the stage exemption, are in `PackageManagerCache`.
struct ApkNoCache: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3019", name: "apk-no-cache", severity: .info,
        summary: "Use apk add --no-cache",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let offenses = PackageManagerCache.apk.check(context)
        var updatesRemoved = Set<Int>()
        return offenses.map { offense in
            var fix = PackageManagerCache.flagFix(offense, flag: "--no-cache")
            if let flagFix = fix, let update = Self.uselessUpdate(before: offense, offenses: offenses, file: context.model.tree.source),
               updatesRemoved.insert(update.lowerBound).inserted {
                fix = Fix(
                    title: "Add --no-cache to '\(offense.command)' and drop the 'apk update' it makes useless",
                    applicability: .unsafe, edits: [TextEdit(range: update, replacement: "")] + flagFix.edits
                )
            }
            return Finding("'\(offense.command)' without --no-cache can keep the package index in /var/cache/apk: use 'apk add --no-cache'", at: offense.range,
                           fix: fix)
        }
    }

    /// The `apk update && ` before an offending `apk add` that the fix makes useless: a plain
    /// `apk update` (options only), the first step of an `&&` chain or a command of its own line,
    /// followed by `&&`, in the same script, when every apk command after it in that script is an
    /// `apk add` or `apk del` that has or gets `--no-cache` (or uses no index). Its file bytes,
    /// `apk update` through the `&&` and the space after it, are what the fix removes.
    static func uselessUpdate(before offense: PackageManagerCache.Offense, offenses: [PackageManagerCache.Offense], file: [UInt8]) -> Range<Int>? {
        let source = offense.shellCommand.source
        func sameScript(_ command: ShellCommand) -> Bool {
            command.source.text == source.text && command.source.fileRange(of: 0..<0) == source.fileRange(of: 0..<0)
        }
        let apkCommands = offense.run.commands.filter { sameScript($0) && $0.packageInvocation?.program == "apk" }
        let offenseStart = offense.shellCommand.command.range.lowerBound
        guard let updateIndex = apkCommands.lastIndex(where: { command in
            command.command.range.lowerBound < offenseStart && command.packageInvocation?.subcommand?.literalValue == "update"
        }) else { return nil }
        let update = apkCommands[updateIndex]
        guard let invocation = update.packageInvocation,
              invocation.positionals.count == 1, invocation.wrappers.isEmpty,
              invocation.arguments.allSatisfy({ $0.literalValue.map { $0 == "update" || $0.hasPrefix("-") } ?? false }),
              update.command.assignments.isEmpty, update.command.redirections.isEmpty
        else { return nil }
        let offenseStarts = Set(offenses.filter { sameScript($0.shellCommand) }.map(\.shellCommand.command.range.lowerBound))
        for later in apkCommands[(updateIndex + 1)...] {
            guard let laterInvocation = later.packageInvocation else { return nil }
            switch laterInvocation.subcommand?.literalValue {
            case "del", "update": continue
            case "add":
                if offenseStarts.contains(later.command.range.lowerBound) { continue }
                if laterInvocation.hasOption("--no-cache") || laterInvocation.hasOption("--no-network") { continue }
                return nil
            default: return nil
            }
        }
        // Only the first offense after the update carries the removal.
        guard let first = offenseStarts.filter({ $0 > update.command.range.lowerBound }).min(), first == offenseStart else { return nil }

        let text = source.text
        let start = update.command.range.lowerBound, end = update.command.range.upperBound
        var before = start
        while before > 0, text[before - 1] == UInt8(ascii: " ") || text[before - 1] == UInt8(ascii: "\t") { before -= 1 }
        let startsAStep = before == 0 || text[before - 1] == UInt8(ascii: "\n") || text[before - 1] == UInt8(ascii: ";")
            || (before >= 2 && text[before - 2] == UInt8(ascii: "&") && text[before - 1] == UInt8(ascii: "&"))
        guard startsAStep else { return nil }
        var after = end
        while after < text.count, text[after] == UInt8(ascii: " ") || text[after] == UInt8(ascii: "\t") { after += 1 }
        guard after + 1 < text.count, text[after] == UInt8(ascii: "&"), text[after + 1] == UInt8(ascii: "&") else { return nil }
        after += 2
        while after < text.count, text[after] == UInt8(ascii: " ") || text[after] == UInt8(ascii: "\t") || text[after] == UInt8(ascii: "\n") {
            after += 1
        }
        let range = source.fileRange(of: start..<after)
        // A comment line inside the continuation would go with it: leave such a RUN alone.
        guard range.upperBound <= file.count, !file[range].contains(UInt8(ascii: "#")) else { return nil }
        return range
    }
}
