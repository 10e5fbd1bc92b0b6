import DLintCore

extension RuleRegistry {
    /// BuildKit's build checks (`docker build --check`) that no other family has.
    static let buildKitRules: [any Rule] = [
        ReservedStageName(), UndefinedArgInFrom(), InvalidDefaultArgInFrom(), UndefinedVariable(), FromPlatformConstant(),
        ExposeProtocolCasing(), ExposeInvalidFormat(), DefinitionDescription(), CopyIgnoredFile(),
        SecretsInArgOrEnv(), RedundantTargetPlatform(),
    ]
}
