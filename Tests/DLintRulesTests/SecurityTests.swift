import DLintCore
@testable import DLintRules
import Testing

/// (code, line, column, text under the range, message) of each finding of the given codes.
private func securityFindings(_ text: String, _ codes: Set<String>) -> [(code: String, line: Int, column: Int, text: String, message: String)] {
    let bytes = Array(text.utf8)
    let result = RuleRegistry.linter.lint(bytes)
    return result.diagnostics.filter { codes.contains($0.code) }.map { diagnostic in
        let location = result.tree.location(of: diagnostic.range.lowerBound)
        return (diagnostic.code, location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self), diagnostic.message)
    }
}

private func securityTexts(_ text: String, _ code: String) -> [String] {
    securityFindings(text, [code]).map(\.text)
}

/// All fixes of `code`, safe and unsafe, applied until nothing changes.
private func securityFixed(_ text: String, _ code: String) -> String {
    let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
    let outcome = Rewriter(linter: Linter(rules: [rule])).fix(Array(text.utf8), applying: [.safe, .unsafe])
    return String(decoding: outcome.fixed, as: UTF8.self)
}

struct SecurityNameCase: Sendable, CustomTestStringConvertible {
    let name: String
    let secret: Bool
    var testDescription: String { "\(name) → \(secret)" }
}

@Suite("Security: credentials written into the file (DX1400, DX1401, DL3064)")
struct SecurityCredentialTests {
    @Test("each token shape is found, masked, at its exact bytes")
    func tokenShapes() {
        let tokens = [
            ("AKIAZ7Q2DOCSONLY4B1D", "AWS access key ID", "AKIA…4B1D"),
            ("ASIAZ7Q2DOCSONLY4B1D", "AWS temporary access key ID", "ASIA…4B1D"),
            ("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "Google API key", "AIza…5p6Q"),
            ("ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ", "GitHub personal access token", "ghp_…WXYZ"),
            ("ghs_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ", "GitHub server-to-server token", "ghs_…WXYZ"),
            ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub fine-grained personal access token", "github_pat_…6789"),
            ("glpat-Q1w2E3r4T5y6U7i8O9p0", "GitLab personal access token", "glpat-…O9p0"),
            ("xoxb-123456789012-1234567890123-AbCdEfGhIjKl", "Slack bot token", "xoxb-…IjKl"),
            ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "Stripe secret key", "sk_live_…p7dc"),
            ("npm_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ", "npm access token", "npm_…WXYZ"),
            ("dckr_pat_1a2b3c4d5e6f7g8h9i0jKLM", "Docker Hub access token", "dckr_pat_…jKLM"),
        ]
        for (token, kind, masked) in tokens {
            let bytes = Array("x=\"\(token)\" ".utf8)
            let matches = CredentialScanner.scan(bytes)
            #expect(matches.count == 1, "\(token)")
            #expect(matches.first?.kind == kind, "\(token)")
            #expect(matches.first?.range == 3..<(3 + token.utf8.count), "\(token)")
            #expect(matches.first?.masked == masked, "\(token)")
        }
    }

    @Test("tokens inside longer words, too short, or placeholders are not tokens")
    func notTokens() {
        for text in [
            "XAKIAZ7Q2DOCSONLY4B1D", "AKIAZ7Q2DOCSONLY4B1DX", "AKIAZ7Q2DOCSONLY4B1", "AKIAIOSFODNN7EXAMPLE",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXY", "my_ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ",
            "glpat-XXXXXXXXXXXXXXXXXXXX", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "xoxb-", "AIza",
        ] {
            #expect(CredentialScanner.scan(Array(text.utf8)).isEmpty, "\(text)")
        }
    }

