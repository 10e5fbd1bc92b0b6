import DLintCore
@testable import DLintRules
import Testing

/// One `it` case of a hadolint spec: a Dockerfile and whether the rule fires on it.
struct PackageSpecCase: Sendable, CustomTestStringConvertible {
    let code: String
    let dockerfile: String
    let fires: Bool
    /// Why dlint's answer differs from hadolint's (the rule page's section), if it does.
    let difference: String?

    init(_ code: String, _ dockerfile: String, fires: Bool, differs difference: String? = nil) {
        self.code = code
        self.dockerfile = dockerfile
        self.fires = fires
        self.difference = difference
    }

    var testDescription: String { "\(code) \(fires ? "fires" : "passes"): \(dockerfile.prefix(70))" }
}

private func lintCodes(_ text: String) -> [Diagnostic] {
    RuleRegistry.linter.lint(Array(text.utf8)).diagnostics
}

/// (line, column, text under the range, message) of each finding of a code.
private func findings(_ text: String, _ code: String) -> [(line: Int, column: Int, text: String, message: String)] {
    let bytes = Array(text.utf8)
    let result = RuleRegistry.linter.lint(bytes)
    return result.diagnostics.filter { $0.code == code }.map { diagnostic in
        let location = result.tree.location(of: diagnostic.range.lowerBound)
        return (location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self), diagnostic.message)
    }
}

