import DLintCore

/// DL3004: `sudo` in a RUN. The build runs as the stage's USER; sudo adds a tty-dependent,
/// configuration-dependent layer that does not belong in an image build.
struct NoSudo: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3004", name: "no-sudo", severity: .warning,
        summary: "Do not use sudo in RUN: switch USER, or use a tool like gosu at run time"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for run in context.model.runs {
            for command in run.commands {
                let words = command.command.words.map { ($0.literalValue, $0) }
                if let word = Self.sudo(in: words) {
                    findings.append(Self.finding(at: command.fileRange(of: word)))
                }
            }
            // Exec form: `RUN ["sudo", "apt-get", "update"]`.
            if case .exec(let elements) = run.instruction.arguments,
               let element = Self.sudo(in: elements.map { (Optional($0.text), $0) }) {
                findings.append(Self.finding(at: element.range))
            }
        }
        return findings
    }

    private static func finding(at range: Range<Int>) -> Finding {
        Finding("Do not use 'sudo' in RUN: it leads to unpredictable behavior; switch USER, or use a tool like gosu at run time", at: range)
    }

    /// Programs that run their operands as a command, with their options that take a value, and
    /// how many operands come before the command (`timeout 10 cmd`).
    static let wrappers: [String: (options: Set<String>, leadingOperands: Int)] = [
        "env": (["-u", "-C", "-S", "--unset", "--chdir", "--split-string"], 0),
        "command": ([], 0),
        "exec": (["-a"], 0),
        "nice": (["-n", "--adjustment"], 0),
        "nohup": ([], 0),
        "time": (["-f", "-o", "--format", "--output"], 0),
        "stdbuf": (["-i", "-o", "-e", "--input", "--output", "--error"], 0),
        "timeout": (["-k", "-s", "--kill-after", "--signal"], 1),
        "setsid": ([], 0),
        "ionice": (["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"], 0),
        "xargs": (["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-args",
                   "--max-procs", "--max-chars", "--process-slot-var"], 0),
    ]

    /// The `sudo` word of a command, looking through wrappers: `env sudo`, `exec sudo`,
    /// `command sudo`, `xargs sudo`. `command -v sudo` only looks sudo up.
    static func sudo<Item>(in words: [(value: String?, item: Item)]) -> Item? {
        var index = 0
        while index < words.count, let value = words[index].value {
            let program = value.split(separator: "/").last.map(String.init) ?? value
            if program == "sudo" { return words[index].item }
            guard let wrapper = wrappers[program] else { return nil }
            index += 1
            while index < words.count, let option = words[index].value,
                  option.hasPrefix("-") || (program == "env" && option.contains("=")) {
                index += 1
                if option == "--" { break }
                if program == "command", option.hasPrefix("-"), option.contains("v") || option.contains("V") { return nil }
                if wrapper.options.contains(option) { index += 1 }
            }
            index += wrapper.leadingOperands
        }
        return nil
    }
}
