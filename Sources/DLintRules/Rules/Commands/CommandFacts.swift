import DLintCore

/// A program run by a RUN: the word naming it and its arguments, through wrappers.
struct ProgramRun {
    /// The command the program belongs to (its words, the script it comes from).
    let command: ShellCommand
    /// The program's name without its directory: `wget` for `/usr/bin/wget`.
    let program: String
    /// The word naming the program.
    let nameWord: Word
    let arguments: [Word]

    var nameRange: Range<Int> { command.fileRange(of: nameWord) }

    /// The program of a shell command, through `sudo`, `env`, `nice`, `exec` …; nil when there
    /// is no literal command name, and for `command -v NAME`, which only looks the name up.
    init?(_ command: ShellCommand) {
        guard let invocation = command.command.effectiveCommand, let name = invocation.commandName else { return nil }
        if invocation.wrappers.contains("command") {
            // The options between the wrappers and the program: `command -v NAME`.
            let lookup = command.command.words.prefix { $0.range != invocation.name.range }.contains { word in
                guard let value = word.literalValue, value.hasPrefix("-"), !value.hasPrefix("--") else { return false }
                return value.contains("v") || value.contains("V")
            }
            if lookup { return nil }
        }
        self.command = command
        self.program = ProgramRun.basename(name)
        self.nameWord = invocation.name
        self.arguments = invocation.arguments
    }

    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// The userland an image's stage is built on, as far as its base image or its package manager
/// tells: which `/bin/sh`, whether bash is there, which `wget`.
enum BaseSystem: Equatable {
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

    var hasBash: Bool { self == .debian || self == .redHat || self == .otherGNU }

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

    /// The system of a stage: from the image at the root of its `FROM` chain, else from the
    /// package manager the chain runs. Nil when neither tells.
    static func of(stage stageIndex: Int, in model: DockerfileModel) -> BaseSystem? {
        let chain = model.stageChain(from: stageIndex)
        guard let root = chain.last else { return nil }
        let image = model.stages[root].baseImage
        if let known = of(image: image) { return known }
        let programs = Set(model.runs.filter { run in
            model.states[run.instructionIndex].stageIndex.map(chain.contains) ?? false
        }.flatMap { $0.commands.compactMap { ProgramRun($0)?.program } })
        if programs.contains("apk") { return .busybox }
        if !programs.isDisjoint(with: ["apt-get", "apt", "dpkg"]) { return .debian }
        if !programs.isDisjoint(with: ["dnf", "yum", "microdnf"]) { return .redHat }
        return nil
    }

    static func of(image: ImageReference) -> BaseSystem? {
        guard !image.hasVariables, !image.isScratch else { return nil }
        let repository = image.repository.lowercased()
        let name = ProgramRun.basename(repository)
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
}

extension Instruction {
    /// Where a line inserted before this instruction goes: the start of the first of the comment
    /// lines directly above it (they belong to it, pragmas included), or of its own line.
    /// With the indentation and line ending to use.
    func insertionPoint(in tree: SyntaxTree) -> (offset: Int, indentation: String, lineEnding: String) {
        let source = tree.source
        func lineStart(_ offset: Int) -> Int {
            var start = offset
            while start > 0, source[start - 1] != 0x0A { start -= 1 }
            return start
        }
        var start = lineStart(keyword.range.lowerBound)
        let indentation = String(decoding: source[start..<keyword.range.lowerBound], as: UTF8.self)
        while start > 0 {
            let previous = lineStart(start - 1)
            let line = source[previous..<(start - 1)]
            guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: "#") else { break }
            start = previous
        }
        var end = range.upperBound
        while end < source.count, source[end] != 0x0A { end += 1 }
        let lineEnding = end > 0 && end < source.count && source[end - 1] == 0x0D ? "\r\n" : "\n"
        return (start, indentation.allSatisfy { $0 == " " || $0 == "\t" } ? indentation : "", lineEnding)
    }
}
