// The shell that reads each RUN script, as a model fact: from a pragma (`# hadolint shell=bash`,
// `# dlint shell=…`), a heredoc's shebang, a `bash -c '…'` wrapper, the SHELL, and — for plain
// `sh` — the base image, which decides what `/bin/sh` is (dash on Debian, BusyBox ash on Alpine,
// bash on the RHEL family). Checks about bashisms and bash-only behaviour ask for it.

/// Which program `/bin/sh` is, where the shells differ in what they accept.
public enum ShellFlavor: String, Sendable, Hashable, CaseIterable {
    /// dash: Debian, Ubuntu and the official images built on them.
    case dash
    /// BusyBox ash: Alpine, BusyBox.
    case ash
    /// bash running as `sh` (POSIX mode): Fedora, CentOS, RHEL/UBI, Amazon Linux, openSUSE, Arch.
    case bash
    /// Not known (the base image says nothing): judged as plain POSIX sh, as ShellCheck does.
    case posix
}

/// The language a shell script is written in.
public enum ShellDialect: Sendable, Hashable {
    /// `sh`, with what `/bin/sh` is in the image (or `dash`, `ash` named as such).
    case sh(ShellFlavor)
    case bash
    /// ksh, mksh, pdksh.
    case ksh
    case zsh
    /// PowerShell (`pwsh`, `powershell`): not POSIX shell.
    case powershell
    /// Windows `cmd`: not POSIX shell.
    case cmd
    /// A program that is no shell dlint knows (a shebang of `python3`, an exec-form program, a
    /// shell given by a variable): no shell checks.
    case unknown

    /// True for `sh` of any flavor: where the SC3xxx "not in POSIX sh" checks apply.
    public var isSh: Bool {
        if case .sh = self { return true }
        return false
    }

    /// The flavor of `sh`; nil for other dialects.
    public var shFlavor: ShellFlavor? {
        if case .sh(let flavor) = self { return flavor }
        return nil
    }

    /// True for the shells of the POSIX family (sh, bash, ksh, zsh), whose scripts dlint parses and
    /// checks; false for PowerShell, cmd and unknown programs.
    public var isPOSIXFamily: Bool {
        switch self {
        case .sh, .bash, .ksh, .zsh: true
        case .powershell, .cmd, .unknown: false
        }
    }

    /// The name ShellCheck's `--shell` takes for this dialect; nil where ShellCheck has none.
    /// dash and BusyBox ash have their own; bash running as `sh` is checked as the bash it is,
    /// plain POSIX sh as `sh`.
    public var shellCheckName: String? {
        switch self {
        case .sh(.dash): "dash"
        case .sh(.ash): "busybox"
        case .sh(.bash): "bash"
        case .sh: "sh"
        case .bash: "bash"
        case .ksh: "ksh"
        case .zsh, .powershell, .cmd, .unknown: nil
        }
    }

    /// A short name for messages and pages: `sh (dash)`, `bash`, `powershell`.
    public var displayName: String {
        switch self {
        case .sh(let flavor): flavor == .posix ? "sh" : "sh (\(flavor == .ash ? "BusyBox ash" : flavor.rawValue))"
        case .bash: "bash"
        case .ksh: "ksh"
        case .zsh: "zsh"
        case .powershell: "powershell"
        case .cmd: "cmd"
        case .unknown: "unknown"
        }
    }

