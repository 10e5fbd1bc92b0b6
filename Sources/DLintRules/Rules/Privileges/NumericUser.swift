import DLintCore

/// DL3066: hadolint's check that the final image's USER is numeric.
struct NumericUser: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3066", name: "numeric-user", severity: .info,
        summary: "Non-numeric user-id may not be resolvable by host system",
        fixable: true
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        // hadolint looks at the last USER of the last stage only; in a file without FROM (a
        // fragment), at the last USER of the file, as hadolint does too.
        let candidates = model.finalStage.map { $0.instructionIndices } ?? model.instructions.indices
        guard let index = candidates.last(where: { model.instructions[$0].kind == .user }),
              !model.states[index].isWindows,
              let value = model.userValue(at: index), let user = value.user, !user.isEmpty, !value.userIsNumeric
        else { return [] }
        return [Finding(
            "USER '\(user)' is not numeric: it may not be resolvable by the host system; use the user's id",
            at: value.userRange, fix: Self.fix(value, user: user, model: model)
        )]
    }

    /// Writes the user's id in place of its name when the file creates the user with a literal
    /// id, and `0` for root. Safe: the runtime finds the same `/etc/passwd` entry by id as by
    /// name, so the primary group and the supplementary groups stay the same.
    static func fix(_ value: UserInstructionValue, user: String, model: DockerfileModel) -> Fix? {
        // Only a user part written literally (not through a variable) is replaced.
        guard String(decoding: model.tree.source[value.userRange], as: UTF8.self) == user else { return nil }
        let id = user == "root" ? 0 : model.createdUserID(named: user, before: value.instructionIndex)
        guard let id else { return nil }
        return Fix(
            title: "Write the user's id: \(id)", applicability: .safe,
            edits: [TextEdit(range: value.userRange, replacement: String(id))]
        )
    }
}
