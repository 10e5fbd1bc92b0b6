import DLintCore

extension RuleRegistry {
    /// ShellCheck's expansion, quoting and variable checks, native, on every RUN's shell scripts.
    static let shellExpansionRules: [any Rule] = [
        UnquotedExpansion(), UnquotedCommandSubstitution(), DeclareAndAssignSeparately(), SingleQuotedExpansion(),
        UnusedVariable(), Backticks(), UnassignedVariable(), RmVariablePath(), SpaceAfterEquals(), EchoEscapes(),
        SelfAssignment(), MeaninglessEscape(), EscapedSingleQuote(), LiteralBrace(), UnquotedBetweenQuotes(),
    ]
}
