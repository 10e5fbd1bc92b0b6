import DLintCore

/// DX1212: what Windows images ignore or reject: `--chown` on COPY/ADD (ignored: Windows has no
/// Unix owners), `RUN --mount` (not supported for Windows containers), `STOPSIGNAL` (Windows
/// containers are not stopped with signals).
struct WindowsUnsupportedFeature: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1212", name: "windows-unsupported-feature", severity: .warning,
        summary: "Do not use --chown, RUN --mount or STOPSIGNAL in a Windows image"
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for checked in context.model.checkedInstructions where checked.state.isWindows {
            let instruction = checked.instruction
            switch instruction.kind {
            case .copy, .add:
                for flag in instruction.flags where flag.hasName("chown") {
                    findings.append(Finding("'\(flag.text)' has no effect in a Windows image: Windows files have no Unix owner", at: flag.range))
                }
            case .run:
                for flag in instruction.flags where flag.hasName("mount") {
                    findings.append(Finding("'\(flag.text)' is not supported for Windows containers: the build fails", at: flag.range))
                }
            case .stopsignal:
                findings.append(Finding("STOPSIGNAL has no effect in a Windows image: Windows containers are not stopped with signals", at: instruction.keyword.range))
            default:
                break
            }
        }
        return findings
    }
}
