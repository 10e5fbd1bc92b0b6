import DLintCore

extension RuleRegistry {
    /// ShellCheck's checks about commands in RUN scripts, natively, under ShellCheck's codes.
    static let shellCommandRules: [any Rule] = [
        CdWithoutExit(), FindWithoutPath(), BangSkipsErrexit(), GlobAsOption(), FindXargsWithoutNull(),
        LoopRunsOnce(), ReadWithoutRaw(), UselessEcho(), UselessCat(), LsForFilenames(), ExitStatusComparison(),
        GrepOutputInTest(), WhichCommand(), MkdirParentsMode(), CdBack(), GlobAsCommandName(), UnreachableCommand(),
        SubshellAssignment(), SubshellChangeLost(),
    ]
}