@Suite("System package rules: hadolint's spec cases")
struct PackagesSpecTests {
    /// Every `it` case of DL3008, DL3014, DL3015, DL3018, DL3027, DL3030, DL3033, DL3034,
    /// DL3035, DL3037, DL3038 and DL3041's `*Spec.hs` (the `ruleCatches` forms; the
    /// `onBuildRuleCatches` forms are in `onBuildCases`).
    static let cases: [PackageSpecCase] = [
        // DL3008
        .init("DL3008", "RUN apt-get update && apt-get install python", fires: true),
        .init("DL3008", "RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*", fires: false),
        .init("DL3008", "RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*", fires: false),
        .init("DL3008", "RUN apt-get install -y python=1.2.2", fires: false),
        .init("DL3008", "RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb", fires: false),
        .init("DL3008", "RUN apt-get -y --no-install-recommends install nodejs=0.10", fires: false),
        .init("DL3008", "RUN set -e &&\\\n echo \"deb http://http.debian.net/debian jessie-backports main\" > /etc/apt/sources.list.d/jessie-backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*", fires: false),
        // DL3014
        .init("DL3014", "RUN apt-get install python", fires: true),
        .init("DL3014", "RUN apt-get install -yq python", fires: false),
        .init("DL3014", "RUN apt-get install -qq python", fires: false),
        .init("DL3014", "RUN apt-get install -y python", fires: false),
        .init("DL3014", "RUN apt-get -y install python", fires: false),
        .init("DL3014", "RUN apt-get --yes install python", fires: false),
        .init("DL3014", "RUN apt-get --assume-yes install python", fires: false),
        // DL3015
        .init("DL3015", "RUN apt-get install --no-install-recommends python", fires: false),
        .init("DL3015", "RUN apt-get install python", fires: true),
        .init("DL3015", "RUN apt-get -y install python", fires: true),
        .init("DL3015", "RUN apt-get -o APT::Install-Recommends=false install python", fires: false),
        // DL3027
        .init("DL3027", "FROM ubuntu\nRUN apt install python", fires: true),
        // DL3018
        .init("DL3018", "RUN apk add flex", fires: true),
        .init("DL3018", "RUN apk add flex=2.6.4-r1", fires: false),
        .init("DL3018", "RUN apk add --no-cache git~2.52.0", fires: false),
        .init("DL3018", "RUN apk add --no-cache flex=2.6.4-r1 \\\n && pip install -r requirements.txt", fires: false),
        .init("DL3018", "RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5", fires: false),
        .init("DL3018", "RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5", fires: true),
        .init("DL3018", "RUN apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del build-dependencies", fires: false),
        .init("DL3018", "RUN apk add --no-cache \\\n--repository https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0", fires: false),
        .init("DL3018", "RUN apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0", fires: false),
        .init("DL3018", "RUN apk add --no-cache \\\n-X https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0", fires: false),
        .init("DL3018", "RUN apk add mypackage-1.1.1.apk", fires: false),
        // DL3030
        .init("DL3030", "RUN yum install httpd-2.4.24 && yum clean all", fires: true),
        .init("DL3030", "RUN yum install -y httpd-2.4.24 && yum clean all", fires: false),
        .init("DL3030", "RUN bash -c `# not even a yum command`", fires: false),
        // DL3033
        .init("DL3033", "RUN yum install -y tomcat && yum clean all", fires: true),
        .init("DL3033", "RUN yum install -y tomcat-9.2 && yum clean all", fires: false),
        .init("DL3033", "RUN bash -c `# not even a yum command`", fires: false),
        .init("DL3033", "RUN yum install -y openssl-1:1.1.1k", fires: false),
        .init("DL3033", "RUN yum install -y rpm-sign-4.16.1.3", fires: false),
        .init("DL3033", "RUN yum install -y gcc-c++-1.1.1", fires: false),
        .init("DL3033", "RUN yum module install -y tomcat && yum clean all", fires: true),
        .init("DL3033", "RUN yum module install -y tomcat:9 && yum clean all", fires: false),
        .init("DL3033", "RUN yum install -y \"git-core-${GIT_VER}\" && yum clean all", fires: false),
        .init("DL3033", "RUN yum install -y \"which-${WHICH_VERSION}\" && yum clean all", fires: false),
        .init("DL3033", "RUN yum install -y \"rpm-sign-${VERSION}\" && yum clean all", fires: false),
        .init("DL3033", "RUN yum install -y tomcat-$VERSION && yum clean all", fires: false),
        // DL3034
        .init("DL3034", "RUN zypper install httpd=2.4.24 && zypper clean", fires: true),
        .init("DL3034", "RUN zypper install -n httpd=2.4.24 && zypper clean", fires: true,
              differs: "DL3034.md, Differences from hadolint: after the subcommand, -n is --name"),
        .init("DL3034", "RUN zypper install --non-interactive httpd=2.4.24 && zypper clean", fires: false),
        .init("DL3034", "RUN zypper install -y httpd=2.4.24 && zypper clean", fires: false),
        .init("DL3034", "RUN zypper install --no-confirm httpd=2.4.24 && zypper clean", fires: false),
        // DL3035
        .init("DL3035", "RUN zypper dist-upgrade", fires: true),
        .init("DL3035", "RUN zypper dup", fires: true),
        // DL3037
        .init("DL3037", "RUN zypper install -y tomcat && zypper clean", fires: true),
        .init("DL3037", "RUN zypper install -y tomcat=9.0.39 && zypper clean", fires: false),
        .init("DL3037", "RUN zypper install -y tomcat\\>=9.0 && zypper clean", fires: false),
        .init("DL3037", "RUN zypper install -y tomcat\\>9.0 && zypper clean", fires: false),
        .init("DL3037", "RUN zypper install -y tomcat\\<=9.0 && zypper clean", fires: false),
        .init("DL3037", "RUN zypper install -y tomcat\\<9.0 && zypper clean", fires: false),
        .init("DL3037", "RUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean", fires: false),
        // DL3038
        .init("DL3038", "RUN dnf install httpd-2.4.24 && dnf clean all", fires: true),
        .init("DL3038", "RUN dnf install -y httpd-2.4.24 && dnf clean all", fires: false),
        .init("DL3038", "RUN notdnf install httpd", fires: false),
        // DL3041
        .init("DL3041", "RUN dnf install -y tomcat && dnf clean all", fires: true),
        .init("DL3041", "RUN microdnf install -y tomcat && microdnf clean all", fires: true),
        .init("DL3041", "RUN dnf install -y rpm-sign && dnf clean all", fires: true),
        .init("DL3041", "RUN microdnf install -y rpm-sign && microdnf clean all", fires: true),
        .init("DL3041", "RUN dnf install -y tomcat-9.0.1 && dnf clean all", fires: false),
        .init("DL3041", "RUN microdnf install -y tomcat-9.0.1 && microdnf clean all", fires: false),
        .init("DL3041", "RUN notdnf install openssl-1:1.1.1k", fires: false),
        .init("DL3041", "RUN notdnf install tomcat", fires: false),
        .init("DL3041", "RUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all", fires: false),
        .init("DL3041", "RUN microdnf install -y rpm-sign-4.16.1.3 && microdnf clean all", fires: false),
        .init("DL3041", "RUN dnf install -y gcc-c++-1.1.1", fires: false),
        .init("DL3041", "RUN microdnf install -y gcc-c++-1.1.1", fires: false),
        .init("DL3041", "RUN dnf install -y openssl-1:1.1.1k", fires: false),
        .init("DL3041", "RUN microdnf install -y openssl-1:1.1.1k", fires: false),
        .init("DL3041", "RUN dnf module install -y tomcat && dnf clean all", fires: true),
        .init("DL3041", "RUN microdnf module install -y tomcat && microdnf clean all", fires: true),
        .init("DL3041", "RUN dnf module install -y tomcat:9 && dnf clean all", fires: false),
        .init("DL3041", "RUN microdnf module install -y tomcat:9 && microdnf clean all", fires: false),
        .init("DL3041", "RUN notdnf module install tomcat", fires: false),
        .init("DL3041", "RUN dnf install -y \"git-core-${GIT_VER}\" && dnf clean all", fires: false),
        .init("DL3041", "RUN dnf install -y \"rpm-sign-${VERSION}\" && dnf clean all", fires: false),
        .init("DL3041", "RUN dnf install -y tomcat-$VERSION && dnf clean all", fires: false),
        .init("DL3041", "RUN microdnf install -y \"git-core-${GIT_VER}\" && microdnf clean all", fires: false),
    ]

