import DLintCore
@testable import DLintRules
import Testing

/// One `it` case of a hadolint spec: the Dockerfile and whether dlint reports the code.
struct CommandSpecCase: CustomTestStringConvertible, Sendable {
    let code: String
    let name: String
    let dockerfile: String
    let fires: Bool

    init(_ code: String, _ name: String, _ dockerfile: String, fires: Bool) {
        self.code = code
        self.name = name
        self.dockerfile = dockerfile
        self.fires = fires
    }

    var testDescription: String { "\(code) \(name)" }
}

private func lint(_ text: String, configuration: Configuration = Configuration()) -> LintResult {
    RuleRegistry.linter.lint(Array(text.utf8), configuration: configuration)
}

/// (line, column, text under the range) of each finding of `code`.
private func findings(_ text: String, _ code: String, configuration: Configuration = Configuration()) -> [(line: Int, column: Int, text: String)] {
    let bytes = Array(text.utf8)
    let result = RuleRegistry.linter.lint(bytes, configuration: configuration)
    return result.diagnostics.filter { $0.code == code }.map { diagnostic in
        let location = result.tree.location(of: diagnostic.range.lowerBound)
        return (location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self))
    }
}

private let hadolintSpecs: [CommandSpecCase] = [
    // DL3059Spec.hs
    .init("DL3059", "ok with no RUN at all", "FROM debian:10", fires: false),
    .init("DL3059", "ok with one RUN", "RUN /foo.sh", fires: false),
    .init("DL3059", "ok with two not consecutive RUN", "RUN /foo.sh\nWORKDIR /\nRUN /bar.sh", fires: false),
    .init("DL3059", "not ok with two consecutive RUNs", "RUN /foo.sh\nRUN /bar.sh", fires: true),
    .init("DL3059", "not ok with two RUNs separated by a comment", "RUN /foo.sh\n# a comment\nRUN /bar.sh", fires: true),
    .init("DL3059", "not ok with two RUNs separated by two comments", "RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh", fires: true),
    .init("DL3059", "ok with one RUN after a comment", "# a comment\nRUN /foo.sh", fires: false),
    .init("DL3059", "ok when flags are different 1", "RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh", fires: false),
    .init("DL3059", "ok when flags are different 2", "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n", fires: false),
    .init("DL3059", "not ok when flags are equal", "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n", fires: true),
    .init("DL3059", "ok when commands are chained 1", "RUN foo && bar\nRUN foobar\n", fires: false),
    .init("DL3059", "ok when commands are chained 2", "RUN foo; bar\nRUN foobar\n", fires: false),
    .init("DL3059", "ok when commands are chained 3", "RUN foobar\nRUN foo && bar\n", fires: false),
    .init("DL3059", "ok when commands are chained 4", "RUN foobar\nRUN foo; bar\n", fires: false),
    .init("DL3059", "ok when commands are chained 5", "RUN foo && bar\nRUN foo; bar\n", fires: false),
    .init("DL3059", "not ok when more than one RUN has just one command in a row", "RUN foo && bar\nRUN foo\nRUN bar\n", fires: true),
    // DL3003Spec.hs
    .init("DL3003", "ok using WORKDIR", "WORKDIR /opt", fires: false),
    .init("DL3003", "not ok using cd", "RUN cd /opt", fires: true),
    // DL3001Spec.hs
    .init("DL3001", "invalid cmd", "RUN top", fires: true),
    .init("DL3001", "invalid cmd (ONBUILD)", "ONBUILD RUN top", fires: true),
    .init("DL3001", "install ssh", "RUN apt-get install ssh", fires: false),
    .init("DL3001", "install ssh (ONBUILD)", "ONBUILD RUN apt-get install ssh", fires: false),
    // DL3046Spec.hs
    .init("DL3046", "ok with useradd alone", "RUN useradd luser", fires: false),
    .init("DL3046", "ok with useradd short uid", "RUN useradd -u 12345 luser", fires: false),
    .init("DL3046", "ok with useradd long uid and flag -l", "RUN useradd -l -u 123456 luser", fires: false),
    .init("DL3046", "ok with useradd and just flag -l", "RUN useradd -l luser", fires: false),
    .init("DL3046", "warn when useradd and long uid without flag -l", "RUN useradd -u 123456 luser", fires: true),
    // DL3047Spec.hs
    .init("DL3047", "warns when using wget without --progress option", "FROM node as foo\nRUN wget my.xyz\n", fires: true),
    .init("DL3047", "does not warn when running with --progress option", "FROM node as foo\nRUN wget --progress=dot:giga my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -q", "FROM node as foo\nRUN wget -q my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --quiet", "FROM node as foo\nRUN wget --quiet my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -nv", "FROM node as foo\nRUN wget -nv my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --no-verbose", "FROM node as foo\nRUN wget --no-verbose my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --output-file", "FROM node as foo\nRUN wget --output-file=/tmp/wget.log my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -o", "FROM node as foo\nRUN wget -o /tmp/wget.log my.xyz\n", fires: false),
    .init("DL3047", "does not warn with --append-output", "FROM node as foo\nRUN wget --append-output=/tmp/wget.log my.xyz\n", fires: false),
    .init("DL3047", "does not warn with -a", "FROM node as foo\nRUN wget -a /tmp/wget.log my.xyz\n", fires: false),
    // DL4001Spec.hs
    .init("DL4001", "warns when using both wget and curl", "FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\n", fires: true),
    .init("DL4001", "warns when using both wget and curl in same instruction", "FROM node as foo\nRUN wget my.xyz && curl localhost\n", fires: true),
    .init("DL4001", "does not warn when using only wget", "FROM node as foo\nRUN wget my.xyz\n", fires: false),
    .init("DL4001", "does not warn when using both curl and wget in different stages", "FROM node as foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n", fires: false),
    .init("DL4001", "warns when using both, on a single stage", "FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\nFROM scratch\nRUN curl localhost\n", fires: true),
    .init("DL4001", "only warns on the relevant RUN instruction", "FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n", fires: true),
    .init("DL4001", "only warns on many relevant RUN instructions", "FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n", fires: true),
    // DL4005Spec.hs
    .init("DL4005", "RUN ln", "RUN ln -sfv /bin/bash /bin/sh", fires: true),
    .init("DL4005", "RUN ln (ONBUILD)", "ONBUILD RUN ln -sfv /bin/bash /bin/sh", fires: true),
    .init("DL4005", "RUN ln with unrelated symlinks", "RUN ln -sf /bin/true /sbin/initctl", fires: false),
    .init("DL4005", "RUN ln with unrelated symlinks (ONBUILD)", "ONBUILD RUN ln -sf /bin/true /sbin/initctl", fires: false),
    .init("DL4005", "RUN ln with multiple acceptable commands", "RUN ln -s foo bar && unrelated && something_with /bin/sh", fires: false),
    .init("DL4005", "RUN ln with multiple acceptable commands (ONBUILD)", "ONBUILD RUN ln -s foo bar && unrelated && something_with /bin/sh", fires: false),
    // DL4006Spec.hs
    .init("DL4006", "warn on missing pipefail", "FROM scratch\nRUN wget -O - https://some.site | wc -l > /number\n", fires: true),
    .init("DL4006", "don't warn on commands with no pipes", "FROM scratch as build\nRUN wget -O - https://some.site && wc -l file > /number\n", fires: false),
    .init("DL4006", "don't warn with the pipefail option", #"FROM scratch as build\#nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn with the pipefail option 2", #"FROM scratch as build\#nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn with the pipefail option 3", #"FROM scratch as build\#nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn with the pipefail zsh", #"FROM scratch as build\#nSHELL ["/bin/zsh", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn when bash is invoked via a non-standard absolute path", #"FROM scratch as build\#nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn when zsh is invoked via a non-standard absolute path", #"FROM scratch as build\#nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "don't warn on powershell", #"FROM scratch as build\#nSHELL ["pwsh", "-c"]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
    // Deliberately different (rules/DL4006.md, "Differences from hadolint"): a shell that accepts
    // `-o pipefail` runs with it; one that does not fails every RUN, loudly.
    .init("DL4006", "warns when using plain sh (dlint: sh -o pipefail is pipefail)", #"FROM scratch as build\#nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: false),
    .init("DL4006", "warn on missing pipefail in the next image", #"FROM scratch as build\#nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#nFROM scratch as build2\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: true),
    .init("DL4006", "warn on missing pipefail if next SHELL is not using it", #"FROM scratch as build\#nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#nSHELL ["/bin/sh", "-c"]\#nRUN wget -O - https://some.site | wc -l file > /number\#n"#, fires: true),
    .init("DL4006", "ignore non posix shells: pwsh", #"FROM mcr.microsoft.com/powershell:ubuntu-16.04\#nSHELL [ "pwsh", "-c" ]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
    .init("DL4006", "ignore non posix shells: powershell", #"FROM mcr.microsoft.com/powershell:ubuntu-16.04\#nSHELL [ "powershell.exe" ]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
    .init("DL4006", "ignore non posix shells: cmd.exe", #"FROM mcr.microsoft.com/powershell:ubuntu-16.04\#nSHELL [ "cmd.exe", "/c" ]\#nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\#n"#, fires: false),
]

@Suite("Command rules: hadolint's spec cases")
struct CommandSpecTests {
    @Test(arguments: hadolintSpecs)
    func specCase(_ specCase: CommandSpecCase) {
        let reported = lint(specCase.dockerfile).diagnostics.contains { $0.code == specCase.code }
        #expect(reported == specCase.fires, "\(specCase.code): \(specCase.name)")
    }

    @Test("DL4001 reports each RUN from the one that brings the second tool, as hadolint counts")
    func wgetOrCurlCounts() {
        #expect(findings("FROM node\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n", "DL4001").count == 1)
        #expect(findings("FROM node\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n", "DL4001").map(\.line) == [3, 5])
        #expect(findings("FROM node\nRUN wget a && curl b && wget c\n", "DL4001").map(\.text) == ["curl"])
    }
}