    @Test("a private key block needs key material after its header")
    func privateKeys() {
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
        #expect(CredentialScanner.scan(Array(key.utf8)).map(\.kind) == ["RSA private key"])
        #expect(CredentialScanner.scan(Array(key.utf8)).map(\.range) == [0..<31])
        let escaped = "echo \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\""
        #expect(CredentialScanner.scan(Array(escaped.utf8)).map(\.kind) == ["private key"])
        let block = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF4uTBMBCADGk0r9T1m7f3kq2w8Zx1YbV5cD\n"
        #expect(CredentialScanner.scan(Array(block.utf8)).map(\.kind) == ["PGP private key"])
        for text in [
            "printf -- '-----BEGIN RSA PRIVATE KEY-----\\n%s\\n' \"$KEY\"",
            "grep -q -- '-----BEGIN .* PRIVATE KEY-----' key.pem",
            "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n",
            "-----BEGIN RSA PRIVATE KEY-----\n${PRIVATE_KEY}\n",
        ] {
            #expect(CredentialScanner.scan(Array(text.utf8)).isEmpty, "\(text)")
        }
    }

    @Test("DX1400 says where the token leaks: comment, ENV, ARG, RUN, RUN heredoc, COPY heredoc")
    func tokenPlaces() {
        let token = "ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ"
        let found = securityFindings("""
            # \(token)
            FROM alpine:3.20
            ENV A=\(token)
            ARG B=\(token)
            RUN curl -H "Authorization: token \(token)" https://api.github.com
            RUN <<EOF
            git clone https://\(token)@github.com/acme/app
            EOF
            COPY <<EOF /root/.netrc
            password \(token)
            EOF
            ONBUILD RUN echo \(token)
            """, ["DX1400"])
        #expect(found.map(\.line) == [1, 3, 4, 5, 7, 10, 12])
        #expect(found.allSatisfy { $0.text == token })
        #expect(found.allSatisfy { $0.message.contains("'ghp_…WXYZ'") && !$0.message.contains(token) })
        let places = found.map(\.message)
        #expect(places[0].contains("in a comment"))
        #expect(places[1].contains("in ENV, which the image configuration stores"))
        #expect(places[2].contains("in ARG"))
        #expect(places[3].contains("in RUN, whose command line the image history records"))
        #expect(places[4].contains("in a heredoc of RUN"))
        #expect(places[5].contains("in a heredoc of COPY, which writes it to a file in the image"))
        #expect(places[6].contains("in RUN"))
    }

    static let names: [SecurityNameCase] = [
        SecurityNameCase(name: "DB_PASSWORD", secret: true), SecurityNameCase(name: "PASSWORD", secret: true),
        SecurityNameCase(name: "AWS_SECRET_ACCESS_KEY", secret: true), SecurityNameCase(name: "GITHUB_TOKEN", secret: true),
        SecurityNameCase(name: "clientSecret", secret: true), SecurityNameCase(name: "api-key", secret: true),
        SecurityNameCase(name: "mysql_root_passwd", secret: true), SecurityNameCase(name: "SSH_PASSPHRASE", secret: true),
        SecurityNameCase(name: "OPENAI_APIKEY", secret: true), SecurityNameCase(name: "db.password", secret: true),
        SecurityNameCase(name: "KEY", secret: false), SecurityNameCase(name: "PWD", secret: false),
        SecurityNameCase(name: "GPG_KEY", secret: false), SecurityNameCase(name: "PUBLIC_KEY", secret: false),
        SecurityNameCase(name: "SWIFT_SIGNING_KEY", secret: false), SecurityNameCase(name: "PASSWORD_FILE", secret: false),
        SecurityNameCase(name: "TOKEN_URL", secret: false), SecurityNameCase(name: "AWS_ACCESS_KEY_ID", secret: false),
        SecurityNameCase(name: "CACHE_KEY", secret: false), SecurityNameCase(name: "TOKENIZERS_PARALLELISM", secret: false),
        SecurityNameCase(name: "USERNAME", secret: false), SecurityNameCase(name: "KEYCLOAK_URL", secret: false),
        // The byte-level reading of the last word: camel case, separators at the ends, digits,
        // and names with non-ASCII letters (read as Characters).
        SecurityNameCase(name: "myAPIKey", secret: true), SecurityNameCase(name: "dbPassWord", secret: false),
        SecurityNameCase(name: "PASSWORD_", secret: true), SecurityNameCase(name: "DB__PASSWORD.", secret: true),
        SecurityNameCase(name: "_", secret: false), SecurityNameCase(name: "", secret: false),
        SecurityNameCase(name: "key2Token", secret: false), SecurityNameCase(name: "apiToken2", secret: false),
        SecurityNameCase(name: "x.Secret-", secret: true), SecurityNameCase(name: "dbTOKEN", secret: true),
        SecurityNameCase(name: "pässwort_token", secret: true), SecurityNameCase(name: "DB_PASSWÖRD", secret: false),
        SecurityNameCase(name: "Key", secret: false), SecurityNameCase(name: "-pwd", secret: false),
    ]

