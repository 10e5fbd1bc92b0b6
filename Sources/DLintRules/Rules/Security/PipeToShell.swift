import DLintCore

/// DX1403: a script downloaded and run in one go — `curl … | sh`, `wget -qO- … | bash`,
/// `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -O- …)"`: whatever the server sends that
/// day runs, with nothing to compare it against.
struct PipeToShell: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1403", name: "pipe-to-shell", severity: .warning,
        summary: "Do not pipe a download into a shell: download it, verify its checksum, then run it"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for scriptPipelines in ShellPipelines.all(in: context.model) {
            let script = scriptPipelines.source
            for pipeline in scriptPipelines.pipelines {
                check(pipeline, in: script, into: &findings)
                for case .simple(let simple) in pipeline.commands { check(simple, in: script, into: &findings) }
            }
            processSubstitutions(in: script, into: &findings)
        }
        return findings
    }

    /// `downloader | … | interpreter`.
    private func check(_ pipeline: Pipeline, in source: ShellScriptSource, into findings: inout [Finding]) {
        guard pipeline.commands.count > 1 else { return }
        var download: (tool: String, url: String?)?
        for command in pipeline.commands {
            guard case .simple(let simple) = command, let invocation = simple.effectiveCommand else { continue }
            if download == nil, let found = Self.download(invocation, in: source) {
                download = found
                continue
            }
            if let download, let interpreter = Self.stdinInterpreter(invocation) {
                findings.append(Self.finding(tool: download.tool, url: download.url, interpreter: interpreter, at: source.fileRange(of: invocation.name.range)))
                return
            }
        }
    }

    /// `sh -c "$(curl …)"`, `eval "$(curl …)"`, `bash <(curl …)`, `. <(curl …)`.
    private func check(_ simple: SimpleCommand, in source: ShellScriptSource, into findings: inout [Finding]) {
        guard let invocation = simple.effectiveCommand, let name = invocation.commandName else { return }
        let program = PackageInvocation.baseProgram(name)
        let runsText = program == "eval" || Self.isShell(program) && invocation.arguments.contains { $0.literalValue?.hasPrefix("-") == true && $0.literalValue?.contains("c") == true }
        if runsText {
            for word in invocation.arguments {
                if let download = Self.substitutedDownload(in: word.parts, source: source) {
                    findings.append(Self.finding(tool: download.tool, url: download.url, interpreter: program, at: source.fileRange(of: invocation.name.range)))
                    return
                }
            }
        }
    }

    /// `bash <(curl …)`, `source <(wget -O- …)`: process substitution is not in the shell model,
    /// so the script's bytes are read: `<(` and a downloader after it, a shell or `source` before.
    private func processSubstitutions(in source: ShellScriptSource, into findings: inout [Finding]) {
        let text = source.text
        // Most scripts have no `<(`: one pass without bounds checks finds that.
        guard ByteSearch.contains(Self.processSubstitutionStart, in: text) else { return }
        var index = 0
        while index + 1 < text.count {
            defer { index += 1 }
            guard text[index] == UInt8(ascii: "<"), text[index + 1] == UInt8(ascii: "(") else { continue }
            var after = index + 2
            while after < text.count, text[after] == 0x20 { after += 1 }
            let tool = ["curl", "wget"].first { name in
                let bytes = Array((name + " ").utf8)
                return after + bytes.count <= text.count && Array(text[after..<(after + bytes.count)]) == bytes
            }
            guard let tool else { continue }
            var end = index
            while end > 0, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
            var start = end
            while start > 0, Self.isCommandNameByte(text[start - 1]) { start -= 1 }
            guard start < end else { continue }
            let program = PackageInvocation.baseProgram(String(decoding: text[start..<end], as: UTF8.self))
            guard Self.shells.contains(program) || program == "source" || program == "." else { continue }
            findings.append(Self.finding(tool: tool, url: nil, interpreter: program, at: source.fileRange(of: start..<end)))
        }
    }

    private static let processSubstitutionStart = Array("<(".utf8)

    private static func isCommandNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
    }

    private static func finding(tool: String, url: String?, interpreter: String, at range: Range<Int>) -> Finding {
        let fetched = url.map { "'\($0)'" } ?? "a download"
        return Finding(
            "\(interpreter) runs \(fetched) straight from \(tool), unverified: download it to a file, check its checksum (sha256sum -c), then run it",
            at: range
        )
    }

    static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"]

    /// `shells.contains`, after a byte test that turns away nearly every command: each name
    /// there ends in `h`, but busybox's in `x`.
    static func isShell(_ program: String) -> Bool {
        let last = program.utf8.last
        return (last == UInt8(ascii: "h") || last == UInt8(ascii: "x")) && shells.contains(program)
    }
    static let interpreters: Set<String> = ["python", "perl", "ruby", "node", "php"]

    /// `curl URL` that writes to standard output, `wget -O- URL`; the tool and the URL.
    static func download(_ invocation: CommandInvocation, in source: ShellScriptSource) -> (tool: String, url: String?)? {
        guard let name = invocation.commandName else { return nil }
        let tool = PackageInvocation.baseProgram(name)
        // Most commands of a pipeline are neither: their words are not gathered.
        guard tool == "curl" || tool == "wget" else { return nil }
        let values = invocation.arguments.map(\.literalValue)
        // The URL as written when a variable is part of it (`…/${VERSION}/install.sh`).
        let url = invocation.arguments.lazy.compactMap { word -> String? in
            let value = word.literalValue ?? source.string(word.range)
            return value.contains("://") ? value : nil
        }.first
        switch tool {
        case "curl":
            // `-o FILE`, `-O`, `--output FILE`: the pipe gets nothing (unless FILE is `-`).
            for (index, value) in values.enumerated() {
                guard let value else { continue }
                let next = index + 1 < values.count ? values[index + 1] : nil
                if value == "--output" || value == "-o" { if next != "-" { return nil } }
                if value.hasPrefix("--output="), value != "--output=-" { return nil }
                if value == "--remote-name" || value == "--remote-name-all" || value == "-O" { return nil }
                if value.hasPrefix("-"), !value.hasPrefix("--"), let letterO = value.dropFirst().firstIndex(where: { $0 == "o" || $0 == "O" }) {
                    let rest = value[value.index(after: letterO)...]
                    if value[letterO] == "O" { return nil }
                    if rest.isEmpty ? next != "-" : rest != "-" { return nil }
                }
            }
            return (tool, url)
        case "wget":
            for (index, value) in values.enumerated() {
                guard let value else { continue }
                let next = index + 1 < values.count ? values[index + 1] : nil
                var target: String?
                if value == "--output-document" || value == "-O" { target = next }
                if value.hasPrefix("--output-document=") { target = String(value.dropFirst(18)) }
                if value.hasPrefix("-"), !value.hasPrefix("--"), let letterO = value.firstIndex(of: "O") {
                    let rest = value[value.index(after: letterO)...]
                    target = rest.isEmpty ? next : String(rest)
                }
                if let target, target == "-" || target == "/dev/stdout" { return (tool, url) }
            }
            return nil
        default:
            return nil
        }
    }

    /// A shell or interpreter reading its program from standard input: `sh`, `bash -s -- -y`,
    /// `sudo -E bash -`, `python3 -`; not `sh script.sh` nor `python3 -c '…'` (which reads data).
    static func stdinInterpreter(_ invocation: CommandInvocation) -> String? {
        guard let name = invocation.commandName else { return nil }
        let program = PackageInvocation.baseProgram(name)
        guard shells.contains(program) || interpreters.contains(program) else { return nil }
        var arguments = invocation.arguments[...]
        if program == "busybox" {
            guard let applet = arguments.first?.literalValue, shells.contains(applet) else { return nil }
            arguments = arguments.dropFirst()
        }
        for word in arguments {
            guard let value = word.literalValue else { return nil }
            if value == "-" || value == "-s" || value == "--" { return program }
            if value.hasPrefix("-"), value.count > 1 {
                // `-c` runs its argument; `-m` (python) a module; `-e` (perl, ruby, node) a line.
                let letters = value.dropFirst()
                if shells.contains(program) ? letters.contains("c") && !value.hasPrefix("--") : ["c", "m", "e", "E", "p", "r"].contains(where: { letters.hasPrefix($0) }) { return nil }
                if shells.contains(program), letters.contains("s") { return program }
                continue
            }
            // A script file: it runs, not the download.
            return nil
        }
        return program
    }

    /// A word that is only `$(curl …)` or `"$(curl …)"`: the download is the text run. (In
    /// `sh -c "echo $(curl …)"` it is only data.)
    private static func substitutedDownload(in parts: [WordPart], source: ShellScriptSource) -> (tool: String, url: String?)? {
        guard parts.count == 1 else { return nil }
        switch parts[0] {
        case .doubleQuoted(let inner, _):
            return substitutedDownload(in: inner, source: source)
        case .commandSubstitution(let substitution):
            guard substitution.script.items.count == 1, let last = substitution.script.items[0].andOr.pipelines.last?.commands.last,
                  case .simple(let simple) = last, let invocation = simple.effectiveCommand else { return nil }
            return download(invocation, in: source)
        default:
            return nil
        }
    }
}
