import DLintCore

/// SC3037 (POSIX sh) and SC3036 (dash, BusyBox ash): `echo -n`, `-e`, `-E`, `-s` are not POSIX
/// echo options. POSIX sh leaves them undefined; dash has `-n` only (it prints `-e` literally),
/// BusyBox ash `-n` and `-e`.
struct EchoFlagsInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3037", name: "echo-flags-in-sh", severity: .warning,
        summary: "In POSIX sh, echo flags are undefined"
    )

    func check(_ context: RuleContext) -> [Finding] {
        EchoFlags.findings(in: context.model, flavors: [.posix]) { _ in "In POSIX sh, echo flags are undefined" }
    }
}

struct EchoFlagsInDash: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3036", name: "echo-flags-in-dash", severity: .warning,
        summary: "In dash, echo flags besides -n are not supported"
    )

    func check(_ context: RuleContext) -> [Finding] {
        EchoFlags.findings(in: context.model, flavors: [.dash, .ash]) { flavor in
            flavor == .dash ? "In dash, echo flags besides -n are not supported" : "In BusyBox ash, echo flags besides -n and -e are not supported"
        }
    }
}

enum EchoFlags {
    /// The first argument of `echo` when it is a run of `e`, `E`, `s`, `n` flags (ShellCheck's
    /// `^-[eEsn]+$`), beyond what the flavor's echo has.
    static func findings(in model: DockerfileModel, flavors: Set<ShellFlavor>, message: (ShellFlavor) -> String) -> [Finding] {
        model.portabilityCommands.compactMap { sh in
            // The name first: it is one comparison, the flavor a hash.
            guard sh.name == "echo", flavors.contains(sh.flavor), sh.words.count > 1,
                  let flag = sh.words[1].literalValue, flag.count > 1, flag.hasPrefix("-"),
                  flag.dropFirst().allSatisfy({ "eEsn".contains($0) }) else { return nil }
            switch sh.flavor {
            case .dash: if flag == "-n" { return nil }
            case .ash: if flag.dropFirst().allSatisfy({ $0 == "e" || $0 == "n" }) { return nil }
            case .posix, .bash: break
            }
            return Finding(message(sh.flavor), at: sh.fileRange(of: sh.words[1]))
        }
    }
}