    static let dockerfileValues: [(text: String, escape: Character, value: String?)] = [
        ("abc", "\\", "abc"), ("\"a b\"", "\\", "a b"), ("'a$b'", "\\", "a$b"), ("a\\$b", "\\", "a$b"),
        ("$HOME", "\\", nil), ("a${X}", "\\", nil), ("x$(id)", "\\", nil), ("\"$_\"", "\\", nil), ("a$1", "\\", "a$1"),
        ("$", "\\", "$"), ("a\\", "\\", "a\\"), ("\"x\\\"y\"", "\\", "x\"y"), ("'it''s'", "\\", "its"),
        ("\"it's\"", "\\", "it's"), ("a`$b", "`", "a$b"), ("a\\b", "`", "a\\b"), ("é\"x\"$y", "\\", nil),
        ("é\"x\"", "\\", "éx"), ("a\r\nb", "\\", "a\r\nb"), ("\\\r\n$X", "\\", nil),
    ]

    @Test("Dockerfile values as BuildKit reads them: quotes, escapes, variables")
    func dockerfileValues() {
        for value in Self.dockerfileValues {
            #expect(SecretValues.unquotedDockerfileValue(value.text, escape: value.escape) == value.value, "\(value.text)")
        }
    }

    @Test("secret names: the last word, not a public one", arguments: names)
    func secretNames(_ spec: SecurityNameCase) {
        #expect(SecretValues.isSecretName(spec.name) == spec.secret)
    }

    @Test("DX1401 in ENV (both forms), ARG, ONBUILD, RUN assignments, export, env, sh -c, heredoc scripts and data")
    func literalSites() {
        let found = securityFindings("""
            FROM alpine:3.20
            ENV DB_PASSWORD hunter2
            ENV API_TOKEN="abc 123" OTHER=1
            ARG NPM_TOKEN='s3cr3t'
            ONBUILD ENV ADMIN_PASSWORD=admin
            RUN DB_PASSWORD=hunter3 ./migrate && export SECRET_KEY="build key" && env API_KEY=k3y ./run
            RUN sh -c 'REDIS_PASSWORD=r3dis redis-cli ping'
            RUN <<EOF
            export MY_TOKEN=t0ken
            EOF
            RUN cat <<EOF > /app/config.yml
            db:
              password: "y4ml"
              "client_secret": "js0n",
            EOF
            """, ["DX1401"])
        #expect(found.map(\.text) == ["hunter2", "\"abc 123\"", "'s3cr3t'", "admin", "hunter3", "\"build key\"", "k3y", "r3dis", "t0ken", "y4ml", "js0n"])
        #expect(found.map(\.line) == [2, 3, 4, 5, 6, 6, 6, 7, 9, 13, 14])
        #expect(found.allSatisfy { $0.message.contains("'****'") })
        #expect(found[0].message.hasPrefix("ENV sets 'DB_PASSWORD' to a literal secret '****': ENV stores it in the image configuration"))
        #expect(found[2].message.hasPrefix("ARG 'NPM_TOKEN' defaults to a literal secret"))
        #expect(found[4].message.hasPrefix("RUN sets 'DB_PASSWORD' to a literal secret '****': a RUN's command line is recorded in the image history"))
        #expect(found[9].message.hasPrefix("A heredoc of RUN sets 'password' to a literal secret"))
    }

