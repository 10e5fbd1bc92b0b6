import DLintCore

/// DX1401: a literal value given to a name that says it is a secret (`DB_PASSWORD`,
/// `API_TOKEN`, `client_secret`) in `ENV`, an `ARG` default, a RUN's assignments and exports, or
/// a heredoc that writes a file; and the literal passwords of `echo 'user:pw' | chpasswd` and npm
/// registry tokens. The name without a literal value is DL3064's; a value that is a recognisable
/// token is DX1400's.
struct HardcodedSecret: Rule {
    let descriptor = RuleDescriptor(
        code: "DX1401", name: "hardcoded-secret", severity: .error,
        summary: "Do not write secret values into the Dockerfile"
    )

    func check(_ context: RuleContext) -> [Finding] {
        assignments(context) + Self.accountPasswords(context.model) + Self.registryTokens(context.model)
    }

    private func assignments(_ context: RuleContext) -> [Finding] {
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

    /// `echo 'root:s3cret' | chpasswd`: the password of an account of the image, the same in
    /// every container started from it.
    static func accountPasswords(_ model: DockerfileModel) -> [Finding] {
        var findings: [Finding] = []
        for scriptPipelines in ShellPipelines.all(in: model) {
            let script = scriptPipelines.source
            for pipeline in scriptPipelines.pipelines {
                guard pipeline.commands.count > 1, case .simple(let last)? = pipeline.commands.last,
                      let name = last.effectiveCommand?.commandName, PackageInvocation.baseProgram(name) == "chpasswd" else { continue }
                for case .simple(let feeder) in pipeline.commands.dropLast() {
                    guard let program = feeder.effectiveCommand?.commandName.map(PackageInvocation.baseProgram),
                          program == "echo" || program == "printf" else { continue }
                    for word in feeder.arguments {
                        guard let value = word.literalValue, !value.hasPrefix("-"), let colon = value.firstIndex(of: ":") else { continue }
                        let user = String(value[..<colon])
                        let password = String(value[value.index(after: colon)...]).replacingEscapedNewline()
                        guard isUnrecognisedLiteral(password), let range = valueRange(after: ":", in: word, source: script) else { continue }
                        findings.append(Finding(
                            "chpasswd sets the password of '\(user)' to a literal '****': every container of the image has it, and the image history records it; lock the account (passwd -l) or set the password at run time",
                            at: range
                        ))
                    }
                }
            }
        }
        return findings
    }

    /// npm registry credentials: `//registry.npmjs.org/:_authToken=abc` written by `echo` or
    /// `npm config set`, and `npm config set //host/:_authToken abc`, `yarn config set npmAuthToken abc`.
    static func registryTokens(_ model: DockerfileModel) -> [Finding] {
        var findings: [Finding] = []
        let keys = [":_authToken", ":_auth", ":_password", "npmAuthToken"]
        for run in model.runs {
            for command in run.commands {
                let words = command.command.words
                // By index: a word is copied (its parts retained) only when it holds a key.
                for index in words.indices {
                    // Every key has a `:` or, `npmAuthToken`, a `T`: most words have neither.
                    guard let value = words[index].literalValue, value.containsByte(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "T") }),
                          let key = keys.first(where: { value.contains($0) }) else { continue }
                    let word = words[index]
                    if let equals = value.firstRange(of: key + "="), isUnrecognisedLiteral(String(value[equals.upperBound...])),
                       let range = valueRange(after: key + "=", in: word, source: command.source) {
                        findings.append(registryFinding(key, at: range))
                    } else if value.hasSuffix(key), index + 1 < words.count, let next = words[index + 1].literalValue,
                              isUnrecognisedLiteral(next) {
                        findings.append(registryFinding(key, at: command.fileRange(of: words[index + 1])))
                    }
                }
            }
        }
        return findings
    }

    private static func registryFinding(_ key: String, at range: Range<Int>) -> Finding {
        Finding(
            "RUN writes the npm registry credential '\(key.drop { $0 == ":" })' as a literal '****': the image history records it, and .npmrc keeps it in a layer; pass it with RUN --mount=type=secret",
            at: range
        )
    }

    /// The file bytes of a word after the first `marker` in its source text, up to its end
    /// (a closing quote excluded); nil when the marker is not written as such.
    private static func valueRange(after marker: String, in word: Word, source: ShellScriptSource) -> Range<Int>? {
        let raw = Array(source.text[word.range])
        let pattern = Array(marker.utf8)
        guard pattern.count <= raw.count else { return nil }
        guard let offset = (0...(raw.count - pattern.count)).first(where: { Array(raw[$0..<($0 + pattern.count)]) == pattern }) else { return nil }
        var end = raw.count
        if let last = raw.last, last == UInt8(ascii: "'") || last == UInt8(ascii: "\""), raw.first == last || offset > 0 { end -= 1 }
        let start = offset + pattern.count
        guard start < end else { return nil }
        return source.fileRange(of: (word.range.lowerBound + start)..<(word.range.lowerBound + end))
    }

    /// A literal secret that is no token DX1400 recognises.
    private static func isUnrecognisedLiteral(_ value: String) -> Bool {
        guard let literal = SecretValues.literalSecret(value) else { return false }
        return CredentialScanner.scan(Array(literal.utf8)).isEmpty
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

private extension String {
    /// `printf 'root:pw\n'`: the escape is printf's, not the password's.
    func replacingEscapedNewline() -> String {
        hasSuffix("\\n") ? String(dropLast(2)) : self
    }
}
