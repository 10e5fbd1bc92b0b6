import DLintCore

extension RuleRegistry {
    /// ShellCheck's "not in POSIX sh" checks (SC3xxx), judged by what `/bin/sh` is in the image.
    static let shellPortabilityRules: [any Rule] = [
        AnsiCQuotingInSh(), BraceExpansionInSh(), DoubleBracketInSh(), DoubleEqualsInTest(), EchoFlagsInDash(), EchoFlagsInSh(),
        SetOptionInSh(), LocalInSh(), SourceInSh(), StringIndexingInSh(), StringReplacementInSh(),
    ]
}