    @Test("DX1401 ranges: a continuation inside the instruction, CRLF heredocs, the backtick escape, exec-form shells")
    func awkwardRanges() {
        let continued = securityFindings("FROM alpine:3.20\nENV A=1 \\\n    DB_PASSWORD=hunter2\nRUN true \\\n && export API_TOKEN=t0ken\n", ["DX1401"])
        #expect(continued.map { "\($0.line):\($0.column) \($0.text)" } == ["3:17 hunter2", "5:22 t0ken"])
        let crlf = securityFindings("FROM alpine:3.20\r\nCOPY <<EOF /app/.env\r\nDB_PASSWORD=hunter2\r\nEOF\r\n", ["DX1401"])
        #expect(crlf.map(\.text) == ["hunter2"])
        let backtick = securityFindings("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV DB_PASSWORD=hun`ter2\n", ["DX1401"])
        #expect(backtick.map(\.text) == ["hun`ter2"])
        let exec = securityFindings("FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"export DB_PASSWORD=hunter2 && ./run\"]\n", ["DX1401"])
        #expect(exec.map { "\($0.column) \($0.text)" } == ["38 hunter2"])
    }

    @Test("DX1401 skips references, placeholders, paths, booleans, fingerprints and tokens")
    func notLiterals() {
        let found = securityTexts("""
            FROM alpine:3.20
            ARG DB_PASSWORD
            ENV POSTGRES_PASSWORD=$DB_PASSWORD API_TOKEN=${TOKEN} SECRET_KEY= APP_SECRET="pre${SUFFIX}"
            ENV API_KEY=<your-api-key> GITHUB_TOKEN=xxxx AUTH_TOKEN='{{ .Token }}' DB_PASSWORD2=changeme_example
            ENV SSL_KEY=/etc/ssl/private/server.key TLS_KEY=server.key ALLOW_EMPTY_PASSWORD=yes
            ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D RELEASE_KEY=C5705533DA4F78D8664B5DC0575159689BEFB442
            ENV GITHUB_TOKEN=ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ
            RUN --mount=type=secret,id=token API_TOKEN=$(cat /run/secrets/token) ./fetch.sh
            RUN export DB_PASSWORD="$1" && DB_PASSWORD= ./run
            COPY <<EOF /app/.env
            DB_PASSWORD=${DB_PASSWORD}
            EOF
            """, "DX1401")
        #expect(found.isEmpty, "\(found)")
    }

    @Test("DX1400: URL passwords outside comments, not from variables nor placeholders; a token as password is that token")
    func urlPasswords() {
        let found = securityFindings("""
            # postgres://app:hunter2@db/app
            FROM alpine:3.20
            ENV DATABASE_URL=postgres://app:hunter2@db/app REDIS_URL=redis://:r3dis@cache:6379 PLAIN=https://example.com/a:b
            RUN git clone https://oauth2:glpat-Q1w2E3r4T5y6U7i8O9p0@gitlab.com/acme/app.git
            RUN pip install --index-url https://ci:${PIP_PASSWORD}@pypi.example.com/simple x && curl https://user:password@example.com
            """, ["DX1400"])
        #expect(found.map { "\($0.line) \($0.text)" } == ["3 hunter2", "3 r3dis", "4 glpat-Q1w2E3r4T5y6U7i8O9p0"])
        #expect(found[0].message.hasPrefix("Password in a URL 'app:****@' is written in ENV"))
        #expect(found[2].message.hasPrefix("GitLab personal access token"))
    }

