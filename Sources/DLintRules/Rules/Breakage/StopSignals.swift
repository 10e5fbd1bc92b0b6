import DLintCore

/// The signals `STOPSIGNAL` accepts on Linux, as moby's `signal.ParseSignal` reads them: a name
/// with or without `SIG`, in any case, `RTMIN+n`/`RTMAX-n`, or a number.
enum StopSignalValue {
    static let names: Set<String> = [
        "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL",
        "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "UNUSED",
        "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
    ]

    /// The signal's canonical name (`TERM`), its number as text, or nil when it is no signal.
    static func parse(_ value: String) -> String? {
        if let number = Int(value) { return (1...64).contains(number) ? String(number) : nil }
        var name = value.uppercased()
        if name.hasPrefix("SIG") { name.removeFirst(3) }
        if names.contains(name) { return name }
        for base in ["RTMIN+", "RTMAX-"] where name.hasPrefix(base) {
            if let offset = Int(name.dropFirst(base.count)), (1...15).contains(offset) { return name }
        }
        return nil
    }

    /// The STOPSIGNAL value of an instruction, expanded; nil when a variable's value is unknown.
    static func value(of instruction: Instruction, state: InstructionState, escape: Character) -> (span: TextSpan, value: String)? {
        guard instruction.kind == .stopsignal, case .text(let span) = instruction.arguments,
              let value = state.variables.expand(span.text, escape: escape) else { return nil }
        return (span, MalformedExecForm.blankTrimmed(value))
    }
}

/// DX1210: a `STOPSIGNAL` that names no signal: `docker stop` (and `docker run`) fail with
/// "invalid signal".
struct InvalidStopSignal: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1210", name: "invalid-stopsignal", severity: .error,
        summary: "STOPSIGNAL must name a valid signal"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        return context.model.checkedInstructions.compactMap { checked in
            guard !checked.state.isWindows,
                  let (span, value) = StopSignalValue.value(of: checked.instruction, state: checked.state, escape: escape),
                  !value.isEmpty, StopSignalValue.parse(value) == nil else { return nil }
            return Finding("'\(span.text)' is not a signal (expected a name such as SIGTERM or SIGQUIT, or a number from 1 to 64), so the container cannot be stopped with it", at: span.range)
        }
    }
}

/// DX1211: `STOPSIGNAL SIGKILL`: the process cannot catch it, so it never shuts down cleanly
/// (no flushed writes, no closed connections) — the grace period `docker stop` gives is wasted.
struct StopSignalKill: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1211", name: "stopsignal-sigkill", severity: .warning,
        summary: "Do not use SIGKILL as the stop signal"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let escape = Character(UnicodeScalar(context.tree.escapeCharacter))
        return context.model.checkedInstructions.compactMap { checked in
            guard !checked.state.isWindows,
                  let (span, value) = StopSignalValue.value(of: checked.instruction, state: checked.state, escape: escape),
                  ["KILL", "9"].contains(StopSignalValue.parse(value) ?? "") else { return nil }
            return Finding("'\(span.text)' cannot be caught, so the process is killed without a chance to shut down cleanly: use SIGTERM (the default) or the signal the program handles", at: span.range)
        }
    }
}