    /// The dialect of a program that runs a script: `sh`, `/bin/bash`, `dash`, `busybox`,
    /// `pwsh`, `cmd.exe`; `sh` takes the image's flavor. Nil for a program that is not a shell.
    public static func program(_ program: String, systemShell: ShellFlavor) -> ShellDialect? {
        var name = Substring(program)
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = name[name.index(after: slash)...] }
        var lowered = name.lowercased()
        if lowered.hasSuffix(".exe") { lowered.removeLast(4) }
        switch lowered {
        case "sh": return .sh(systemShell)
        case "dash": return .sh(.dash)
        case "ash", "busybox": return .sh(.ash)
        case "bash": return .bash
        case "ksh", "mksh", "pdksh", "ksh93", "oksh": return .ksh
        case "zsh": return .zsh
        case "pwsh", "powershell": return .powershell
        case "cmd": return .cmd
        default: return nil
        }
    }

    /// The dialect a pragma value names (`bash`, `/bin/sh`, `dash`, `powershell` …); `.unknown`
    /// for a name that is no shell dlint knows.
    public static func pragmaValue(_ value: String, systemShell: ShellFlavor) -> ShellDialect {
        program(value, systemShell: systemShell) ?? .unknown
    }

    /// The dialect a script's first line names: `#!/bin/bash`, `#!/usr/bin/env bash`,
    /// `#!/usr/bin/env -S bash -e`, `#!/bin/busybox sh`. Nil when the script has no shebang.
    public static func shebang(of script: [UInt8], systemShell: ShellFlavor) -> ShellDialect? {
        guard script.count >= 2, script[0] == UInt8(ascii: "#"), script[1] == UInt8(ascii: "!") else { return nil }
        let end = script.firstIndex(of: 0x0A) ?? script.count
        let line = String(decoding: script[2..<end], as: UTF8.self)
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)[...]
        guard let first = words.first else { return .unknown }
        if PathText.basename(first) == "env" {
            words = words.dropFirst().drop { $0.hasPrefix("-") || $0.contains("=") }
        } else if PathText.basename(first) == "busybox" {
            // `#!/bin/busybox sh`.
            return .sh(.ash)
        }
        guard let program = words.first else { return .unknown }
        return Self.program(program, systemShell: systemShell) ?? .unknown
    }
}

/// The userland a stage is built on, as far as its base image or its package manager tells:
/// which `/bin/sh`, whether bash is there, which `wget`.
public enum BaseSystem: Sendable, Hashable {
    /// Debian, Ubuntu and the official images built on them (python, node, golang …): dash as
    /// `/bin/sh`, bash installed, GNU wget 1.x when wget is installed.
    case debian
    /// Fedora, CentOS, Rocky, Alma, UBI, Amazon Linux: bash as `/bin/sh`; wget may be wget2.
    case redHat
    /// Other glibc distributions with bash (openSUSE, Arch).
    case otherGNU
    /// Alpine and BusyBox: BusyBox ash as `/bin/sh`, BusyBox wget, no bash unless installed.
    case busybox
    /// distroless and similar images: no shell at all.
    case shellless

    public var hasBash: Bool { self == .debian || self == .redHat || self == .otherGNU }

    /// What `/bin/sh` is on this system.
    public var shellFlavor: ShellFlavor {
        switch self {
        case .debian: .dash
        case .busybox: .ash
        case .redHat, .otherGNU: .bash
        case .shellless: .posix
        }
    }

    private static let debianImages: Set<String> = [
        "debian", "ubuntu", "buildpack-deps", "python", "node", "ruby", "golang", "php", "perl", "openjdk",
        "rust", "gcc", "eclipse-temurin", "maven", "gradle", "haskell", "elixir", "erlang", "julia", "r-base",
        "swift", "clojure", "kalilinux", "kali-rolling", "jenkins", "sonarqube", "postgres", "mariadb",
        "nginx", "httpd", "redis", "mongo", "rabbitmq", "wordpress", "tomcat",
    ]
    private static let debianReleases = [
        "bookworm", "bullseye", "buster", "stretch", "trixie", "sid", "jammy", "noble", "focal", "bionic", "xenial",
    ]
    private static let redHatImages: Set<String> = [
        "fedora", "centos", "rockylinux", "almalinux", "oraclelinux", "amazonlinux", "rhel", "ubi", "ubi8", "ubi9",
        "ubi10", "ubi-minimal", "ubi8-minimal", "ubi9-minimal", "ubi10-minimal", "ubi-init", "ubi8-init", "ubi9-init",
        "amazoncorretto",
    ]

    /// The system of a stage, as the model computed it: from the image at the root of its `FROM`
    /// chain, else from the package manager the chain runs. Nil when neither tells.
    public static func of(stage stageIndex: Int, in model: DockerfileModel) -> BaseSystem? {
        model.baseSystem(ofStage: stageIndex)
    }

