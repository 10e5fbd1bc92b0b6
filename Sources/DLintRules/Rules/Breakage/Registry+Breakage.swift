import DLintCore

extension RuleRegistry {
    static let breakageRules: [any Rule] = [
        MalformedExecForm(), ShellFormWithoutShell(), CopyFromEmptyStage(), UnreachableStage(), CreatedUserNeverUsed(),
        RootOwnedCopyIntoHome(), InvalidStopSignal(), StopSignalKill(), WindowsUnsupportedFeature(),
    ]
}