    /// hadolint's specs run each case as `RUN` alone; dlint lints it in a stage.
    private static func dockerfile(_ text: String) -> String {
        text.hasPrefix("FROM") ? text + "\n" : "FROM scratch\n" + text + "\n"
    }

    @Test(arguments: cases)
    func specCase(_ spec: PackageSpecCase) {
        let codes = lintCodes(Self.dockerfile(spec.dockerfile)).map(\.code)
        #expect(codes.contains(spec.code) == spec.fires, "\(spec.difference ?? "as hadolint")")
    }

    /// The same cases as `ONBUILD RUN …` (hadolint's `onBuildRuleCatches`), fired from a child
    /// image.
    @Test(arguments: cases.filter { $0.fires && !$0.dockerfile.hasPrefix("FROM") })
    func onBuildCase(_ spec: PackageSpecCase) {
        let text = "FROM scratch\nONBUILD " + spec.dockerfile + "\n"
        #expect(lintCodes(text).map(\.code).contains(spec.code))
    }
}

@Suite("System package rules")
struct PackagesTests {
    @Test("the invocation is parsed once, by the model, with per-program option tables")
    func invocationFacts() throws {
        let model = DockerfileModel(tree: SyntaxTree(parsing: "FROM debian\nRUN apt-get -f install x && apt-get -qq -o Debug=1 -y install y && zypper -C /c in -C z\n"))
        let invocations = model.runs[0].commands.map(\.packageInvocation)
        // apt-get's `-f` is --fix-broken (pip's -f takes a value); zypper's `-C` takes one before
        // the subcommand (--cache-dir), not after it (--capability).
        #expect(invocations.map { $0?.positionals.compactMap(\.literalValue) } == [["install", "x"], ["install", "y"], ["in", "z"]])
        let again = try #require(PackageInvocation(model.runs[0].commands[0]))
        #expect(again.description == "apt-get install")
        #expect(PackageInvocation.baseProgram("/usr/bin/dnf-3") == "dnf")
        #expect(PackageInvocation.baseProgram("pip3.12") == "pip")
    }

