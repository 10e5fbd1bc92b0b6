import DLintCore

/// DX1402: a download tool or package manager told to skip TLS certificate or package signature
/// checks, by an option (`curl -k`, `apt-get --allow-unauthenticated`), a configuration command
/// (`npm config set strict-ssl false`, `git config http.sslVerify false`), a configuration file a
/// heredoc or `echo` writes (`gpgcheck=0`, `[trusted=yes]`), or a variable (`ENV
/// NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, in ENV, ARG defaults and RUN).
struct TLSVerificationDisabled: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1402", name: "tls-verification-disabled", severity: .warning,
        summary: "Do not turn off TLS certificate or package signature checks"
    )

    enum Check {
        case tls, signature

        var name: String {
            switch self {
            case .tls: "TLS certificate verification"
            case .signature: "package signature verification"
            }
        }

        var advice: String {
            switch self {
            case .tls: "anyone on the network path can change what is downloaded; trust the CA certificate the connection needs instead"
            case .signature: "a tampered or substituted package installs silently; import the repository's signing key instead"
            }
        }
    }

    struct Disabling {
        let range: Range<Int>
        let what: String
        let check: Check
        /// An ENV, or a file the image keeps: the containers run with the check off too.
        var persists = false
    }

    func check(_ context: RuleContext) -> [Finding] {
        var found: [Disabling] = []
        for site in AssignmentSite.all(in: context.model) {
            if let check = Self.disables(site) {
                let written = site.name + (site.hasValue ? "=" + (site.value ?? "…") : "")
                found.append(Disabling(range: site.range, what: written, check: check, persists: site.place == .env || site.place == .file))
            }
        }
        for run in context.model.runs {
            for command in run.commands { Self.disablings(in: command, into: &found) }
        }
        return found.map { item in
            let scope = item.persists ? " for the build and every container of the image" : ""
            return Finding("'\(item.what)' turns off \(item.check.name)\(scope): \(item.check.advice)", at: item.range)
        }
    }

    private static let falseValues: Set<String> = ["false", "0", "no", "off"]
    private static let trueValues: Set<String> = ["true", "1", "yes", "on"]

    /// Variables and configuration keys that turn a check off.
    static func disables(_ site: AssignmentSite) -> Check? {
        let name = site.name.lowercased()
        // Lowercased only for the few names below.
        lazy var value = site.value?.lowercased()
        if site.place == .file {
            // Lines of configuration files: `.repo` (gpgcheck, sslverify), `.npmrc`, `pip.conf`, `.wgetrc`.
            switch name {
            case "gpgcheck", "repo_gpgcheck", "pkg_gpgcheck": return value.map(falseValues.contains) == true ? .signature : nil
            case "sslverify", "strict-ssl", "ssl_verify", "sslverify_peer": return value.map(falseValues.contains) == true ? .tls : nil
            case "check_certificate", "check-certificate": return value.map(falseValues.contains) == true ? .tls : nil
            case "trusted-host": return value?.isEmpty == false ? .tls : nil
            default: return nil
            }
        }
        guard site.hasValue else { return nil }
        switch name {
        case "node_tls_reject_unauthorized", "pythonhttpsverify": return value == "0" ? .tls : nil
        // git reads any value, `false` and `0` included, as "do not verify".
        case "git_ssl_no_verify": return .tls
        case "npm_config_strict_ssl", "yarn_strict_ssl", "yarn_enable_strict_ssl": return value.map(falseValues.contains) == true ? .tls : nil
        case "pip_trusted_host", "goinsecure": return value?.isEmpty == false || site.value == nil ? .tls : nil
        case "gosumdb": return value == "off" ? .signature : nil
        case "goflags": return value?.split(separator: " ").contains("-insecure") == true ? .tls : nil
        default: return nil
        }
    }

    /// Options of any program that say "skip TLS verification" unambiguously.
    private static let anyProgramTLSOptions: Set<String> = [
        "--insecure-skip-tls-verify", "--insecure-skip-tls-verify=true", "--tls-verify=false", "--tlsverify=false", "--no-verify-ssl",
    ]

    /// Appends to the caller's list: nearly every command has none, and a list of its own per
    /// command would be made and merged for nothing.
    static func disablings(in command: ShellCommand, into found: inout [Disabling]) {
        // The package invocation reads `python3 -m pip …` as pip, with the arguments after the module.
        guard let invocation = command.packageInvocation else { return }
        let program = invocation.program
        let arguments = invocation.arguments
        func flag(_ word: Word, _ check: Check, shown: String? = nil) {
            found.append(Disabling(range: command.fileRange(of: word), what: shown ?? "\(program) \(word.literalValue ?? "")", check: check))
        }
        func words(_ first: Word, _ last: Word, _ check: Check) {
            let range = command.fileRange(of: first).lowerBound..<command.fileRange(of: last).upperBound
            found.append(Disabling(range: range, what: "\(program) … \(first.literalValue ?? "") \(last.literalValue ?? "")", check: check))
        }
        // Most commands are of no program below: one set look-up instead of a string
        // comparison per case.
        let hasCase = Self.programsWithChecks.contains(program)
        switch hasCase ? program : "" {
        case "":
            // First: a switch on strings compares with each case in turn.
            break
        case "curl":
            found += curlInsecure(arguments, in: command)
        case "wget":
            for word in arguments {
                guard let value = word.literalValue else { continue }
                if value == "--no-check-certificate" || value.hasPrefix("--check-certificate="), value != "--check-certificate=on" {
                    flag(word, .tls)
                }
            }
        case "pip", "uv", "pipenv", "poetry":
            for (index, word) in arguments.enumerated() {
                guard let value = word.literalValue else { continue }
                if value == "--trusted-host" || value.hasPrefix("--trusted-host=") || value == "--allow-insecure-host" || value.hasPrefix("--allow-insecure-host=") {
                    flag(word, .tls)
                } else if value.hasSuffix(".trusted-host") || value.hasSuffix(".trusted_host"), index > 0, arguments[index - 1].literalValue == "set" {
                    flag(word, .tls, shown: "\(program) config set \(value)")
                }
            }
        case "conda", "mamba", "micromamba":
            for (index, word) in arguments.enumerated() where word.literalValue == "ssl_verify" && index + 1 < arguments.count {
                if let value = arguments[index + 1].literalValue?.lowercased(), falseValues.contains(value) { words(word, arguments[index + 1], .tls) }
            }
        case "npm", "yarn", "pnpm":
            for (index, word) in arguments.enumerated() {
                guard let value = word.literalValue?.lowercased() else { continue }
                let next = index + 1 < arguments.count ? arguments[index + 1].literalValue?.lowercased() : nil
                if value == "--no-strict-ssl" || value == "--strict-ssl=false" || value == "strict-ssl=false" {
                    flag(word, .tls)
                } else if strictSSLKeys.contains(value), let next, falseValues.contains(next) {
                    words(word, arguments[index + 1], .tls)
                }
            }
        case "git":
            for (index, word) in arguments.enumerated() {
                guard let value = word.literalValue?.lowercased() else { continue }
                if index > 0, arguments[index - 1].literalValue == "-c", isGitSSLVerifyOff(value) {
                    found.append(Disabling(
                        range: command.fileRange(of: arguments[index - 1]).lowerBound..<command.fileRange(of: word).upperBound,
                        what: "git -c \(word.literalValue ?? "")", check: .tls
                    ))
                } else if isGitSSLVerifyKey(value), index + 1 < arguments.count,
                          arguments[..<index].contains(where: { $0.literalValue == "config" }),
                          let next = arguments[index + 1].literalValue?.lowercased(), falseValues.contains(next) {
                    words(word, arguments[index + 1], .tls)
                }
            }
        case "apt-get", "apt", "aptitude":
            for (index, word) in arguments.enumerated() {
                // Every option below starts with `-`; most words are package names, not hashed.
                guard let value = word.literalValue, value.utf8.first == UInt8(ascii: "-") else { continue }
                if aptUnsignedOptions.contains(value) {
                    flag(word, .signature)
                } else if (value == "-o" || value == "--option"), index + 1 < arguments.count,
                          let option = arguments[index + 1].literalValue, let check = aptOptionDisables(option) {
                    found.append(Disabling(
                        range: command.fileRange(of: word).lowerBound..<command.fileRange(of: arguments[index + 1]).upperBound,
                        what: "\(program) -o \(option)", check: check
                    ))
                } else if value.hasPrefix("-o"), value.count > 2, let check = aptOptionDisables(String(value.dropFirst(2))) {
                    flag(word, check)
                }
            }
        case "apk":
            for word in arguments where word.literalValue == "--allow-untrusted" { flag(word, .signature) }
        case "rpm":
            for word in arguments where rpmUnsignedOptions.contains(word.literalValue ?? "") { flag(word, .signature) }
        case "yum", "dnf", "microdnf", "tdnf", "zypper":
            for (index, word) in arguments.enumerated() {
                // Every option below starts with `-`; most words are package names, not hashed.
                guard let value = word.literalValue, value.utf8.first == UInt8(ascii: "-") else { continue }
                if repositoryUnsignedOptions.contains(value) {
                    flag(word, .signature)
                } else if value.hasPrefix("--setopt="), let check = repositoryOptionDisables(String(value.dropFirst(9))) {
                    flag(word, check)
                } else if value == "--setopt", index + 1 < arguments.count, let option = arguments[index + 1].literalValue,
                          let check = repositoryOptionDisables(option) {
                    words(word, arguments[index + 1], check)
                }
            }
        case "go":
            for word in arguments where word.literalValue == "-insecure" { flag(word, .tls) }
        case "echo", "printf", "sed":
            found += configurationText(arguments, in: command, program: program)
        default:
            break
        }
        // Every program with its own TLS options has a case: the others need no second look-up.
        if !hasCase || !Self.programsWithOwnTLSOptions.contains(program) {
            // By index: a word is copied (its parts retained) only when it is one of the options.
            for index in arguments.indices {
                // Every option of `anyProgramTLSOptions` is a long one, of 15 bytes or more (and
                // ASCII, which no other text equals): most words are shorter.
                guard let value = arguments[index].literalValue, value.utf8.count >= Self.shortestAnyProgramTLSOption,
                      Self.startsWithTwoDashes(value), anyProgramTLSOptions.contains(value) else { continue }
                flag(arguments[index], .tls)
            }
        }
    }

    private static let shortestAnyProgramTLSOption = anyProgramTLSOptions.map(\.utf8.count).min() ?? 0

    // Sets built once, not an array per word.
    private static let aptUnsignedOptions: Set<String> = ["--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"]
    private static let rpmUnsignedOptions: Set<String> = ["--nosignature", "--nodigest", "--nogpgcheck"]
    private static let repositoryUnsignedOptions: Set<String> = ["--nogpgcheck", "--no-gpgcheck", "--no-gpg-checks", "--no-check-signatures"]
    private static let strictSSLKeys: Set<String> = ["strict-ssl", "--strict-ssl", "enablestrictssl"]

    /// `--` at the start, read on the first two bytes (the generic `starts(with:)` is slower).
    private static func startsWithTwoDashes(_ value: String) -> Bool {
        var bytes = value.utf8.makeIterator()
        return bytes.next() == UInt8(ascii: "-") && bytes.next() == UInt8(ascii: "-")
    }

    /// The programs `disablings(in:into:)` has cases for.
    private static let programsWithChecks: Set<String> = [
        "apk", "apt", "apt-get", "aptitude", "conda", "curl", "dnf", "echo", "git", "go", "mamba", "microdnf", "micromamba", "npm",
        "pip", "pipenv", "pnpm", "poetry", "printf", "rpm", "sed", "tdnf", "uv", "wget", "yarn", "yum", "zypper",
    ]
    /// The programs `anyProgramTLSOptions` is not read for: their cases read their options.
    private static let programsWithOwnTLSOptions: Set<String> = ["curl", "wget", "git", "apt-get", "apt", "aptitude"]

    /// `curl -k`, `--insecure`, `-fsSLk`: the `k` of a group of short options, unless an option
    /// that takes a value comes first in the group (`-ok` writes to a file named `k`).
    private static let curlShortOptionsWithValue = Set("AbcCdDeEFHKmoPQrTtuUwxXyYz")
    private static let curlLongOptionsWithValue: Set<String> = [
        "--output", "--header", "--data", "--user", "--proxy", "--request", "--url", "--config", "--cacert", "--cert", "--key",
        "--user-agent", "--referer", "--cookie", "--form", "--write-out", "--max-time", "--retry", "--connect-timeout",
    ]

    private static func curlInsecure(_ arguments: [Word], in command: ShellCommand) -> [Disabling] {
        var found: [Disabling] = []
        var skipNext = false
        for word in arguments {
            if skipNext { skipNext = false; continue }
            guard let value = word.literalValue else { continue }
            if value == "--insecure" || value == "--proxy-insecure" {
                found.append(Disabling(range: command.fileRange(of: word), what: "curl \(value)", check: .tls))
            } else if curlLongOptionsWithValue.contains(value) {
                skipNext = true
            } else if value.hasPrefix("-"), !value.hasPrefix("--"), value.count > 1 {
                for (offset, letter) in value.dropFirst().enumerated() {
                    if letter == "k" {
                        found.append(Disabling(range: letterRange(word, at: offset + 1, in: command), what: "curl -k", check: .tls))
                        break
                    }
                    if curlShortOptionsWithValue.contains(letter) {
                        skipNext = offset + 2 == value.count
                        break
                    }
                }
            }
        }
        return found
    }

    /// The byte of one letter of an unquoted word; the whole word when it is quoted.
    static func letterRange(_ word: Word, at offset: Int, in command: ShellCommand) -> Range<Int> {
        guard word.parts.count == 1, case .literal(let text, let range) = word.parts[0], text.utf8.count == range.count else {
            return command.fileRange(of: word)
        }
        return command.source.fileRange(of: (range.lowerBound + offset)..<(range.lowerBound + offset + 1))
    }

    /// `http.sslverify=false`, `http.https://host/.sslverify=false`.
    private static func isGitSSLVerifyOff(_ value: String) -> Bool {
        guard let equals = value.firstIndex(of: "=") else { return false }
        return isGitSSLVerifyKey(String(value[..<equals])) && falseValues.contains(String(value[value.index(after: equals)...]))
    }

    private static func isGitSSLVerifyKey(_ key: String) -> Bool {
        key.hasPrefix("http.") && key.hasSuffix(".sslverify")
    }

    /// apt's `-o` options that turn checks off.
    private static func aptOptionDisables(_ option: String) -> Check? {
        let parts = option.lowercased().split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let key = parts[0]
        let value = parts[1].filter { $0 != "\"" && $0 != "'" }
        if (key.hasSuffix("::verify-peer") || key.hasSuffix("::verify-host")) && falseValues.contains(value) { return .tls }
        if (key.hasSuffix("allowunauthenticated") || key.hasSuffix("allowinsecurerepositories")
            || key.hasSuffix("allowdowngradetoinsecurerepositories")) && trueValues.contains(value) { return .signature }
        return nil
    }

    /// dnf's and yum's `--setopt=gpgcheck=0`, `--setopt=*.sslverify=false`.
    private static func repositoryOptionDisables(_ option: String) -> Check? {
        let parts = option.lowercased().split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, falseValues.contains(parts[1]) else { return nil }
        let key = parts[0].split(separator: ".").last.map(String.init) ?? parts[0]
        switch key {
        case "gpgcheck", "repo_gpgcheck", "localpkg_gpgcheck", "pkg_gpgcheck": return .signature
        case "sslverify": return .tls
        default: return nil
        }
    }

    /// Configuration written by `echo`, `printf` or `sed` into a file: a `[trusted=yes]` apt
    /// source, `gpgcheck=0` in a `.repo` file, `strict-ssl=false` in `.npmrc`,
    /// `Acquire::https::Verify-Peer "false"` in `apt.conf.d`.
    private static let configurationPatterns: [(text: String, check: Check)] = [
        ("trusted=yes", .signature), ("gpgcheck=0", .signature), ("gpgcheck=false", .signature), ("sslverify=0", .tls),
        ("sslverify=false", .tls), ("strict-ssl=false", .tls), ("strict-ssl false", .tls), ("check_certificate=off", .tls),
        ("check_certificate = off", .tls), ("verify-peer \"false\"", .tls), ("verify-peer=false", .tls), ("verify-host \"false\"", .tls),
        ("allowunauthenticated \"true\"", .signature), ("allowinsecurerepositories \"true\"", .signature),
    ]

    private static func configurationText(_ arguments: [Word], in command: ShellCommand, program: String) -> [Disabling] {
        var found: [Disabling] = []
        for word in arguments {
            // Every pattern has a `=` or a blank, which lowercasing neither adds nor takes away:
            // a word without either (most words) needs no lowercased copy.
            guard let literal = word.literalValue,
                  literal.utf8.contains(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: " ") }) else { continue }
            let value = literal.lowercased()
            // `sed 's/gpgcheck=0/gpgcheck=1/'` turns the check on: only the replacement counts.
            let written = program == "sed" ? sedReplacement(value) : value
            guard let written, let pattern = configurationPatterns.first(where: { written.contains($0.text) }) else { continue }
            if pattern.text == "trusted=yes", !written.contains("[") { continue }
            let raw = command.source.string(word.range).lowercased()
            var range = command.fileRange(of: word)
            if let start = raw.utf8.firstRange(of: pattern.text.utf8) {
                let lower = raw.utf8.distance(from: raw.utf8.startIndex, to: start.lowerBound)
                range = command.source.fileRange(of: (word.range.lowerBound + lower)..<(word.range.lowerBound + lower + pattern.text.utf8.count))
            }
            found.append(Disabling(range: range, what: pattern.text, check: pattern.check))
        }
        return found
    }

    /// The replacement of a `s/pattern/replacement/` expression.
    private static func sedReplacement(_ expression: String) -> String? {
        guard expression.hasPrefix("s"), expression.count > 2 else { return nil }
        let delimiter = expression[expression.index(after: expression.startIndex)]
        let parts = expression.dropFirst(2).split(separator: delimiter, omittingEmptySubsequences: false)
        return parts.count >= 2 ? String(parts[1]) : nil
    }
}
