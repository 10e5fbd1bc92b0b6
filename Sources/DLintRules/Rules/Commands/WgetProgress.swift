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
        var planner = FixPlanner(model: model)
        var findings: [Finding] = []
        for run in model.runs {
            var places: [(range: Range<Int>, option: String)] = []
            for command in run.commands {
                guard let wget = ProgramRun(command, where: { $0 == "wget" }),
                      !Self.setsLogging(wget.arguments.map(\.literalValue)) else { continue }
                places.append((wget.nameRange, " --progress=dot:giga"))
            }
            // `RUN ["wget", …]`: the option goes in as the second element.
            if case .exec(let elements) = run.instruction.arguments, let first = elements.first,
               PathText.basename(first.text) == "wget", !Self.setsLogging(elements.dropFirst().map { Optional($0.text) }) {
                places.append((first.range, #", "--progress=dot:giga""#))
            }
            guard !places.isEmpty else { continue }
            let applicability = planner.applicability(of: run)
            for place in places {
                let end = place.range.upperBound
                findings.append(Finding(
                    "'wget' without '--progress=dot:giga', '-q' or '-nv' fills the build log with progress dots",
                    at: place.range,
                    fix: applicability.map { applicability in
                        Fix(
                            title: "Add `--progress=dot:giga`" + (applicability == .unsafe ? " (assuming GNU wget)" : ""),
                            applicability: applicability,
                            edits: [TextEdit(range: end..<end, replacement: place.option)]
                        )
                    }
                ))
            }
        }
        return findings
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

    /// Which wget a RUN runs, worked out once per stage.
    struct FixPlanner {
        let model: DockerfileModel
        private var systems: [Int: BaseSystem?] = [:]
        /// The RUNs that install GNU wget on Alpine (`apk add … wget`), by instruction index.
        private var gnuWgetInstalls: [(index: Int, stage: Int)]?

        init(model: DockerfileModel) {
            self.model = model
        }

        /// Safe where wget is GNU wget 1.x (Debian, Ubuntu and the images built on them; Alpine
        /// after `apk add wget`); none where it is BusyBox's, which rejects `--progress`; unsafe
        /// elsewhere (Fedora's `wget` is wget2, other images are not known, ONBUILD runs in a
        /// child image).
        mutating func applicability(of run: RunInstruction) -> Applicability? {
            guard model.instructions[run.instructionIndex].kind == .run,
                  let stage = model.states[run.instructionIndex].stageIndex else { return .unsafe }
            let system: BaseSystem?
            if let known = systems[stage] {
                system = known
            } else {
                system = BaseSystem.of(stage: stage, in: model)
                systems[stage] = system
            }
            switch system {
            case .debian: return .safe
            case .shellless: return nil
            case .busybox: return installsGNUWget(before: run.instructionIndex, stage: stage) ? .safe : nil
            case .redHat, .otherGNU, nil: return .unsafe
            }
        }

        /// True when `apk add … wget` runs earlier in the stage or the stages it is built `FROM`.
        private mutating func installsGNUWget(before index: Int, stage: Int) -> Bool {
            if gnuWgetInstalls == nil {
                gnuWgetInstalls = model.runs.compactMap { run in
                    guard let runStage = model.states[run.instructionIndex].stageIndex else { return nil }
                    let installs = run.commands.contains { command in
                        guard let apk = ProgramRun(command, where: { $0 == "apk" }) else { return false }
                        let values = apk.arguments.compactMap(\.literalValue)
                        return values.contains("add") && values.contains { $0 == "wget" || $0.hasPrefix("wget=") || $0.hasPrefix("wget~") }
                    }
                    return installs ? (run.instructionIndex, runStage) : nil
                }
            }
            let chain = Set(model.stageChain(from: stage))
            return gnuWgetInstalls!.contains { $0.index < index && chain.contains($0.stage) }
        }
    }
}
