import DLintCore

/// DL3016: `npm install NAME` installs the `latest` tag of the day of the build.
struct PinNpmVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3016", name: "pin-npm-versions", severity: .warning,
        summary: "Pin versions in npm install: use <package>@<version>"
    )

    func check(_ context: RuleContext) -> [Finding] {
        InstallCommand.all(in: context.model, programs: ["npm"]).flatMap { command in
            Self.unpinned(command).map { argument, value, problem in
                let message = switch problem {
                case .noVersion(let name):
                    "Pin versions in npm: use '\(name)@<version>' instead of '\(value)'"
                case .noCommit:
                    "Pin versions in npm: '\(value)' installs the repository's default branch; add '#<commit, tag or semver:range>'"
                }
                return Finding(message, at: argument.range)
            }
        }
    }

    enum Problem: Equatable {
        /// A registry package without a version, or with `latest` (the name to show).
        case noVersion(String)
        /// A git repository without a committish.
        case noCommit
    }

    /// npm's spellings of `install` (its aliases and accepted typos) and `add`.
    static let installCommands: Set<String> = [
        "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add",
    ]

    /// npm's options that take a value (`npm help config`; booleans take none).
    static let options = OptionTable(
        longWithValue: [
            "--registry", "--prefix", "--cache", "--loglevel", "--userconfig", "--globalconfig", "--tag", "--omit",
            "--include", "--install-strategy", "--workspace", "--save-prefix", "--before", "--cafile", "--ca",
            "--cert", "--key", "--proxy", "--https-proxy", "--noproxy", "--fetch-retries", "--fetch-timeout",
            "--fetch-retry-mintimeout", "--fetch-retry-maxtimeout", "--fetch-retry-factor", "--script-shell",
            "--only", "--also", "--location", "--node-options", "--maxsockets", "--auth-type", "--otp",
            "--user-agent", "--scope", "--access", "--depth", "--target-arch", "--target-platform", "--target-libc",
            "--nodedir", "--python", "--tmp", "--shell", "--umask", "--logs-dir", "--logs-max", "--local-address",
            "--replace-registry-host", "--cache-min", "--cache-max", "--git", "--heading", "--init-module",
        ],
        shortWithValue: ["w", "C"]
    )

    /// The packages of an `npm install` that pin no version. `npm install` alone installs what
    /// `package.json` and the lock file say, and pins nothing here.
    static func unpinned(_ command: InstallCommand) -> [(InstallArgument, String, Problem)] {
        let arguments = command.arguments
        var index = 0
        // Options may come before the command: `npm --prefix /app install`.
        while index < arguments.count, arguments[index].isOption { _ = options.read(arguments, at: &index) }
        guard index < arguments.count, let subcommand = arguments[index].value, installCommands.contains(subcommand) else { return [] }
        index += 1
        var packages: [InstallArgument] = []
        while index < arguments.count {
            if arguments[index].value == "--" {
                packages += arguments[(index + 1)...]
                break
            }
            if arguments[index].isOption {
                _ = options.read(arguments, at: &index)
            } else {
                packages.append(arguments[index])
                index += 1
            }
        }
        return packages.compactMap { argument in
            guard let value = argument.value, let problem = problem(value) else { return nil }
            return (argument, value, problem)
        }
    }

    /// What is wrong with a package spec, nil when it pins a version, a commit or a file.
    static func problem(_ spec: String) -> Problem? {
        guard !spec.isEmpty else { return nil }
        let lower = spec.lowercased()
        // Folders and tarballs: the files are what they are.
        if [".", ".."].contains(spec) || ["./", "../", "/", "~/", "file:"].contains(where: spec.hasPrefix) { return nil }
        if [".tgz", ".tar", ".tar.gz"].contains(where: lower.hasSuffix) { return nil }
        let gitPrefixes = ["git://", "git+ssh://", "git+http://", "git+https://", "git+file://", "github:", "gitlab:", "bitbucket:", "gist:"]
        if gitPrefixes.contains(where: lower.hasPrefix) { return hasCommittish(spec) ? nil : .noCommit }
        // Another URL names what it downloads.
        if spec.contains("://") { return nil }
        // `user/repo` is a GitHub repository.
        if !spec.hasPrefix("@"), spec.contains("/") { return hasCommittish(spec) ? nil : .noCommit }
        // `[@scope/]name[@version]`
        let nameEnd: String.Index
        if spec.hasPrefix("@") {
            guard let slash = spec.firstIndex(of: "/") else { return nil }
            nameEnd = spec[slash...].firstIndex(of: "@") ?? spec.endIndex
        } else {
            nameEnd = spec.firstIndex(of: "@") ?? spec.endIndex
        }
        let name = String(spec[..<nameEnd])
        guard nameEnd < spec.endIndex else { return .noVersion(name) }
        let version = spec[spec.index(after: nameEnd)...]
        // `alias@npm:real@1.2`
        if version.hasPrefix("npm:") { return problem(String(version.dropFirst(4))).map { _ in .noVersion(name) } }
        return ["", "latest", "*"].contains(version.trimmingSpaces()) ? .noVersion(name) : nil
    }

    private static func hasCommittish(_ spec: String) -> Bool {
        guard let hash = spec.firstIndex(of: "#") else { return false }
        return spec.index(after: hash) < spec.endIndex
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
