import DLintCore

/// DX1020 (off by default): a package manager's download cache kept in a
/// `RUN --mount=type=cache` instead of being cleaned up (or avoided) in the RUN. Reported once
/// per RUN, at its first package command whose cache no cache mount covers; the fix adds the
/// missing mounts and removes the cleanup they make pointless. See rules/DX1020.md.
struct PackageCacheMounts: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1020", name: "package-cache-mounts", severity: .info,
        summary: "Keep package-manager caches in RUN --mount=type=cache mounts instead of cleaning them up",
        fixable: true, enabledByDefault: false
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        // Stages (and the file outside any stage, key -1) where an earlier finding's fix puts
        // BuildKit's docker-clean step; an earlier RUN that already has it is looked up instead.
        var aptConfigured: Set<Int> = []
        // Stages where a RUN so far removes docker-clean itself.
        var dockerCleanRemoved: Set<Int> = []
        // The same for every fix of the file: read once, when a first fix needs it.
        var syntaxPin: SyntaxPinRaise?
        // The commands a plan reads, from the model's index of commands by program: a RUN with
        // none of them (most RUNs) has no plan, and a plan reads none of its other commands.
        for (runIndex, commandIndices) in model.packageCommandsByRun(running: CacheMountPlan.programsRead) {
            let run = model.runs[runIndex]
            guard !run.isOnbuildTrigger, !run.state.isWindows, run.state.usesPOSIXShell else { continue }
            let plan = CacheMountPlan(run: run, commandIndices: commandIndices, model: model)
            defer { if plan.removesDockerClean { dockerCleanRemoved.insert(run.state.stageIndex ?? -1) } }
            guard let first = plan.firstOffense else {
                findings += Self.defeatedMounts(plan, file: context.tree.source)
                continue
            }
            let chain = Self.stageChain(run.state.stageIndex, in: model)
            let addsDockerClean = plan.usesApt && !plan.removesDockerClean && aptConfigured.isDisjoint(with: chain)
                && dockerCleanRemoved.isDisjoint(with: chain)
            let pin = syntaxPin ?? SyntaxPinRaise(tree: context.tree)
            syntaxPin = pin
            let fix = plan.fix(addingDockerClean: addsDockerClean, tree: context.tree, syntaxPin: pin)
            // A RUN whose fix adds the step configures its stage and the stages built on it; one
            // without a fix configures nothing.
            if addsDockerClean, fix != nil { aptConfigured.insert(run.state.stageIndex ?? -1) }
            let flags = plan.missing.map(\.flag).joined(separator: " ")
            findings.append(Finding(
                "'\(first.description)' downloads again on every build what a cache mount would keep: add '\(flags)'",
                at: first.range, fix: fix
            ))
        }
        return findings
    }

    /// A RUN whose cache mounts are all there but that still empties or bypasses them
    /// (`apk add --no-cache`, `apt-get clean`): reported at each such word or command, with one
    /// fix that removes them all. This is also what a fix of DL3019 or DL3042 applied in the same
    /// round as this rule's leaves behind.
    static func defeatedMounts(_ plan: CacheMountPlan, file: [UInt8]) -> [Finding] {
        guard !plan.wanted.isEmpty, plan.wanted.allSatisfy({ $0.isCovered(by: plan.run.cacheMounts) }) else { return [] }
        let cleanups = plan.cleanups(in: file)
        let found: [(range: Range<Int>, written: String)] = cleanups.map { $0.map { ($0.range, $0.written) } } ?? plan.cleanupSites()
        guard !found.isEmpty else { return [] }
        let fix = cleanups.flatMap { cleanups in
            CacheMountPlan.fix("Remove " + CacheMountPlan.describe(cleanups.map(\.written)), cleanups.map(\.edit))
        }
        return found.map { site in
            Finding("'\(site.written)' empties or bypasses the cache this RUN mounts: remove it", at: site.range, fix: fix)
        }
    }

    /// A stage and the stages it is built on; `[-1]` outside any stage.
    static func stageChain(_ stageIndex: Int?, in model: DockerfileModel) -> Set<Int> {
        guard var index = stageIndex else { return [-1] }
        var chain: Set<Int> = []
        while chain.insert(index).inserted, let parent = model.stages[index].parentStage { index = parent }
        return chain
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

/// One cache directory a RUN should mount.
struct CacheMountTarget: Sendable, Hashable {
    let target: String
    /// `sharing=locked` for the system package managers, which refuse concurrent runs on one cache.
    let locked: Bool
    /// The owner a non-root user needs to write into the mount (BuildKit creates it owned by root).
    let uid: Int?
    /// For caches under a home directory: the path below the home (`.cache/pip`), so that a mount
    /// written as `$HOME/.cache/pip` or `/home/app/.cache` counts.
    let homeRelative: String?

    var flag: String {
        var flag = "--mount=type=cache,target=\(target)"
        if locked { flag += ",sharing=locked" }
        if let uid { flag += ",uid=\(uid)" }
        return flag
    }

    /// True when a cache or tmpfs mount of the RUN already keeps this directory.
    func isCovered(by mounts: [Mount]) -> Bool {
        mounts.contains { mount in
            guard mount.type == "cache" || mount.type == "tmpfs", let mounted = mount.target else { return false }
            if mount.keepsOutOfLayer(target) { return true }
            guard let homeRelative else { return false }
            let trimmed = mounted.hasByteSuffix("/") ? String(mounted.dropLast()) : mounted
            let components = homeRelative.split(separator: "/")
            return components.indices.contains { count in
                trimmed.hasSuffix("/" + components[...count].joined(separator: "/"))
            }
        }
    }
}

/// What raising the file's `# syntax=` pin to one with `RUN --mount` takes: nothing (no pin, or
/// one that has it), these edits, or something no fix can do.
enum SyntaxPinRaise {
    case unneeded
    case edits([TextEdit])
    case impossible

    init(tree: SyntaxTree) {
        guard let directive = tree.directive("syntax") else { self = .unneeded; return }
        let frontend = SyntaxFrontend(directive.value)
        guard frontend.supports(.runMount) == false else { self = .unneeded; return }
        guard let raise = OutdatedSyntaxDirective.fix(
            directive, minimum: OutdatedSyntaxDirective.needed(.runMount, labs: frontend.labs), labs: frontend.labs, source: tree.source
        ) else { self = .impossible; return }
        self = .edits(raise.edits)
    }
}

/// What one RUN needs: the mounts its package commands want and lack, and the cleanups and
/// cache-avoiding options those mounts make pointless.
struct CacheMountPlan {
    let run: RunInstruction
    /// The first package command whose cache is not mounted.
    private(set) var firstOffense: (description: String, range: Range<Int>)?
    /// The mounts to add, in the order the commands need them.
    private(set) var missing: [CacheMountTarget] = []
    /// Every cache directory of the RUN's package commands, mounted or not.
    private(set) var wanted: [CacheMountTarget] = []
    private(set) var usesApt = false
    /// Program families (`CacheEnvironment.family(of:)`) whose caches the RUN mounts once fixed:
    /// one or two, compared in turn rather than hashed for every command of the RUN.
    private var programs: [String] = []
    /// The programs of those families (`CacheEnvironment.members(of:)`): what a command of the
    /// RUN is compared with before its family is worked out.
    private var familyPrograms: [String] = []
    private(set) var removesDockerClean = false
    /// The RUN's commands of `programsRead`, by index in `run.commands`: the only ones a plan reads.
    let commandIndices: [Int]

    /// The programs whose commands a plan reads: those with a cache, `rm`, and the programs of a
    /// cache's family that have no cache of their own (`rpm`, whose cleanups are yum's).
    static let programsRead = CacheEnvironment.programsWithCache.union(["rm", "rpm"])

    init(run: RunInstruction, commandIndices: [Int], model: DockerfileModel) {
        self.run = run
        self.commandIndices = commandIndices
        // Read when a first command of a program with a cache needs it: most RUNs have none.
        var environment: CacheEnvironment?
        var updatesApt: Bool?
        let commands = run.commands
        for index in commandIndices {
            let command = commands[index]
            guard let invocation = command.packageInvocation else { continue }
            let program = invocation.program
            if program == "rm" {
                if !removesDockerClean, Self.removesDockerClean(command) { removesDockerClean = true }
                continue
            }
            guard CacheEnvironment.programsWithCache.contains(program) else { continue }
            if environment == nil { environment = CacheEnvironment(run: run, model: model) }
            let isApt = program == "apt-get" || program == "apt"
            if isApt, updatesApt == nil {
                updatesApt = commands.contains { command in
                    guard let invocation = command.packageInvocation, invocation.program == "apt-get" || invocation.program == "apt" else { return false }
                    return invocation.subcommand?.literalValue == "update"
                }
            }
            guard let targets = environment?.targets(for: invocation, command: command, updatesApt: updatesApt ?? false) else { continue }
            let family = CacheEnvironment.family(of: program)
            if !programs.contains(family) {
                programs.append(family)
                familyPrograms += CacheEnvironment.members(of: family)
            }
            var offending = false
            for target in targets where !wanted.contains(target) {
                wanted.append(target)
                if !target.isCovered(by: run.mounts) {
                    missing.append(target)
                    offending = true
                }
            }
            if offending, firstOffense == nil {
                let end = invocation.subcommand?.range.upperBound ?? invocation.name.range.upperBound
                firstOffense = (invocation.description, command.source.fileRange(of: invocation.name.range.lowerBound..<end))
            }
            if isApt, targets.contains(where: { !$0.isCovered(by: run.mounts) }) { usesApt = true }
        }
    }

    /// `rm -f /etc/apt/apt.conf.d/docker-clean` (BuildKit's recipe): an `rm` command of the RUN.
    static func removesDockerClean(_ command: ShellCommand) -> Bool {
        command.command.arguments.contains { ($0.literalValue ?? "").hasSuffix("apt.conf.d/docker-clean") }
    }

    static let dockerCleanStep = #"RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache"#

    // MARK: - The fix

    /// What empties or bypasses the RUN's (mounted or to-be-mounted) caches, and the edits that
    /// take it out; nil when one of them cannot be taken out cleanly (inside `if` or `sh -c`, or
    /// a line of comments would go with it): left in, it would empty the cache or, for an `rm` of
    /// a parent of a mount, fail the build on the mount point.
    func cleanups(in file: [UInt8]) -> [(range: Range<Int>, written: String, edit: TextEdit)]? {
        var result: [(range: Range<Int>, written: String, edit: TextEdit)] = []
        var remover: CommandRemover?
        let commands = run.commands
        for index in commandIndices {
            let command = commands[index]
            guard let invocation = command.packageInvocation else { continue }
            switch cleanupKind(of: invocation, in: command) {
            case .none:
                continue
            case .wholeCommand:
                if remover == nil { remover = CommandRemover(file: file, run: run) }
                guard let range = remover?.range(removing: command) else { return nil }
                result.append((command.fileRange, command.source.string(command.command.range), TextEdit(range: range, replacement: "")))
            case .words(let words):
                for word in words {
                    guard let range = CommandRemover.range(removing: word, from: command, file: file) else { return nil }
                    result.append((command.fileRange(of: word), command.source.string(word.range), TextEdit(range: range, replacement: "")))
                }
            }
        }
        return result
    }

    /// Adds the missing mounts after the RUN keyword, removes the cleanups and options that would
    /// empty or bypass the caches, puts BuildKit's docker-clean step before the first apt RUN of a
    /// stage, and raises a `# syntax=` pin older than `RUN --mount`.
    func fix(addingDockerClean: Bool, tree: SyntaxTree, syntaxPin: SyntaxPinRaise) -> Fix? {
        let file = tree.source
        guard let cleanups = cleanups(in: file) else { return nil }
        var edits = cleanups.map(\.edit)
        let keywordEnd = run.instruction.keyword.range.upperBound
        edits.append(TextEdit(range: keywordEnd..<keywordEnd, replacement: " " + missing.map(\.flag).joined(separator: " ")))
        if addingDockerClean {
            let start = run.instruction.range.lowerBound
            let lineStart = CleanupAppender.lineStart(of: start, in: file)
            let indent = String(decoding: file[lineStart..<start], as: UTF8.self)
            guard indent.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
            let ending = CleanupAppender.lineEnd(of: start, in: file)?.1 ?? "\n"
            edits.append(TextEdit(range: start..<start, replacement: Self.dockerCleanStep + ending + indent))
        }
        switch syntaxPin {
        case .unneeded: break
        case .edits(let raise): edits += raise
        case .impossible: return nil
        }
        var title = "Add " + PackageCacheMounts.list(missing.map { "a cache mount on \($0.target)" })
        if !cleanups.isEmpty { title += " and remove " + Self.describe(cleanups.map(\.written)) }
        return Self.fix(title, edits)
    }

    /// `'apt-get clean' and '--no-cache'`; past three, a count.
    static func describe(_ written: [String]) -> String {
        written.count <= 3 ? PackageCacheMounts.list(written.map { "'\($0)'" }) : "\(written.count) cleanups"
    }

    /// Non-overlapping edits in file order, or nil.
    static func fix(_ title: String, _ edits: [TextEdit]) -> Fix? {
        let sorted = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.range.upperBound > later.range.lowerBound { return nil }
        return Fix(title: title, applicability: .unsafe, edits: sorted)
    }

    /// `/var/lib/apt/lists/*`, and `~/.cache/pip` or `$HOME/.cache` with the RUN's home put in
    /// (the only expansions read: an `rm` of another variable is left alone).
    private func absolutePath(_ written: String) -> String? {
        for prefix in ["~/", "$HOME/", "${HOME}/", "\"$HOME\"/", "\"${HOME}\"/"] where written.hasPrefix(prefix) {
            let home = wanted.compactMap { target in
                target.homeRelative.flatMap { relative in target.target.hasSuffix("/" + relative) ? String(target.target.dropLast(relative.count + 1)) : nil }
            }.first
            guard let home else { return nil }
            let rest = written.dropFirst(prefix.count)
            guard !rest.contains(where: { "$'\"\\`".contains($0) }) else { return nil }
            return PathText.joined(home, String(rest))
        }
        guard written.hasBytePrefix("/"), !Self.mayHoldShellSyntax(written) else { return nil }
        return written
    }

    /// True when the text holds one of `$ ' " \ ` ~` as a character of its own. Asked of every
    /// operand of every `rm`: read on the bytes, by characters only when a byte matches in
    /// non-ASCII text (where a combining mark may join the byte to a larger character).
    private static func mayHoldShellSyntax(_ text: String) -> Bool {
        var ascii = true
        var found = false
        for byte in text.utf8 {
            switch byte {
            case 0x24, 0x27, 0x22, 0x5C, 0x60, 0x7E: found = true
            case 0x80...: ascii = false
            default: break
            }
        }
        guard found else { return false }
        return ascii || text.contains(where: { "$'\"\\`~".contains($0) })
    }

    /// The cleanups, also those that cannot be removed, for findings.
    func cleanupSites() -> [(range: Range<Int>, written: String)] {
        let commands = run.commands
        return commandIndices.flatMap { index -> [(range: Range<Int>, written: String)] in
            let command = commands[index]
            guard let invocation = command.packageInvocation else { return [] }
            switch cleanupKind(of: invocation, in: command) {
            case .none: return []
            case .wholeCommand: return [(command.fileRange, command.source.string(command.command.range))]
            case .words(let words): return words.map { (command.fileRange(of: $0), command.source.string($0.range)) }
            }
        }
    }

    enum CleanupKind {
        case none
        case wholeCommand
        case words([Word])
    }

    /// Whether a command empties or bypasses a cache the RUN mounts once fixed: a cleanup command
    /// (`apt-get clean`, `yarn cache clean`), an `rm` of a mounted directory (or of a parent,
    /// which would fail on the mount point), or an option (`apk --no-cache`, `pip --no-cache-dir`).
    func cleanupKind(of invocation: PackageInvocation, in command: ShellCommand) -> CleanupKind {
        if invocation.program == "rm" {
            let operands = invocation.arguments.filter { !($0.literalValue ?? "").hasPrefix("-") }
            guard !operands.isEmpty else { return .none }
            let covered = operands.filter { word in
                guard let text = absolutePath(command.source.string(word.range)) else { return false }
                let path = PackageManagerCache.removedDirectory(text)
                guard path != "/", !path.isEmpty else { return false }
                return wanted.contains { Mount.path($0.target, contains: path) || Mount.path(path, contains: $0.target) }
            }
            if covered.isEmpty { return .none }
            return covered.count == operands.count ? .wholeCommand : .words(covered)
        }
        guard familyPrograms.contains(invocation.program) else { return .none }
        let family = CacheEnvironment.family(of: invocation.program)
        // Read only for the commands of a mounted program: most commands of a RUN are none.
        let positionals = invocation.positionals.map(\.literalValue)
        func starts(_ words: String...) -> Bool {
            positionals.count >= words.count && zip(positionals, words).allSatisfy { $0 == $1 }
        }
        switch family {
        case "apt":
            if starts("clean") || starts("autoclean") || starts("dist-clean") || starts("distclean") { return .wholeCommand }
        case "apk":
            if starts("cache", "clean") || starts("cache", "purge") { return .wholeCommand }
            let flags = invocation.arguments.filter { $0.literalValue == "--no-cache" }
            if !flags.isEmpty { return .words(flags) }
        case "rpm", "zypper":
            if starts("clean") || starts("cc") { return .wholeCommand }
        case "pip":
            if starts("cache", "purge") { return .wholeCommand }
            let flags = invocation.arguments.filter { $0.literalValue == "--no-cache-dir" }
            if !flags.isEmpty { return .words(flags) }
        case "npm", "yarn":
            if starts("cache", "clean") { return .wholeCommand }
        case "pnpm":
            if starts("store", "prune") { return .wholeCommand }
        case "go":
            let options = invocation.arguments.compactMap(\.literalValue)
            if starts("clean"), options.count == invocation.arguments.count,
               options.dropFirst().allSatisfy({ ["-cache", "-modcache", "-testcache", "-fuzzcache"].contains($0) }),
               options.count > 1 { return .wholeCommand }
        default:
            break
        }
        return .none
    }
}

/// Where the caches of the package managers are for one RUN: the user's home, the ENV that moves
/// them, the images that set their own locations (golang, rust).
struct CacheEnvironment {
    /// The home of the RUN's user and the uid a cache mount must belong to; nil when dlint
    /// cannot tell (a numeric user without `ENV HOME`, a named user of unknown uid).
    let home: (path: String, uid: Int?)?
    let isRoot: Bool
    let variables: VariableScope
    /// The repository of the image at the root of the stage chain (`golang`, `rust`).
    let baseRepository: String?

    init(run: RunInstruction, model: DockerfileModel) {
        variables = run.state.variables
        let user = run.state.user.map { String($0.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") }
        let knownHome: String? = if case .known(let value) = run.state.variables["HOME"], value.hasBytePrefix("/") { value } else { nil }
        if user == nil || user == "root" || user == "0" {
            isRoot = true
            home = (knownHome ?? "/root", nil)
        } else if let user, !user.contains("$") {
            isRoot = false
            let uid = Int(user) ?? model.createdUserID(named: user, before: run.instructionIndex)
            if let uid, let path = knownHome ?? (Int(user) == nil ? "/home/" + user : nil) {
                home = (path, uid)
            } else {
                home = nil
            }
        } else {
            isRoot = false
            home = nil
        }
        var stageIndex = run.state.stageIndex
        var seen: Set<Int> = []
        while let index = stageIndex, seen.insert(index).inserted, let parent = model.stages[index].parentStage { stageIndex = parent }
        baseRepository = stageIndex.map { Self.lastComponent(of: model.stages[$0].baseImage.repository).lowercased() }
    }

    /// `golang` for `library/golang`: what `split(separator: "/").last` finds (empty for a
    /// name of slashes only), without the array of components.
    static func lastComponent(of repository: String) -> String {
        var rest = Substring(repository)
        while rest.last == "/" { rest = rest.dropLast() }
        guard let slash = rest.lastIndex(of: "/") else { return String(rest) }
        return String(rest[rest.index(after: slash)...])
    }

    /// The family a program's cleanups belong to.
    static func family(of program: String) -> String {
        switch program {
        case "apt-get", "apt": "apt"
        case "yum", "dnf", "microdnf": "rpm"
        case "mvnw": "mvn"
        case "gradlew": "gradle"
        default: program
        }
    }

    /// Every program whose `family(of:)` is `family`.
    static func members(of family: String) -> [String] {
        switch family {
        case "apt": ["apt-get", "apt"]
        case "rpm": ["yum", "dnf", "microdnf", "rpm"]
        case "mvn": ["mvnw", "mvn"]
        case "gradle": ["gradlew", "gradle"]
        case "apt-get", "yum", "dnf", "microdnf", "mvnw", "gradlew": []
        default: [family]
        }
    }

    private func known(_ name: String) -> String? {
        if case .known(let value) = variables[name], value.hasBytePrefix("/"), !value.contains("$") { return value }
        return nil
    }

    private func underHome(_ relative: String) -> CacheMountTarget? {
        guard let home else { return nil }
        return CacheMountTarget(target: PathText.joined(home.path, relative), locked: false, uid: home.uid, homeRelative: relative)
    }

    private func at(_ path: String) -> CacheMountTarget {
        CacheMountTarget(target: path, locked: false, uid: home?.uid ?? nil, homeRelative: nil)
    }

    private func system(_ path: String) -> CacheMountTarget {
        CacheMountTarget(target: path, locked: true, uid: nil, homeRelative: nil)
    }

    /// The programs `targets(for:command:updatesApt:)` has a case for: it returns nil for any
    /// other. A set: every command of every RUN is looked up, and a switch compares with each case.
    static let programsWithCache: Set<String> = [
        "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper", "pip", "npm", "yarn", "pnpm", "go", "cargo",
        "mvn", "mvnw", "gradle", "gradlew",
    ]

    /// The cache directories a command fills, nil when it fills none (or dlint cannot place it).
    func targets(for invocation: PackageInvocation, command: ShellCommand, updatesApt: Bool) -> [CacheMountTarget]? {
        let subcommand = invocation.subcommand?.literalValue
        // Read only by the programs that look at their operands: most commands are no package manager.
        func positionals() -> [String] { invocation.positionals.compactMap(\.literalValue) }
        func any(_ names: [String]) -> Bool { subcommand.map(names.contains) ?? false }
        // The system package managers' caches are root's whoever the user is: a non-root RUN goes
        // through sudo, and a root-owned mount suits it.
        switch invocation.program {
        case "apt-get", "apt":
            guard any(["install", "update", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall"]) else { return nil }
            // Without `apt-get update` in the RUN, the lists come from an earlier layer: a mount over
            // /var/lib/apt would hide them.
            return updatesApt ? [system("/var/cache/apt"), system("/var/lib/apt")] : [system("/var/cache/apt")]
        case "apk":
            guard any(["add", "update", "upgrade", "fix"]) else { return nil }
            // /var/cache/apk holds the index; apk keeps downloaded packages only when /etc/apk/cache exists.
            return [system("/var/cache/apk"), system("/etc/apk/cache")]
        case "yum", "dnf", "microdnf":
            guard any(["install", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "makecache", "distro-sync", "group", "module"]) else { return nil }
            let name = invocation.name.literalValue.map(PackageInvocation.baseProgramWithVersion) ?? invocation.program
            if name == "dnf5" { return [system("/var/cache/libdnf5")] }
            return [system(invocation.program == "dnf" ? "/var/cache/dnf" : "/var/cache/yum")]
        case "zypper":
            guard any(["install", "in", "update", "up", "dist-upgrade", "dup", "patch", "refresh", "ref"]) else { return nil }
            return [system("/var/cache/zypp")]
        case "pip":
            guard any(["install", "download", "wheel"]) else { return nil }
            if let value = variables["PIP_NO_CACHE_DIR"], case .known(let text) = value, PackageManagerCache.isTruthy(text) { return nil }
            if command.command.assignments.contains(where: { $0.name == "PIP_NO_CACHE_DIR" }) || invocation.hasOption("--cache-dir") { return nil }
            if let directory = known("PIP_CACHE_DIR") { return [at(directory)] }
            if let base = known("XDG_CACHE_HOME") { return [at(PathText.joined(base, "pip"))] }
            return underHome(".cache/pip").map { [$0] }
        case "npm":
            guard any(["install", "i", "ci", "add", "update", "exec"]) else { return nil }
            if invocation.hasOption("--cache") { return nil }
            if let directory = known("npm_config_cache") ?? known("NPM_CONFIG_CACHE") { return [at(directory)] }
            return underHome(".npm").map { [$0] }
        case "yarn":
            guard subcommand == nil ? !invocation.arguments.contains(where: { ["--version", "-v", "--help", "-h"].contains($0.literalValue ?? "") }) : any(["install", "add"]) else { return nil }
            if invocation.hasOption("--cache-folder") { return nil }
            if let directory = known("YARN_CACHE_FOLDER") { return [at(directory)] }
            if isRoot { return [at("/usr/local/share/.cache/yarn")] }
            return underHome(".cache/yarn").map { [$0] }
        case "pnpm":
            guard any(["install", "i", "add", "fetch", "update", "up"]) else { return nil }
            if invocation.hasOption("--store-dir") { return nil }
            if let directory = known("PNPM_HOME") { return [at(PathText.joined(directory, "store"))] }
            if let base = known("XDG_DATA_HOME") { return [at(PathText.joined(base, "pnpm/store"))] }
            return underHome(".local/share/pnpm/store").map { [$0] }
        case "go":
            let modules: CacheMountTarget?
            if let directory = known("GOMODCACHE") {
                modules = at(directory)
            } else if let path = known("GOPATH") {
                modules = at(PathText.joined(path, "pkg/mod"))
            } else if baseRepository == "golang" {
                modules = at("/go/pkg/mod")
            } else {
                modules = underHome("go/pkg/mod")
            }
            let build = known("GOCACHE").map(at) ?? (known("XDG_CACHE_HOME").map { at(PathText.joined($0, "go-build")) } ?? underHome(".cache/go-build"))
            switch subcommand {
            case "build", "install", "test", "run", "vet", "generate":
                let found = [modules, build].compactMap { $0 }
                return found.isEmpty ? nil : found
            case "get":
                return modules.map { [$0] }
            case "mod":
                guard positionals().dropFirst().first.map(["download", "tidy", "vendor"].contains) ?? false else { return nil }
                return modules.map { [$0] }
            default:
                return nil
            }
        case "cargo":
            guard any(["build", "install", "fetch", "test", "run", "check", "vendor"]) else { return nil }
            let cargoHome = known("CARGO_HOME") ?? (baseRepository == "rust" ? "/usr/local/cargo" : home.map { PathText.joined($0.path, ".cargo") })
            guard let cargoHome else { return nil }
            let relative = known("CARGO_HOME") == nil && baseRepository != "rust"
            return ["registry", "git/db"].map { part in
                CacheMountTarget(target: PathText.joined(cargoHome, part), locked: false, uid: home?.uid ?? nil,
                                 homeRelative: relative ? ".cargo/" + part : nil)
            }
        case "mvn", "mvnw":
            guard let goal = positionals().first, !goal.hasPrefix("-"), goal != "help" else { return nil }
            // The repository, not ~/.m2 itself: that also holds the settings.xml a COPY may have put there.
            return underHome(".m2/repository").map { [$0] }
        case "gradle", "gradlew":
            guard positionals().first != nil else { return nil }
            if let directory = known("GRADLE_USER_HOME") { return [at(PathText.joined(directory, "caches"))] }
            return underHome(".gradle/caches").map { [$0] }
        default:
            return nil
        }
    }
}

extension PackageInvocation {
    /// `dnf5` for `/usr/bin/dnf5` (the base name with its version kept).
    static func baseProgramWithVersion(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }
}

extension PathText {
    /// `/root` + `.cache/pip`.
    static func joined(_ base: String, _ relative: String) -> String {
        (base.hasByteSuffix("/") ? String(base.dropLast()) : base) + "/" + relative
    }
}

/// File ranges that take a command, or one of its words, out of a RUN's script without touching
/// the rest: the operator before it (or after it, for the first command) goes with it, so
/// continuations, indentation and line endings of the other lines stay as they were.
struct CommandRemover {
    let file: [UInt8]
    let run: RunInstruction

    private enum Connector { case and, or, separator, background, end }

    /// The top-level pipelines of each of the RUN's scripts and the connector after each, read
    /// once per RUN that has something to remove.
    private let flattened: [(pipelines: [Pipeline], connectors: [Connector], background: Bool, byCommandStart: [Int: Int])]

    init(file: [UInt8], run: RunInstruction) {
        self.file = file
        self.run = run
        flattened = run.scripts.map { script in
            var pipelines: [Pipeline] = []
            var connectors: [Connector] = []
            pipelines.reserveCapacity(script.script.items.count)
            connectors.reserveCapacity(script.script.items.count)
            for item in script.script.items {
                for (index, pipeline) in item.andOr.pipelines.enumerated() {
                    pipelines.append(pipeline)
                    if index < item.andOr.operators.count {
                        connectors.append(item.andOr.operators[index].kind == .and ? .and : .or)
                    } else {
                        switch item.separator?.kind {
                        case .ampersand: connectors.append(.background)
                        case .semicolon, .newline: connectors.append(.separator)
                        case nil: connectors.append(.end)
                        }
                    }
                }
            }
            // The pipelines that are one plain simple command, by where the command starts.
            var byCommandStart: [Int: Int] = [:]
            byCommandStart.reserveCapacity(pipelines.count)
            for (index, pipeline) in pipelines.enumerated() {
                if pipeline.commands.count == 1, !pipeline.isNegated, case .simple(let simple) = pipeline.commands[0] {
                    byCommandStart[simple.range.lowerBound] = index
                }
            }
            return (pipelines, connectors, connectors.contains { if case .background = $0 { true } else { false } }, byCommandStart)
        }
    }

    /// A command that is a whole pipeline at the top level of one of the RUN's scripts.
    func range(removing command: ShellCommand) -> Range<Int>? {
        // The script the command was read from (an `sh -c` payload's commands carry the outer
        // script, where they are no top-level pipeline).
        let start = command.source.fileRange(of: 0..<0)
        guard let scriptIndex = run.scripts.firstIndex(where: { $0.text.count == command.source.text.count && $0.fileRange(of: 0..<0) == start }) else { return nil }
        let script = run.scripts[scriptIndex]
        let (pipelines, connectors, background, byCommandStart) = flattened[scriptIndex]
        // A background job may fill the cache after the cleanup ran: leave such a script alone.
        if background { return nil }
        guard let index = byCommandStart[command.command.range.lowerBound],
              case .simple(let simple) = pipelines[index].commands[0], simple.range == command.command.range else { return nil }
        // "After" the last command there is nothing, whatever separator ends the script.
        let after: Connector = index + 1 < pipelines.count ? connectors[index] : .end
        let scriptRange: Range<Int>
        if index > 0 {
            let before = connectors[index - 1]
            switch (before, after) {
            case (.and, .and), (.and, .separator), (.and, .end), (.separator, .separator), (.separator, .end):
                // `a && rm x …`: from the end of `a` to the end of `rm x`.
                let previousEnd = pipelines[index - 1].range.upperBound
                let start = script.fileRange(of: (previousEnd - 1)..<previousEnd).upperBound
                let end = script.fileRange(of: pipelines[index].range).upperBound
                return checked(start..<end)
            case (.separator, .and):
                scriptRange = pipelines[index].range.lowerBound..<pipelines[index + 1].range.lowerBound
            default:
                return nil
            }
        } else {
            guard index + 1 < pipelines.count, after == .and || after == .separator else { return nil }
            scriptRange = pipelines[index].range.lowerBound..<pipelines[index + 1].range.lowerBound
        }
        let from = script.fileRange(of: scriptRange.lowerBound..<(scriptRange.lowerBound + 1)).lowerBound
        let to = script.fileRange(of: scriptRange.upperBound..<(scriptRange.upperBound + 1)).lowerBound
        return checked(from..<to)
    }

    /// An option word, with the blanks (and any continuation) between it and the word before it.
    static func range(removing word: Word, from command: ShellCommand, file: [UInt8]) -> Range<Int>? {
        let words = command.command.words
        guard let index = words.firstIndex(where: { $0.range == word.range }), index > 0 else { return nil }
        let start = command.fileRange(of: words[index - 1]).upperBound
        let end = command.fileRange(of: word).upperBound
        return Self.hasCommentLine(file, start..<end) ? nil : start..<end
    }

    private func checked(_ range: Range<Int>) -> Range<Int>? {
        range.lowerBound < range.upperBound && !Self.hasCommentLine(file, range) ? range : nil
    }

    /// A line starting (after blanks) with `#` inside the range: a comment that would go too.
    static func hasCommentLine(_ file: [UInt8], _ range: Range<Int>) -> Bool {
        var atLineStart = false
        for byte in file[range] {
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
            } else if atLineStart, byte == UInt8(ascii: "#") {
                return true
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                atLineStart = false
            }
        }
        return false
    }
}
