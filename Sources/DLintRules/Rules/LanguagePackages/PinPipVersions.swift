import DLintCore

/// DL3013: `pip install NAME` installs whatever version the index has on the day of the build.
struct PinPipVersions: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3013", name: "pin-pip-versions", severity: .warning,
        summary: "Pin versions in pip install: use <package>==<version> or a requirements file"
    )

    func check(_ context: RuleContext) -> [Finding] {
        InstallCommand.all(in: context.model, programs: ["pip", "pipx", "uv"]).flatMap { command in
            Self.unpinned(command).map { argument, value, problem in
                let message = switch problem {
                case .noVersion:
                    "Pin versions in pip: use '\(value)==<version>' instead of '\(value)', or install from a requirements file (-r)"
                case .noRevision:
                    "Pin versions in pip: '\(value)' installs the repository's default branch; add '@<tag or commit>' to the URL"
                }
                return Finding(message, at: argument.range)
            }
        }
    }

    enum Problem { case noVersion, noRevision }

    /// pip's options that take a value (`pip install --help` and the general options), and
    /// pipx's.
    static let options = OptionTable(
        longWithValue: [
            "--requirement", "--constraint", "--editable", "--target", "--platform", "--python-version",
            "--implementation", "--abi", "--root", "--prefix", "--src", "--upgrade-strategy", "--config-settings",
            "--global-option", "--install-option", "--build-option", "--no-binary", "--only-binary", "--progress-bar",
            "--root-user-action", "--report", "--index-url", "--extra-index-url", "--find-links", "--group", "--build",
            "--log", "--log-file", "--local-log", "--proxy", "--retries", "--timeout", "--exists-action",
            "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--python", "--use-feature",
            "--use-deprecated", "--keyring-provider", "--resume-retries",
            // pipx install
            "--pip-args", "--suffix", "--preinstall", "--spec",
        ],
        shortWithValue: ["r", "c", "e", "t", "i", "f", "b", "C"]
    )

    /// The requirements of a `pip install` (or `pipx install`, `uv pip install`) that pin
    /// nothing. None when the versions come from elsewhere: a requirements or constraints file
    /// (`-r`, `-c`, `PIP_CONSTRAINT`), or local files only (`--no-index`).
    static func unpinned(_ command: InstallCommand) -> [(InstallArgument, String, Problem)] {
        let arguments = command.arguments
        var index = 0
        if command.program == "uv" {
            // `uv [options] pip install …`
            while index < arguments.count, arguments[index].isOption { index += 1 }
            guard index < arguments.count, arguments[index].value == "pip" else { return [] }
            index += 1
        }
        while index < arguments.count, arguments[index].isOption { _ = options.read(arguments, at: &index) }
        guard index < arguments.count, arguments[index].value == "install" else { return [] }
        index += 1
        if command.hasVariable("PIP_CONSTRAINT") || command.hasVariable("PIP_REQUIREMENT") { return [] }

        var requirements: [InstallArgument] = []
        while index < arguments.count {
            let argument = arguments[index]
            if argument.value == "--" {
                requirements += arguments[(index + 1)...]
                break
            }
            guard argument.isOption else {
                requirements.append(argument)
                index += 1
                continue
            }
            for option in options.read(arguments, at: &index) {
                switch option.name {
                case "--requirement", "-r", "--constraint", "-c", "--no-index":
                    return []
                case "--editable", "-e":
                    if let value = option.valueArgument { requirements.append(value) }
                default:
                    break
                }
            }
        }
        return requirements.compactMap { argument in
            guard let value = argument.value, let problem = problem(value) else { return nil }
            return (argument, value, problem)
        }
    }

    /// What is wrong with a requirement, nil when it pins a version or names local files.
    static func problem(_ requirement: String) -> Problem? {
        // Environment markers do not pin: `flask; python_version < "3.12"`.
        let specifier = requirement.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? requirement
        let trimmed = specifier.trimmingBlanks
        guard !trimmed.isEmpty, !trimmed.hasPrefix("-") else { return nil }
        if trimmed.contains("://") {
            // `name @ https://…` (PEP 508 direct reference) is judged by its URL.
            let url = trimmed.firstRange(of: "@").flatMap { at -> String? in
                let after = String(trimmed[at.upperBound...]).trimmingBlanks
                return trimmed[..<at.lowerBound].contains("://") ? nil : after
            } ?? trimmed
            return isVersionControl(url) && !hasRevision(url) ? .noRevision : nil
        }
        if ["==", ">=", "<=", "!=", "~=", ">", "<"].contains(where: trimmed.contains) { return nil }
        // Local directories and archives: `.`, `./pkg`, `.[dev]`, `/src`, `~/pkg`, `dist/x.whl`.
        if trimmed.hasPrefix(".") || trimmed.hasBytePrefix("/") || trimmed.hasPrefix("~") || trimmed.contains("/") { return nil }
        let archives = [".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip"]
        if archives.contains(where: trimmed.lowercased().hasSuffix) { return nil }
        return .noVersion
    }

    static func isVersionControl(_ url: String) -> Bool {
        let lower = url.lowercased()
        return ["git+", "hg+", "svn+", "bzr+", "git://"].contains(where: lower.hasPrefix)
    }

    /// `git+https://host/repo.git@v1.2#egg=x`: an `@` in the path, after the host (an `@`
    /// before the host is a user name).
    static func hasRevision(_ url: String) -> Bool {
        let withoutFragment = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? Substring(url)
        guard let scheme = withoutFragment.firstRange(of: "://") else { return withoutFragment.contains("@") }
        let afterScheme = withoutFragment[scheme.upperBound...]
        guard let slash = afterScheme.dropFirst().firstIndex(of: "/") else { return false }
        let path = afterScheme[slash...]
        guard let at = path.lastIndex(of: "@") else { return false }
        return path.index(after: at) < path.endIndex
    }
}

private extension String {
    var trimmingBlanks: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