    @Test("base program: names without a path or a version come back as they are")
    func baseProgramNames() {
        let cases: [(String, String)] = [
            ("curl", "curl"), ("apt-get", "apt-get"), ("", ""), ("123", "123"), ("-", "-"), ("dnf5", "dnf"), ("python3.11", "python"),
            ("/usr/bin/pip", "pip"), ("bin/", "bin/"), ("/", "/"), ("a/b-1.2", "b"), ("é", "é"), ("/opt/1.2", "/opt/1.2"),
        ]
        for (name, base) in cases { #expect(PackageInvocation.baseProgram(name) == base, "\(name)") }
    }

    @Test("the model's index of package commands gives each program's commands in file order")
    func packageCommandPositions() {
        let model = DockerfileModel(tree: SyntaxTree(parsing: """
        FROM debian
        RUN echo a && pip install x && apt-get install y
        RUN python3 -m pip install z; /usr/bin/apt-get update
        RUN npm ci

        """))
        let pip = model.packageCommandPositions(running: ["pip"])
        #expect(pip.map { [$0.run, $0.command] } == [[0, 1], [1, 0]])
        let both = model.packageCommandPositions(running: ["pip", "apt-get"])
        #expect(both.map { [$0.run, $0.command] } == [[0, 1], [0, 2], [1, 0], [1, 1]])
        #expect(model.packageCommandPositions(running: ["yum"]).isEmpty)
    }

    @Test("without options, the positionals are the arguments; `-` alone is a positional, `--` ends the options")
    func positionalsWithoutOptions() {
        let model = DockerfileModel(tree: SyntaxTree(parsing: "FROM debian\nRUN echo a - \"$b\" c && cat -- -x y && apt-get install z\n"))
        let invocations = model.runs[0].commands.compactMap(\.packageInvocation)
        #expect(invocations.map { $0.positionals.map(\.range) } == invocations.map { $0.arguments.map(\.range) }.enumerated().map { index, ranges in
            index == 1 ? Array(ranges.dropFirst()) : ranges
        })
        #expect(invocations.map { $0.positionals.count } == [4, 2, 2])
    }

    @Test("commands behind sudo, env, xargs, timeout, nice, a path, and options before the subcommand")
    func hiddenCommands() {
        let text = """
            FROM debian
            RUN sudo apt-get install a && env DEBIAN_FRONTEND=noninteractive apt-get install b \\
                && xargs -r apt-get install c < list && timeout -s KILL 600 apt-get install d \\
                && nice -n 5 /usr/bin/apt-get install e && apt-get -qq -o Dpkg::Use-Pty=0 install f
            """
        #expect(findings(text, "DL3014").map(\.text) == ["apt-get install", "apt-get install", "apt-get install", "apt-get install", "/usr/bin/apt-get install"])
        #expect(findings(text, "DL3015").map(\.text).last == "apt-get -qq -o Dpkg::Use-Pty=0 install")
        #expect(findings(text, "DL3008").map(\.text) == ["a", "b", "c", "d", "e", "f"])
        #expect(findings(text, "DL3008").map(\.line) == [2, 2, 3, 3, 4, 4])
    }

    @Test("aptitude, yum groups, dnf's short forms, dnf5 and microdnf")
    func spellings() {
        #expect(findings("FROM debian\nRUN aptitude install -R curl\n", "DL3014").map(\.text) == ["aptitude install"])
        #expect(findings("FROM debian\nRUN aptitude install -R curl\n", "DL3015").isEmpty)
        #expect(findings("FROM debian\nRUN aptitude install -R curl\n", "DL3008").map(\.text) == ["curl"])
        let yum = "FROM centos:7\nRUN yum groupinstall 'Development Tools' && yum group install -y web && yum -y install @base\n"
        #expect(findings(yum, "DL3030").map(\.text) == ["yum groupinstall"])
        #expect(findings(yum, "DL3033").isEmpty, "groups have no version")
        let dnf = "FROM fedora\nRUN dnf in a && dnf up && dnf rei b && dnf up-min && dnf5 install c && microdnf install d-1.0\n"
        #expect(findings(dnf, "DL3038").map(\.text) == ["dnf in", "dnf up", "dnf rei", "dnf up-min", "dnf5 install", "microdnf install"])
        #expect(findings(dnf, "DL3041").map(\.text) == ["a", "c"])
        #expect(findings("FROM fedora\nRUN dnf -y --setopt=install_weak_deps=False install --nodocs x-1.2\n", "DL3038").isEmpty)
        #expect(findings("FROM fedora\nRUN dnf install --setopt assumeyes=True x-1.2\n", "DL3038").isEmpty)
    }

    @Test("pins from ARG and ENV values; variables only known at build time count as pinned")
    func variablePins() {
        let text = """
            FROM debian
            ARG V=1.2
            ARG LATER
            ENV PKGS="curl git=1:2.39"
            RUN apt-get install -y foo=${V} bar=$LATER $PKGS "$LATER" "$(cat list)" ${MISSING:-baz}
            """
        let found = findings(text, "DL3008")
        #expect(found.map(\.text) == ["$PKGS", "${MISSING:-baz}"])
        #expect(found.first?.message == "Pin the version of 'curl': 'apt-get install curl=<version>'")
        #expect(findings("FROM alpine\nARG PKGS=\"a b=1 c\"\nRUN apk add $PKGS\n", "DL3018").map(\.message)
            == ["Pin the version of 'a', 'c': 'apk add a=<version>'"])
        // Quoted: one word, not split.
        #expect(findings("FROM fedora\nARG P=tomcat-9.0.1\nRUN dnf install -y \"$P\"\n", "DL3041").isEmpty)
        #expect(findings("FROM fedora\nARG V=9.0\nRUN dnf install -y tomcat-$V rpm-sign\n", "DL3041").map(\.text) == ["rpm-sign"])
    }

    @Test("apt settings written to apt.conf.d count for later commands, in the stage and stages built FROM it")
    func aptConfiguration() {
        let text = """
            FROM debian AS base
            RUN apt-get install -y --no-install-recommends a=1 && echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/90local \\
                && apt-get install -y b=1
            FROM base
            RUN apt-get install -y c=1
            FROM debian
            RUN printf 'APT::Get::Assume-Yes "true";\\n' | tee /etc/apt/apt.conf.d/90yes && apt-get install --no-install-recommends d=1
            RUN apt-get install e=1
            """
        #expect(findings(text, "DL3015").map(\.line) == [8])
        #expect(findings(text, "DL3014").isEmpty)
        #expect(findings("FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=true install --no-install-recommends x=1\n", "DL3014").isEmpty)
    }

    @Test("-y: quiet level 2 implies it, -q alone does not; other prompting actions count too")
    func assumeYes() {
        #expect(findings("FROM debian\nRUN apt-get -q install --no-install-recommends x=1\n", "DL3014").count == 1)
        #expect(findings("FROM debian\nRUN apt-get -q -q install x=1 && apt-get -q=2 upgrade && apt-get --quiet=3 purge y\n", "DL3014").isEmpty)
        #expect(findings("FROM debian\nRUN apt-get update && apt-get upgrade && apt-get autoremove && apt-get clean\n", "DL3014").map(\.text)
            == ["apt-get upgrade", "apt-get autoremove"])
    }

    @Test("zypper: -n before the subcommand; after it, -n is --name")
    func zypperNonInteractive() {
        #expect(findings("FROM opensuse/leap\nRUN zypper -n in a=1 && zypper --non-interactive ref && zypper in -y b=1\n", "DL3034").isEmpty)
        #expect(findings("FROM opensuse/leap\nRUN zypper in -n a=1 && zypper --quiet rm b\n", "DL3034").map(\.text) == ["zypper in", "zypper --quiet rm"])
        #expect(findings("FROM opensuse/leap\nRUN zypper -n in -t pattern devel_basis && zypper -n in -t package x\n", "DL3037").map(\.text) == ["x"])
    }

    @Test("apt: one finding at the word, whatever the subcommand")
    func apt() {
        let found = findings("FROM debian\nRUN apt update && sudo apt list --installed && /usr/bin/apt show x\n", "DL3027")
        #expect(found.map(\.text) == ["apt", "apt", "/usr/bin/apt"])
        #expect(found.map(\.message) == [
            "Do not use 'apt' in scripts, its command-line interface is not stable: use 'apt-get'",
            "Do not use 'apt' in scripts, its command-line interface is not stable: use 'apt-get' or 'apt-cache'",
            "Do not use 'apt' in scripts, its command-line interface is not stable: use 'apt-cache'",
        ])
        #expect(findings("FROM debian\nRUN apt-get install -y x=1 && apt-cache show x && echo apt\n", "DL3027").isEmpty)
    }
}

