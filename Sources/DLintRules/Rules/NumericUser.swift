import DLintCore

/// DL3066: hadolint's check that the final image's USER is numeric.
struct NumericUser: Rule {
    let descriptor = RuleDescriptor(
        code: "DL3066", name: "numeric-user", severity: .info,
        summary: "Non-numeric user-id may not be resolvable by host system"
    )

    func check(_ context: RuleContext) -> [Finding] {
        let model = context.model
        // hadolint looks at the last USER of the last stage only.
        guard let stage = model.finalStage, !stage.isWindows,
              let index = stage.instructionIndices.last(where: { model.instructions[$0].kind == .user }),
              let value = model.userValue(at: index), let user = value.user, !user.isEmpty, !value.userIsNumeric
        else { return [] }
        return [Finding("USER '\(user)' is not numeric: it may not be resolvable by the host system; use the user's id", at: value.userRange)]
    }
}
