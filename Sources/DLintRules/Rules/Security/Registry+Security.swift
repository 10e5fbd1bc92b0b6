import DLintCore

extension RuleRegistry {
    /// What leaks secrets or lets others change the image: credentials in the file, checks turned
    /// off, unverified downloads, world-writable files, SSH.
    static let securityRules: [any Rule] = [
        LeakedCredential(), HardcodedSecret(), TLSVerificationDisabled(), PipeToShell(), AddWithoutChecksum(), WorldWritable(), ExposeSSH(),
    ]
}