    /// The system an image reference names; nil for a variable, `scratch`, Windows or an image
    /// dlint does not know.
    public static func of(image: ImageReference) -> BaseSystem? {
        guard !image.hasVariables, !image.isScratch else { return nil }
        let repository = image.repository.lowercased()
        let name = PathText.basename(repository)
        let tag = (image.tag ?? "").lowercased()
        if repository.contains("distroless") || (image.registry ?? "").contains("distroless") { return .shellless }
        if ["windows", "nanoserver", "servercore", "ltsc"].contains(where: tag.contains) { return nil }
        if ["alpine", "busybox"].contains(name) || tag.contains("alpine") { return .busybox }
        if redHatImages.contains(name) || ["ubi8", "ubi9", "ubi10", "rockylinux", "centos", "fedora", "amzn"].contains(where: tag.contains) {
            return .redHat
        }
        if debianImages.contains(name) || (debianReleases + ["debian", "ubuntu"]).contains(where: tag.contains) { return .debian }
        if repository.hasPrefix("opensuse/") || name == "archlinux" { return .otherGNU }
        return nil
    }

    /// The system the package managers of some RUNs reveal: `apk` BusyBox, `apt-get` Debian,
    /// `dnf`/`yum`/`microdnf` the RHEL family.
    static func of(programs runs: [RunInstruction]) -> BaseSystem? {
        // Seven names compared in place rather than every program hashed into a set: every
        // command of every stage comes here.
        var runsAPK = false, runsDebian = false, runsRedHat = false
        for run in runs {
            for command in run.commands {
                guard let invocation = command.command.effectiveCommand, !invocation.wrappers.contains("command"),
                      let name = invocation.commandName else { continue }
                let program = PathText.basename(name)
                switch program {
                case "apk": runsAPK = true
                case "apt-get", "apt", "dpkg": runsDebian = true
                case "dnf", "yum", "microdnf": runsRedHat = true
                default: break
                }
            }
        }
        if runsAPK { return .busybox }
        if runsDebian { return .debian }
        if runsRedHat { return .redHat }
        return nil
    }
}

/// `# hadolint shell=bash` and `# dlint shell=bash`: the shell of the RUNs after the comment, to
/// the end of its stage (to the end of the file before the first `FROM`), or the next such pragma.
struct ShellPragma: Sendable {
    /// Where the comment starts.
    let offset: Int
    /// The value as written: `bash`, `/bin/sh`, `powershell`.
    let value: String

    init?(_ comment: String, offset: Int) {
        var text = Substring(comment)
        guard text.first == "#" else { return nil }
        text = text.dropFirst().drop { $0 == " " || $0 == "\t" }
        let tool = text.prefix { $0.isLetter }
        guard tool.lowercased() == "dlint" || tool.lowercased() == "hadolint" else { return nil }
        text = text.dropFirst(tool.count)
        guard text.first == " " || text.first == "\t" else { return nil }
        text = text.drop { $0 == " " || $0 == "\t" }
        guard text.lowercased().hasPrefix("shell") else { return nil }
        text = text.dropFirst("shell".count).drop { $0 == " " || $0 == "\t" }
        guard text.first == "=" else { return nil }
        text = text.dropFirst().drop { $0 == " " || $0 == "\t" }
        let value = text.prefix { $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" && $0 != "#" }
        guard !value.isEmpty else { return nil }
        self.offset = offset
        self.value = String(value)
    }

    /// Every shell pragma of the file, in file order.
    static func all(in tree: SyntaxTree) -> [ShellPragma] {
        tree.tokens.compactMap { token in
            guard token.kind == .comment, Pragma.mayNameTool(tree.source, token.range) else { return nil }
            return ShellPragma(tree.text(of: token.range), offset: token.range.lowerBound)
        }
    }
}

/// How the model decides the dialect of a RUN's scripts.
struct DialectContext: Sendable {
    /// What `/bin/sh` is where the RUN runs.
    var systemShell: ShellFlavor
    /// The value of the last shell pragma before the RUN.
    var pragma: String?
}