@Suite("System package rules: fixes")
struct PackagesFixTests {
    /// The text fixed with one rule's fixes (unsafe included), checking that a second run changes
    /// nothing and the rule reports nothing fixable afterwards.
    private func fixed(_ text: String, _ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let rule = RuleRegistry.rules.first { $0.descriptor.code == code }!
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        #expect(outcome.converged, sourceLocation: sourceLocation)
        #expect(outcome.rolledBackRules.isEmpty, sourceLocation: sourceLocation)
        #expect(!outcome.remaining.diagnostics.contains { $0.code == code && $0.fix != nil }, sourceLocation: sourceLocation)
        #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed, sourceLocation: sourceLocation)
        return String(decoding: outcome.fixed, as: UTF8.self)
    }

    private func fix(_ text: String, _ code: String) -> Fix? {
        lintCodes(text).first { $0.code == code }?.fix
    }

    @Test("-y goes right after the subcommand word: continuations, sh -c, heredocs, CRLF, escape directive")
    func assumeYes() {
        #expect(fixed("FROM debian\nRUN apt-get update && apt-get -q install \\\n    curl=1\n", "DL3014")
            == "FROM debian\nRUN apt-get update && apt-get -q install -y \\\n    curl=1\n")
        #expect(fixed("FROM debian\nRUN apt-get \\\n  install \\\n  curl=1\n", "DL3014")
            == "FROM debian\nRUN apt-get \\\n  install -y \\\n  curl=1\n")
        #expect(fixed("FROM centos\nRUN sh -c 'yum install git-2' && yum group install web\n", "DL3030")
            == "FROM centos\nRUN sh -c 'yum install -y git-2' && yum group install -y web\n")
        #expect(fixed("FROM fedora\nRUN <<EOF\nset -e\ndnf in x-1\nEOF\n", "DL3038")
            == "FROM fedora\nRUN <<EOF\nset -e\ndnf in -y x-1\nEOF\n")
        #expect(fixed("FROM debian\r\nRUN apt-get install x=1 \\\r\n && apt-get purge y\r\n", "DL3014")
            == "FROM debian\r\nRUN apt-get install -y x=1 \\\r\n && apt-get purge -y y\r\n")
        #expect(fixed("# escape=`\nFROM debian\nRUN apt-get install `\n  x=1\n", "DL3014")
            == "# escape=`\nFROM debian\nRUN apt-get install -y `\n  x=1\n")
        #expect(fix("FROM debian\nRUN apt-get install x=1\n", "DL3014")?.applicability == .safe)
        #expect(fix("FROM debian\nRUN apt-get install x=1\n", "DL3014")?.title == "Add -y to 'apt-get install'")
    }

    @Test("zypper gets -n right after the program word, before the subcommand")
    func zypper() {
        #expect(fixed("FROM opensuse/leap\nRUN zypper --quiet in a=1 && zypper rm b\n", "DL3034")
            == "FROM opensuse/leap\nRUN zypper -n --quiet in a=1 && zypper -n rm b\n")
        #expect(fixed("FROM opensuse/leap\nRUN zypper in -n a=1\n", "DL3034") == "FROM opensuse/leap\nRUN zypper -n in -n a=1\n")
    }

    @Test("--no-install-recommends is unsafe; aptitude gets --without-recommends")
    func noRecommends() {
        #expect(fixed("FROM debian\nRUN apt-get install -y \\\n  x=1 && aptitude -y install z=1\n", "DL3015")
            == "FROM debian\nRUN apt-get install --no-install-recommends -y \\\n  x=1 && aptitude -y install --without-recommends z=1\n")
        #expect(fix("FROM debian\nRUN apt-get install -y x=1\n", "DL3015")?.applicability == .unsafe)
    }

    @Test("apt becomes apt-get or apt-cache where the subcommand exists there, else no fix")
    func apt() {
        #expect(fixed("FROM debian\nRUN apt update && /usr/bin/apt install -y x && apt search y && apt policy\n", "DL3027")
            == "FROM debian\nRUN apt-get update && /usr/bin/apt-get install -y x && apt-cache search y && apt-cache policy\n")
        #expect(fix("FROM debian\nRUN apt list --installed\n", "DL3027") == nil)
        #expect(fix("FROM debian\nRUN \"apt\" update\n", "DL3027") == nil)
        #expect(fix("FROM debian\nRUN apt update\n", "DL3027")?.applicability == .unsafe)
    }
}

