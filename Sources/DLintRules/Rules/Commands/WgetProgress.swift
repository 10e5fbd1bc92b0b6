import DLintCore

/// DL3047: without a terminal, GNU wget prints its progress as dots, a line per 50 KiB, which
/// floods the build log for large downloads.
struct WgetProgress: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3047", name: "wget-progress", severity: .info,
        summary: "Avoid wget without a progress setting: use --progress=dot:giga, -q or -nv",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for run in model.runsAndTriggerRuns {
            for command in run.commands {
                guard let wget = ProgramRun(command), wget.program == "wget",
                      !Self.setsLogging(wget.arguments.map(\.literalValue)) else { continue }
                findings.append(Self.finding(at: wget.nameRange, inserting: " --progress=dot:giga", run: run, model: model))
            }
            // `RUN ["wget", …]`: the option goes in as the second element.
            if case .exec(let elements) = run.instruction.arguments, let first = elements.first,
               ProgramRun.basename(first.text) == "wget", !Self.setsLogging(elements.dropFirst().map { Optional($0.text) }) {
                findings.append(Self.finding(at: first.range, inserting: #", "--progress=dot:giga""#, run: run, model: model))
            }
        }
        return findings
    }

    /// A finding on the `wget` word, whose fix inserts `option` right after it.
    private static func finding(at range: Range<Int>, inserting option: String, run: RunInstruction, model: DockerfileModel) -> Finding {
        let end = range.upperBound
        return Finding(
            "'wget' without '--progress=dot:giga', '-q' or '-nv' fills the build log with progress dots",
            at: range,
            fix: applicability(of: run, in: model).map { applicability in
                Fix(
                    title: "Add `--progress=dot:giga`" + (applicability == .unsafe ? " (assuming GNU wget)" : ""),
                    applicability: applicability,
                    edits: [TextEdit(range: end..<end, replacement: option)]
                )
            }
        )
    }

    /// GNU wget's short options that take a value (`-n` takes one letter: `-nv`, `-nc` …).
    private static let valueLetters = Set("aABDeiIlnOoPQRtTUwXY")

    /// True when an option sets the progress display or the log: `--progress=…`, `-q`/`--quiet`,
    /// `-nv`/`--no-verbose`, `-o`/`--output-file`, `-a`/`--append-output` (hadolint's list).
    static func setsLogging(_ arguments: [String?]) -> Bool {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard let value = argument, value.hasPrefix("-"), value.count > 1 else { continue }
            if value == "--" { return false }
            if value.hasPrefix("--") {
                let name = value.dropFirst(2).prefix { $0 != "=" }
                if ["progress", "quiet", "no-verbose", "output-file", "append-output"].contains(name) { return true }
                continue
            }
            let letters = Array(value.dropFirst())
            for (position, letter) in letters.enumerated() {
                if letter == "q" || letter == "o" || letter == "a" { return true }
                if valueLetters.contains(letter) {
                    let rest = letters[(position + 1)...]
                    if letter == "n" {
                        if rest.first == "v" { return true }
                        if rest.isEmpty, let next = remaining.popFirst(), next == "v" { return true }
                    } else if rest.isEmpty {
                        _ = remaining.popFirst()
                    }
                    break
                }
            }
        }
        return false
    }

    /// Safe where wget is GNU wget 1.x (Debian, Ubuntu and the images built on them; Alpine
    /// after `apk add wget`); none where it is BusyBox's, which rejects `--progress`; unsafe
    /// elsewhere (Fedora's `wget` is wget2, other images are not known).
    static func applicability(of run: RunInstruction, in model: DockerfileModel) -> Applicability? {
        guard model.instructions[run.instructionIndex].kind == .run,
              let stage = model.states[run.instructionIndex].stageIndex else { return .unsafe }
        switch BaseSystem.of(stage: stage, in: model) {
        case .debian: return .safe
        case .shellless: return nil
        case .busybox: return installsGNUWget(before: run.instructionIndex, stage: stage, in: model) ? .safe : nil
        case .redHat, .otherGNU, nil: return .unsafe
        }
    }

    /// True when `apk add … wget` runs earlier in the stage or the stages it is built `FROM`.
    static func installsGNUWget(before index: Int, stage: Int, in model: DockerfileModel) -> Bool {
        let chain = Set(model.stageChain(from: stage))
        return model.runs.contains { run in
            guard run.instructionIndex < index, let runStage = model.states[run.instructionIndex].stageIndex,
                  chain.contains(runStage) else { return false }
            return run.commands.contains { command in
                guard let apk = ProgramRun(command), apk.program == "apk" else { return false }
                let values = apk.arguments.compactMap(\.literalValue)
                return values.contains("add") && values.contains { $0 == "wget" || $0.hasPrefix("wget=") || $0.hasPrefix("wget~") }
            }
        }
    }
}