    @Test("DX1401: chpasswd passwords and npm registry tokens, literal only")
    func accountsAndRegistries() {
        let found = securityFindings("""
            FROM debian:bookworm
            RUN echo 'root:Docker!' | chpasswd && printf 'app:s3cret\\n' | sudo chpasswd && echo "root:$PW" | chpasswd
            RUN echo root:toor | tee /dev/null && sh -c "echo 'svc:svcpw' | chpasswd"
            RUN echo "//registry.npmjs.org/:_authToken=abc123def" > ~/.npmrc && npm config set //npm.pkg.github.com/:_authToken ghtok123
            RUN echo "//r/:_authToken=${NPM_TOKEN}" > .npmrc && yarn config set npmAuthToken yrn-t0k
            """, ["DX1401"])
        #expect(found.map { "\($0.line) \($0.text)" } == ["2 Docker!", "2 s3cret\\n", "3 svcpw", "4 abc123def", "4 ghtok123", "5 yrn-t0k"])
        #expect(found[0].message.hasPrefix("chpasswd sets the password of 'root' to a literal '****'"))
        #expect(found[3].message.hasPrefix("RUN writes the npm registry credential '_authToken' as a literal '****'"))
    }

    @Test("one finding per problem: a literal is DX1401's, a token DX1400's, a name alone DL3064's")
    func oneFindingPerProblem() {
        let text = """
            FROM alpine:3.20
            ENV API_TOKEN=abc123
            ENV OTHER_TOKEN=$TOKEN
            ENV GITHUB_TOKEN=ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ
            ARG DEPLOY_TOKEN
            ARG LICENSE_KEY=xxxx
            """
        let found = securityFindings(text, ["DX1400", "DX1401", "DL3064"])
        #expect(found.map { "\($0.line) \($0.code) \($0.text)" } == [
            "2 DX1401 abc123", "3 DL3064 OTHER_TOKEN", "4 DX1400 ghp_1a2b3c4d5e6f7g8h9i0jKLMNOPQRSTUVWXYZ", "5 DL3064 DEPLOY_TOKEN",
            "6 DL3064 LICENSE_KEY",
        ])
        #expect(found[3].message == "ARG 'DEPLOY_TOKEN' looks like a secret: the image history records its value wherever a RUN uses it; pass it with RUN --mount=type=secret instead")
    }
}

@Suite("Security: checks turned off (DX1402)")
struct SecurityTLSTests {
    @Test("curl's k in a group of short options, not after an option that takes a value")
    func curlGroups() {
        let found = securityFindings("""
            FROM alpine:3.20
            RUN curl -fsSLk https://a && curl -kfsSL https://b && curl -Ok https://c && curl --insecure https://d
            RUN curl -ok https://e && curl -H -k https://f && curl -o k https://g && curl -fsSL https://h
            RUN sudo curl \\
                -k https://i
            """, ["DX1402"])
        #expect(found.map { "\($0.line):\($0.column) \($0.text)" } == ["2:15 k", "2:36 k", "2:62 k", "2:82 --insecure", "5:6 k"])
    }

    @Test("git, apt, dnf, npm, pip and variables: the range is the option, key and value, or assignment")
    func ranges() {
        let found = securityTexts("""
            FROM debian:bookworm
            RUN git -c http.sslVerify=false clone https://x && git config --global http.https://x/.sslverify false
            RUN apt-get -o Acquire::https::Verify-Peer=false update && apt-get install -y --force-yes -oAPT::Get::AllowUnauthenticated=true x
            RUN dnf --setopt=sslverify=false install -y x && yum --setopt gpgcheck=0 install -y x && zypper --no-gpg-checks in x
            RUN npm install --strict-ssl=false && yarn config set strict-ssl false && python3 -m pip install --trusted-host=x y
            RUN export GIT_SSL_NO_VERIFY=false && NODE_TLS_REJECT_UNAUTHORIZED=0 node x.js && rpm -i --nosignature x.rpm
            ENV PYTHONHTTPSVERIFY=0 GOSUMDB=off NODE_TLS_REJECT_UNAUTHORIZED=1
            ARG NPM_CONFIG_STRICT_SSL=false
            RUN kubectl --insecure-skip-tls-verify apply -f x && aws s3 cp --no-verify-ssl s3://x .
            """, "DX1402")
        #expect(found == [
            "-c http.sslVerify=false", "http.https://x/.sslverify false",
            "-o Acquire::https::Verify-Peer=false", "--force-yes", "-oAPT::Get::AllowUnauthenticated=true",
            "--setopt=sslverify=false", "--setopt gpgcheck=0", "--no-gpg-checks",
            "--strict-ssl=false", "strict-ssl false", "--trusted-host=x",
            "GIT_SSL_NO_VERIFY=false", "NODE_TLS_REJECT_UNAUTHORIZED=0", "--nosignature",
            "PYTHONHTTPSVERIFY=0", "GOSUMDB=off",
            "NPM_CONFIG_STRICT_SSL=false",
            "--insecure-skip-tls-verify", "--no-verify-ssl",
        ])
    }

    @Test("configuration written by echo or sed, and heredoc files")
    func configurationFiles() {
        let found = securityTexts("""
            FROM debian:bookworm
            RUN echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99insecure && echo "strict-ssl=false" >> ~/.npmrc
            RUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.conf && sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/dnf/dnf.conf
            COPY <<EOF /etc/pip.conf
            [global]
            trusted-host = pypi.internal
            EOF
            COPY <<EOF /root/.wgetrc
            check_certificate = off
            EOF
            """, "DX1402")
        #expect(found == ["Verify-Peer \"false\"", "strict-ssl=false", "gpgcheck=0", "trusted-host = pypi.internal", "check_certificate = off"])
    }
}