@Suite("System package rules: shell variables of the RUN")
struct PackagesShellVariableTests {
    @Test("a list set earlier in the RUN is read; a value from a command substitution is not known")
    func shellVariables() {
        let text = """
            FROM debian
            RUN set -eux; buildDeps='gcc make=4.3-4.1'; export RUNTIME="libc6" LATER="$(cat list)"; \\
                apt-get install -y --no-install-recommends $buildDeps $RUNTIME $LATER; \\
                V=1; apt-get install -y --no-install-recommends "curl=$V"
            """
        #expect(findings(text, "DL3008").map(\.message) == [
            "Pin the version of 'gcc': 'apt-get install gcc=<version>'",
            "Pin the version of 'libc6': 'apt-get install libc6=<version>'",
        ])
        // The RUN's own variable wins over an ARG of the same name.
        #expect(findings("FROM alpine\nARG P=a=1\nRUN P=b; apk add $P\n", "DL3018").map(\.text) == ["$P"])
    }

    @Test("quiet level 2 spelt --quiet --quiet implies -y")
    func longQuiet() {
        #expect(findings("FROM debian\nRUN apt-get install --quiet --quiet --no-install-recommends x=1\n", "DL3014").isEmpty)
        #expect(findings("FROM debian\nRUN apt-get install --quiet --no-install-recommends x=1\n", "DL3014").count == 1)
    }
}

@Suite("System package rules: variables built up in the RUN")
struct PackagesVariableGrowthTests {
    @Test("DEPS=\"$DEPS more\" keeps the known value; long lists are cut in the message")
    func growingList() {
        let text = """
            FROM debian
            RUN DEPS='a=1 b'; [ -n "$X" ] || DEPS="$DEPS c d e"; apt-get install -y --no-install-recommends $DEPS
            """
        #expect(findings(text, "DL3008").map(\.message) == ["Pin the version of 'b', 'c', 'd' and 1 more: 'apt-get install b=<version>'"])
        #expect(findings("FROM debian\nRUN export A=\"$(x)\" B=b=1; apt-get install -y --no-install-recommends $A $B\n", "DL3008").isEmpty)
    }
}
