import DLintCore

/// DX1401: a literal value given to a name that says it is a secret (`DB_PASSWORD`,
/// `API_TOKEN`, `client_secret`) in `ENV`, an `ARG` default, a RUN's assignments and exports, or
/// a heredoc that writes a file. The name without a literal value is DL3064's; a value that is a
/// recognisable token is DX1400's.
struct HardcodedSecret: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1401", name: "hardcoded-secret", severity: .error,
        summary: "Do not write secret values into the Dockerfile"
    )

    func check(_ context: RuleContext) -> [Finding] {
        AssignmentSite.all(in: context.model).compactMap { site in
            guard Self.reports(name: site.name, value: site.value) else { return nil }
            let setter = switch site.place {
            case .env: "ENV sets '\(site.name)'"
            case .arg: "ARG '\(site.name)' defaults"
            case .run: "RUN sets '\(site.name)'"
            case .file: "A heredoc of \(site.keyword) sets '\(site.name)'"
            }
            return Finding(
                "\(setter) to a literal secret '****': \(site.place.leak); pass it at run time, or to the build with RUN --mount=type=secret",
                at: site.valueRange
            )
        }
    }

    /// True when `value` (quotes removed; nil for a variable reference) is a literal secret of a
    /// secret's name: not a placeholder, not a signing key's fingerprint, and no token DX1400
    /// reports already.
    static func reports(name: String, value: String?) -> Bool {
        guard SecretValues.isSecretName(name), let value, let literal = SecretValues.literalSecret(value) else { return false }
        if SecretsInArgOrEnv.isFingerprint(literal) { return false }
        return CredentialScanner.scan(Array(literal.utf8)).isEmpty
    }

    /// For DL3064: true when the value written for the name is a problem DX1400 or DX1401 reports,
    /// which DL3064 then leaves to them (one finding per problem).
    static func coversValue(name: String, rawValue: String?, escape: Character) -> Bool {
        guard let rawValue, let value = SecretValues.unquotedDockerfileValue(rawValue, escape: escape) else { return false }
        return reports(name: name, value: value) || !CredentialScanner.scan(Array(value.utf8)).isEmpty
    }
}