@Suite("Security: downloads run or added unverified (DX1403, DX1404)")
struct SecurityDownloadTests {
    @Test("pipes, command strings and process substitution that run a download")
    func pipeToShell() {
        let found = securityFindings("""
            FROM debian:bookworm
            RUN curl -fsSL https://a/install.sh | tee /tmp/log | busybox sh
            RUN curl -o- https://b | sh -s -- -y && wget -O - https://c | bash
            RUN sh -c 'curl -fsSL https://d | sh' && bash <(curl -s https://e) && eval "$(wget -qO- https://f)"
            RUN if true; then curl https://g/${VERSION}/x.sh | sh; fi
            RUN <<EOF
            curl -L https://cpanmin.us | perl - App::cpanminus
            EOF
            """, ["DX1403"])
        #expect(found.map { "\($0.line):\($0.column) \($0.text)" } == ["2:54 busybox", "3:26 sh", "3:63 bash", "4:35 sh", "4:42 bash", "4:71 eval", "5:52 sh", "7:30 perl"])
        #expect(found[0].message == "busybox runs 'https://a/install.sh' straight from curl, unverified: download it to a file, check its checksum (sha256sum -c), then run it")
        #expect(found[6].message.contains("'https://g/${VERSION}/x.sh'"))
    }

    @Test("downloads saved to files, data read by a program, and scripts from files are fine")
    func notPipeToShell() {
        #expect(securityTexts("""
            FROM debian:bookworm
            RUN curl -fsSLo /tmp/x.sh https://a | sh && curl -O https://b | sh && wget https://c | sh
            RUN curl -s https://d | python3 -c 'import json,sys' && curl -s https://e | python -m json.tool
            RUN curl -s https://f | sh /tmp/local.sh && curl -s https://g | perl -ne 'print'
            RUN sh -c "echo $(curl -s https://h)" && cat install.sh | sh
            """, "DX1403").isEmpty)
    }

    @Test("ADD over HTTP(S): variables resolved, Git and verified downloads skipped, ONBUILD reported")
    func addChecksum() {
        let found = securityFindings("""
            FROM alpine:3.20 AS a
            ARG V=1.0
            ADD https://example.com/${V}/tool /tool
            ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x /x
            ADD https://github.com/moby/buildkit.git#v0.14.0 /src
            ONBUILD ADD http://example.com/y /y
            FROM alpine:3.20
            ADD https://example.com/z /z
            RUN echo "abc  /z" | sha256sum -c -
            """, ["DX1404"])
        #expect(found.map { "\($0.line) \($0.text)" } == ["3 https://example.com/${V}/tool", "6 http://example.com/y"])
        #expect(found[0].message.hasPrefix("ADD downloads 'https://example.com/1.0/tool' without --checksum"))
    }

    @Test("a verification in another stage does not count")
    func verificationInAnotherStage() {
        #expect(securityTexts("""
            FROM alpine:3.20
            ADD https://example.com/z /z
            FROM alpine:3.20
            RUN echo "abc  /z" | sha256sum -c -
            """, "DX1404") == ["https://example.com/z"])
    }
}

@Suite("Security: world-writable modes and SSH (DX1405, DX1406)")
struct SecurityPermissionTests {
    @Test("world-writable modes")
    func modes() {
        for mode in ["777", "0777", "666", "0002", "757", "1777", "a+rwx", "o+w", "ugo=rwX", "go+w", "u+x,o+w", "a=rw"] {
            #expect(WorldWritable.isWorldWritable(mode), "\(mode)")
        }
        for mode in ["755", "0775", "644", "g+w", "+w", "a+rx", "o-w", "u=rwx,g=rx,o=", "a-w", "=rwx"] {
            #expect(!WorldWritable.isWorldWritable(mode), "\(mode)")
        }
        #expect(["1777", "3777", "a+rwx,o+t", "+t"].allSatisfy(WorldWritable.isSticky))
        #expect(!["777", "0777", "a+rwx"].contains(where: WorldWritable.isSticky))
    }

    @Test("targets: temporary directories, paths inside them, variables, install's destination")
    func targets() {
        let found = securityFindings("""
            FROM debian:bookworm
            RUN chmod 777 /tmp/socket && chmod -R 777 "$APP_HOME" && chmod 777 /tmp /opt/x
            RUN install -m 0666 /src/app.conf /etc/app.conf && install -m 0666 /etc/app.conf /tmp/app.conf
            RUN sudo chmod a+w /srv && mkdir -p -m 777 /var/tmp /data
            """, ["DX1405"])
        #expect(found.map { "\($0.line):\($0.column) \($0.text)" } == ["2:39 777", "2:64 777", "3:16 0666", "4:16 a+w", "4:40 777"])
        #expect(found[0].message.contains("a path given by a variable"))
        #expect(found[1].message.contains("'/opt/x'"))
        #expect(found[4].message.contains("'/data'"))
    }

    @Test("find -exec chmod: the mode applies under find's paths")
    func findExec() {
        #expect(securityTexts("""
            FROM debian:bookworm
            RUN find /app -type d -exec chmod 777 {} + && find /tmp/x -exec chmod 666 {} \\; && find /srv -exec chmod 755 {} +
            RUN find -name '*.sh' -exec chmod a+rwx '{}' ';'
            """, "DX1405") == ["777", "a+rwx"])
    }

    @Test("777 on a temporary directory becomes 1777, with continuations and CRLF; a second run changes nothing")
    func stickyFix() {
        let text = "FROM debian:bookworm\r\nRUN mkdir -p /var/tmp/x \\\r\n && chmod 0777 /tmp/ \\\r\n && chmod 777 /dev/shm\r\n"
        let fixed = securityFixed(text, "DX1405")
        #expect(fixed == "FROM debian:bookworm\r\nRUN mkdir -p /var/tmp/x \\\r\n && chmod 1777 /tmp/ \\\r\n && chmod 1777 /dev/shm\r\n")
        #expect(securityFixed(fixed, "DX1405") == fixed)
        #expect(securityTexts(fixed, "DX1405").isEmpty)
    }

    @Test("EXPOSE 22: plain, tcp, ranges and variables; not udp nor 2222")
    func ssh() {
        #expect(["22", "22/tcp", "22/TCP", "20-25", "1-1024/tcp"].allSatisfy(ExposeSSH.includesSSH))
        #expect(!["2222", "22/udp", "23-25", "8022", "x"].contains(where: ExposeSSH.includesSSH))
        let found = securityFindings("FROM alpine:3.20\nARG PORT=22\nEXPOSE 80 $PORT\nONBUILD EXPOSE 22\nEXPOSE $UNKNOWN\n", ["DX1406"])
        #expect(found.map { "\($0.line):\($0.column) \($0.text)" } == ["3:11 $PORT", "4:16 22"])
    }
}
