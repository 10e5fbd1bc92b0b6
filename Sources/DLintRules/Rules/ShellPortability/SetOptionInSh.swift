import DLintCore

/// SC3040: `set -o NAME` with an option the shell lacks. POSIX.1-2024 lists allexport, errexit,
/// ignoreeof, monitor, noclobber, noexec, noglob, nolog, notify, nounset, pipefail, verbose, vi
/// and xtrace; bash adds errtrace, functrace, posix …. dash gained `pipefail` in 0.5.11
/// (Debian 11, Ubuntu 22.04): on older Debian and Ubuntu releases `set -o pipefail` stops the
/// build. BusyBox ash has `pipefail`.
struct SetOptionInSh: Rule {
    let descriptor = RuleDescriptor(
        code: "SC3040", name: "set-option-in-sh", severity: .warning,
        summary: "In POSIX sh, set option NAME is undefined"
    )

    static let posixOptions: Set<String> = [
        "allexport", "errexit", "ignoreeof", "monitor", "noclobber", "noexec", "noglob", "nolog", "notify",
        "nounset", "pipefail", "verbose", "vi", "xtrace",
    ]
    static let dashOptions = posixOptions.union(["emacs", "interactive", "stdin", "privileged", "debug"])
    static let ashOptions = posixOptions.union(["emacs"])
    /// Releases whose dash predates 0.5.11, so lacks `pipefail`.
    static let oldDashReleases = ["stretch", "buster", "jessie", "xenial", "bionic", "focal"]
    static let oldDashVersions: [String: [String]] = ["debian": ["8", "9", "10"], "ubuntu": ["16.04", "18.04", "20.04"]]

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        var findings: [Finding] = []
        for sh in model.portabilityCommands where sh.name == "set" {
            let known: Set<String>
            switch sh.flavor {
            case .dash: known = Self.hasOldDash(sh.stageIndex, in: model) ? Self.dashOptions.subtracting(["pipefail"]) : Self.dashOptions
            case .ash: known = Self.ashOptions
            case .posix, .bash: known = Self.posixOptions
            }
            for (word, option) in Self.longOptions(of: Array(sh.words.dropFirst())) where !known.contains(option) {
                let note = option == "pipefail" ? " (dash before 0.5.11, in this image's release)" : ""
                findings.append(Finding(sh.flavor.message("set option \(option)") + note, at: sh.fileRange(of: word)))
            }
        }
        return findings
    }

    /// The option names after `-o` or `+o` (alone or ending a group: `-euo pipefail`), up to the
    /// first word that is not literal or not an option (`set -- a -o b` sets arguments).
    static func longOptions(of arguments: [Word]) -> [(Word, String)] {
        var result: [(Word, String)] = []
        var index = 0
        while index < arguments.count, let flag = arguments[index].literalValue {
            guard flag.count > 1, flag.hasPrefix("-") || flag.hasPrefix("+"), flag != "--" else { break }
            if flag.hasSuffix("o"), index + 1 < arguments.count, let option = arguments[index + 1].literalValue {
                result.append((arguments[index + 1], option))
                index += 2
            } else {
                index += 1
            }
        }
        return result
    }

    /// True when the stage's root image names a Debian or Ubuntu release with dash < 0.5.11.
    static func hasOldDash(_ stageIndex: Int?, in model: DockerfileModel) -> Bool {
        guard let stageIndex, let root = model.stageChain(from: stageIndex).last else { return false }
        let image = model.stages[root].baseImage
        let tag = (image.tag ?? "").lowercased()
        if oldDashReleases.contains(where: tag.contains) { return true }
        let name = image.repository.lowercased().split(separator: "/").last.map(String.init) ?? ""
        return oldDashVersions[name]?.contains { tag == $0 || tag.hasPrefix($0 + ".") || tag.hasPrefix($0 + "-") } ?? false
    }
}
