import DLintCore

extension RuleRegistry {
    /// Single instructions other than RUN: WORKDIR, COPY/ADD, CMD/ENTRYPOINT, EXPOSE, HEALTHCHECK, ENV, SHELL.
    static let instructionRules: [any Rule] = [
        AbsoluteWorkdir(), AddForArchives(), ValidPort(), SingleHealthcheck(), CopyInsteadOfAdd(), CopyToDirectory(),
        ExecFormCommand(), EnvSameInstructionReference(), CopyRelativeDestination(), RequireHealthcheck(),
        SingleCmd(), SingleEntrypoint(),
    ]
}
