import DLintCore
@testable import DLintRules
import Testing

/// One case of ShellCheck's own tests (the `prop_check…` cases of `Analytics.hs` and
/// `Checks/Commands.hs`) and a few Dockerfile ones, run as `RUN <script>`: the SC codes of this
/// family dlint reports. Each was run through the real ShellCheck 0.11 (`-s sh`, `-o all` for
/// the optional SC2002 and SC2230); where dlint deliberately differs, a comment names the page
/// section that says why.
struct ShellCommandsSpecCase: CustomTestStringConvertible, Sendable {
    let script: String
    let codes: Set<String>

    init(_ script: String, _ codes: [String]) {
        self.script = script
        self.codes = Set(codes)
    }

    var testDescription: String { script }
}

private let familyCodes: Set<String> = Set(RuleRegistry.shellCommandRules.map(\.descriptor.code))

/// Every rule of the family on, the optional ones included.
private let allOn: Configuration = {
    var configuration = Configuration()
    configuration.enabled = ["SC2002", "SC2230"]
    return configuration
}()

private func lint(_ text: String, configuration: Configuration = allOn) -> LintResult {
    RuleRegistry.linter.lint(Array(text.utf8), configuration: configuration)
}

/// (code, line, column, text under the range) of each finding of this family.
private func findings(_ text: String, configuration: Configuration = allOn) -> [(code: String, line: Int, column: Int, text: String)] {
    let bytes = Array(text.utf8)
    let result = RuleRegistry.linter.lint(bytes, configuration: configuration)
    return result.diagnostics.filter { familyCodes.contains($0.code) }.map { diagnostic in
        let location = result.tree.location(of: diagnostic.range.lowerBound)
        return (diagnostic.code, location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self))
    }
}

/// The file after applying the fixes of one rule (safe and unsafe), and whether a second run
/// changes anything.
private func fixed(_ text: String, _ code: String) throws -> (text: String, changedAgain: Bool) {
    let rule = try #require(RuleRegistry.rules.first { $0.descriptor.code == code })
    let rewriter = Rewriter(linter: Linter(rules: [rule]))
    let outcome = rewriter.fix(Array(text.utf8), configuration: allOn, applying: [.safe, .unsafe])
    let again = rewriter.fix(outcome.fixed, configuration: allOn, applying: [.safe, .unsafe])
    return (String(decoding: outcome.fixed, as: UTF8.self), again.changed)
}

private let shellCheckSpecs: [ShellCommandsSpecCase] = [
    .init("x=1; (x=2); echo \"$x\"", ["SC2030", "SC2031"]),
    .init("(x=2; echo \"$x\")", []),
    .init("echo a | while read -r x; do :; done; echo \"$x\"", ["SC2030", "SC2031"]),
    .init("echo a | while read -r x; do echo \"$x\"; done", []),
    .init("n=0; cat f | while read -r l; do n=$((n+1)); done; echo \"$n\"", ["SC2002", "SC2030", "SC2031"]),
    .init("y=$(x=3; echo 1); echo \"$x $y\"", ["SC2030", "SC2031"]),
    .init("(export FOO=1); echo \"$FOO\"", ["SC2030", "SC2031"]),
    .init("(cd /x; v=1); v=2; echo \"$v\"", ["SC2164"]),
    .init("for f in a b; do (g=$f); done; echo \"$g\"", ["SC2030", "SC2031"]),
    .init("(x=1); (echo \"$x\")", ["SC2030", "SC2031"]),
    .init("x=1 | cat; echo \"$x\"", ["SC2030", "SC2031"]),
    .init("(x=1) && echo \"${x:-none}\"", ["SC2030", "SC2031"]),
    .init("cd ~/src; rm -r foo", ["SC2164"]),
    .init("cd ~/src || exit; rm -r foo", []),
    .init("set -e; cd ~/src; rm -r foo", []),
    .init("if cd foo; then rm foo; fi", []),
    .init("if true; then cd foo; fi", []),  // ShellCheck: [SC2164]; the cd is the RUN status (SC2164 page, Differences)
    .init("cd ..", []),
    .init("cd /", []),
    .init("cd ../..", []),
    .init("cd ../../.../..", []),  // ShellCheck: [SC2164]; the cd is the RUN status (SC2164 page, Differences)
    .init("set -o errexit; cd foo; rm bar", []),
    .init("pushd -n foo", []),
    .init("a && cd x && b", []),
    .init("a && cd x; b", ["SC2164"]),
    .init("cd x | cat; b", ["SC2164"]),
    .init("(cd x; make); b", ["SC2164"]),
    .init("x=$(cd /x; pwd); echo \"$x\"", ["SC2164"]),
    .init("while cd x; do make; done", []),
    .init("find -type f", ["SC2185"]),
    .init("find", ["SC2185"]),
    .init("find . -type f", []),
    .init("find -H -L \"$path\" -print", []),
    .init("find -O3 .", []),
    .init("find -D exec .", []),
    .init("find --help", []),
    .init("find -Hx . -print", []),
    .init("sudo find -name x", ["SC2185"]),  // ShellCheck: []; find behind sudo (SC2185 page, Differences)
    .init("set -e; ! true; rest", ["SC2251"]),
    .init("! true; rest", []),
    .init("set -e; while true; do ! true; done", ["SC2251"]),
    .init("set -e; if ! true; then true; fi", []),
    .init("set -e; ( ! true )", []),
    .init("set -e; { ! true; }", ["SC2251"]),
    .init("set -e; x() { ! [ x ]; }", []),
    .init("set -e; if { ! true; }; then true; fi", []),
    .init("set -e; while ! true; do true; done", []),
    .init("set -e; ! true", []),
    .init("set -e; a && ! b; c", []),
    .init("rm *.txt", ["SC2035"]),
    .init("ls ??.*", ["SC2035"]),
    .init("rm -- *.txt", []),
    .init("*.txt", ["SC2211"]),
    .init("echo 'Files:' *.txt", []),
    .init("printf '%s\\n' *", []),
    .init("cp *.jar /app/", ["SC2035"]),
    .init("rm -rf -- *", []),
    .init("find . -name *.txt", ["SC2035"]),
    .init("find . | xargs rm", ["SC2038"]),
    .init("find . -print0 | xargs -0 rm", []),
    .init("find . -printf '%p\\0' | xargs --null rm", []),
    .init("find . -mtime -30 | xargs rm", []),
    .init("find . -name foo | grep x | xargs rm", []),
    .init("for f in a; do echo \"$f\"; done", ["SC2043"]),
    .init("for f in *.mp3; do echo \"$f\"; done", []),
    .init("for f in ls; do true; done", ["SC2043"]),
    .init("for f in foo{1,2,3}; do true; done", []),
    .init("for f in 1,2,3; do true; done", []),
    .init("for f in \"$@\"; do true; done", []),
    .init("for f in a b; do echo \"$f\"; done", []),
    .init("for f in /etc/foo; do echo \"$f\"; done", ["SC2043"]),
    .init("for f in $x; do echo \"$f\"; done", []),
    .init("read foo; echo \"$foo\"", ["SC2162"]),
    .init("read -r foo; echo \"$foo\"", []),
    .init("read -a foo; echo \"$foo\"", ["SC2162"]),
    .init("read -ar foo; echo \"$foo\"", []),
    .init("read -t 0", []),
    .init("read", ["SC2162"]),
    .init("echo x | while read l; do echo \"$l\"; done", ["SC2162"]),
    .init("echo $(date)", ["SC2005"]),
    .init("echo `date`", ["SC2005"]),
    .init("echo \"$(date)\"", ["SC2005"]),
    .init("echo \"The time is $(date)\"", []),
    .init("echo \"$(<file)\"", []),
    .init("echo $(date) foo", []),
    .init("cat foo | grep bar", ["SC2002"]),
    .init("cat \"$f\" | grep bar", ["SC2002"]),
    .init("cat $f | grep bar", []),
    .init("cat -n foo | grep bar", []),
    .init("cat foo bar | grep baz", []),
    .init("ls | grep foo", []),
    .init("ls | xargs rm", []),
    .init("ls | sort", ["SC2012"]),
    .init("ls -N | sort", []),
    .init("ls -l", []),
    .init("x=$(ls | head -1); echo \"$x\"", ["SC2012"]),
    .init("make; if [ $? -ne 0 ]; then echo x; fi", ["SC2181"]),
    .init("make; [ $? -eq 0 ] || exit", ["SC2181"]),
    .init("make; [ \"$?\" = 0 ]", ["SC2181"]),
    .init("make; [ $? -eq 4 ]", []),
    .init("make; [ 0 -eq $? ]", ["SC2181"]),
    .init("make; [ ! $? -eq 0 ]", ["SC2181"]),
    .init("make; test $? -ne 0 && exit 1", []),
    .init("make; [ -e foo -o $? -eq 0 ]", []),
    .init("if [ -n \"$(foo | grep bar)\" ]; then :; fi", ["SC2143"]),
    .init("[ -z $(fgrep lol) ]", ["SC2143"]),
    .init("[ -n \"$(foo | zgrep lol)\" ]", ["SC2143"]),
    .init("[ -z $(grep bar | cmd) ]", []),
    .init("rm $(ls | grep file)", []),
    .init("[ -n \"$(pgrep foo)\" ]", []),
    .init("[ \"$(grep x y)\" ]", []),  // ShellCheck: [SC2143]; a RUN starting with a JSON array is exec form: nothing runs a shell
    .init("which foo", ["SC2230"]),
    .init("x=$(which ls); echo \"$x\"", ["SC2230"]),
    .init("mkdir -p -m 0755 a/b", ["SC2174"]),
    .init("mkdir -pm 0755 $dir", ["SC2174"]),
    .init("mkdir -vpm 0755 a/b", ["SC2174"]),
    .init("mkdir -pm 0755 -v a/b", ["SC2174"]),
    .init("mkdir --parents --mode=0755 a/b", ["SC2174"]),
    .init("mkdir --parents --mode 0755 a/b", ["SC2174"]),
    .init("mkdir -p --mode=0755 a/b", ["SC2174"]),
    .init("mkdir --parents -m 0755 a/b", ["SC2174"]),
    .init("mkdir -p a/b", []),
    .init("mkdir -m 0755 a/b", []),
    .init("mkdir -p -m 0755 singlelevel", []),
    .init("mkdir -p -m 0755 ../bin", []),
    .init("mkdir -p -m 0755 ../bin/laden", ["SC2174"]),
    .init("mkdir -p -m 0755 ./bin", []),
    .init("mkdir -p -m 0755 ./bin/laden", ["SC2174"]),
    .init("mkdir -p -m 0755 ./../bin", []),
    .init("mkdir -p -m 0755 /srv/x", ["SC2174"]),
    .init("for f in *; do cd $f; git pull; cd ..; done", ["SC2103", "SC2164"]),
    .init("for f in *; do cd $f || continue; git pull; cd ..; done", []),
    .init("while [ \"$PWD\" != / ]; do cd ..; done", []),
    .init("cd $tmp; foo; cd -", ["SC2103", "SC2164"]),
    .init("cd $tmp || exit; foo; cd -", []),  // ShellCheck: [SC2164]; the cd is the RUN status (SC2164 page, Differences)
    .init("cd ..; foo; cd ..", []),
    .init("set -e; for dir in */; do cd \"$dir\"; some_cmd; cd ..; done", []),
    .init("foo*", ["SC2211"]),
    .init("$(var[i])", ["SC2211"]),
    .init("echo foo*", []),
    .init("/opt/*/bin/java -version", ["SC2211"]),
    .init("[ -e x ]", []),
    .init("exit 0; echo unreachable", ["SC2317"]),
    .init("(exit 1); echo reachable", []),
    .init("if true; then exit 0; fi; echo reachable", []),
    .init("make || exit 1; echo reachable", []),
    .init("exec >/tmp/log; echo reachable", []),
    .init("exec nginx; echo unreachable", ["SC2317"]),  // ShellCheck: []; exec never returns (SC2317 page, Differences)
    .init("f() { return 0; echo unreachable; }; f", ["SC2317"]),
    .init("false && exit; echo reachable", []),
]

@Suite("ShellCheck command checks: SC2030, SC2031, SC2164, SC2185, SC2251, SC2035, SC2038, SC2043, SC2162, SC2005, SC2002, SC2012, SC2181, SC2143, SC2230, SC2174, SC2103, SC2211, SC2317")
struct ShellCommandsTests {
    @Test("ShellCheck's cases, as RUN scripts", arguments: shellCheckSpecs)
    func shellCheckCase(_ spec: ShellCommandsSpecCase) {
        let found = Set(findings("FROM debian:12\nRUN \(spec.script)\n").map(\.code))
        #expect(found == spec.codes, "RUN \(spec.script)")
    }

    @Test("positions inside a multi-line RUN with comment lines, in a heredoc, an exec-form JSON string and an sh -c string")
    func positions() {
        let found = findings("""
            FROM debian:12
            RUN apt-get update && \\
            # a comment inside the RUN
                cd /usr/src; \\
                find -name '*.o' -delete
            RUN <<EOF
            set -e
            ! grep -q x /etc/hosts
            echo done
            EOF
            RUN ["/bin/sh", "-c", "read line; echo \\"$line\\""]
            RUN sh -c 'cp *.jar /opt/; echo ok'
            ONBUILD RUN for k in ABC; do gpg --recv-keys "$k"; done
            """)
        #expect(found.map(\.code) == ["SC2164", "SC2185", "SC2251", "SC2162", "SC2035", "SC2043"])
        #expect(found.map(\.line) == [4, 5, 8, 11, 12, 13])
        #expect(found.map(\.column) == [5, 5, 1, 24, 15, 22])
        #expect(found.map(\.text) == ["cd /usr/src", "find", "!", "read", "*.jar", "ABC"])
    }

    @Test("hadolint and dlint suppressions and the ignored list keep working for SC codes")
    func suppressions() {
        let text = """
            FROM debian:12
            # hadolint ignore=SC2164
            RUN cd /tmp; make
            # dlint ignore=cd-without-exit
            RUN cd /tmp; make
            RUN cd /tmp; make
            """
        #expect(findings(text).map(\.line) == [6])
        var configuration = allOn
        configuration.ignored = ["SC2164"]
        #expect(findings(text, configuration: configuration).isEmpty)
        #expect(findings("# hadolint global ignore=SC2185\nFROM alpine:3.20\nRUN find -name x\n").isEmpty)
    }

    @Test("set -e from SHELL, an exec-form shell and sh -ec turns SC2164 off and SC2251 on")
    func errexitFromShellOptions() {
        let found = findings("""
            FROM debian:12
            SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
            RUN cd /tmp; ! grep -q x y; make
            FROM debian:12
            RUN ["sh", "-ec", "cd /tmp; make"]
            RUN sh -ec 'cd /tmp; make' && sh -c 'cd /tmp; make'
            """)
        #expect(found.map(\.code) == ["SC2251", "SC2164"])
        #expect(found.map(\.line) == [3, 6])
        #expect(found.map(\.column) == [14, 38])
    }

    @Test("no shell checks in PowerShell RUNs and Windows images")
    func windows() {
        #expect(findings("""
            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            RUN cd C:\\tmp; find -name x
            FROM debian:12
            SHELL ["pwsh", "-Command"]
            RUN cd /tmp; ls | sort
            """).isEmpty)
    }

    @Test("SC2164 fix: `|| exit` at the end of the command, a group after &&, through continuations, heredocs and CRLF")
    func cdFix() throws {
        let text = "FROM debian:12\r\nRUN cd /src; \\\r\n    make && cd out; cp a b\r\nRUN <<EOF\r\ncd /srv\r\nls\r\nEOF\r\n"
        let result = try fixed(text, "SC2164")
        #expect(result.text == "FROM debian:12\r\nRUN cd /src || exit; \\\r\n    make && { cd out || exit; }; cp a b\r\nRUN <<EOF\r\ncd /srv || exit\r\nls\r\nEOF\r\n")
        #expect(!result.changedAgain)
    }

    @Test("SC2164 fix inside an exec-form JSON string and an sh -c string")
    func cdFixInStrings() throws {
        let result = try fixed("FROM debian:12\nRUN [\"sh\", \"-c\", \"cd /src; make\"]\nRUN sh -c 'cd /src; make' && true\n", "SC2164")
        #expect(result.text == "FROM debian:12\nRUN [\"sh\", \"-c\", \"cd /src || exit; make\"]\nRUN sh -c 'cd /src || exit; make' && true\n")
        #expect(!result.changedAgain)
    }

    @Test("fixes under a backtick escape directive and in an exec-form JSON string")
    func fixesWithEscapeAndJSON() throws {
        let escaped = try fixed("# escape=`\nFROM debian:12\nRUN cd /src; `\n    make\n", "SC2164")
        #expect(escaped.text == "# escape=`\nFROM debian:12\nRUN cd /src || exit; `\n    make\n")
        #expect(!escaped.changedAgain)
        let json = try fixed("FROM alpine:3.20\nRUN [\"/bin/sh\", \"-c\", \"find -name \\\"*.pyc\\\" -delete\"]\n", "SC2185")
        #expect(json.text == "FROM alpine:3.20\nRUN [\"/bin/sh\", \"-c\", \"find . -name \\\"*.pyc\\\" -delete\"]\n")
        #expect(!json.changedAgain)
    }

    @Test("no SC2164 fix for a cd in a pipeline, negated or in the background")
    func cdNotFixed() throws {
        let text = "FROM debian:12\nRUN cd /a | cat; ! cd /b; cd /c & wait; true\n"
        #expect(findings(text).filter { $0.code == "SC2164" }.count == 3)
        #expect(try fixed(text, "SC2164").text == text)
    }

    @Test("no SC2164 fix for a cd whose last word is an unclosed $( (the edit would land inside it); a closed one is fixed")
    func cdInUnclosedSubstitutionNotFixed() throws {
        let unclosed = "FROM debian:12\nRUN echo $(cd /a $(echo /b; true\n"
        #expect(findings(unclosed).contains { $0.code == "SC2164" })
        #expect(try fixed(unclosed, "SC2164").text == unclosed)
        let closed = try fixed("FROM debian:12\nRUN echo $(cd /a $(echo /b); true)\n", "SC2164")
        #expect(closed.text == "FROM debian:12\nRUN echo $(cd /a $(echo /b) || exit; true)\n")
        #expect(!closed.changedAgain)
    }

    @Test("SC2185, SC2162, SC2035 and SC2251 fixes on continuation lines, run twice")
    func otherFixes() throws {
        let find = try fixed("FROM alpine:3.20\nRUN make \\\n && find -L -type f -delete\n", "SC2185")
        #expect(find.text == "FROM alpine:3.20\nRUN make \\\n && find -L . -type f -delete\n")
        #expect(!find.changedAgain)
        let read = try fixed("FROM debian:12\nRUN while read l; do \\\n echo \"$l\"; done < f\n", "SC2162")
        #expect(read.text == "FROM debian:12\nRUN while read -r l; do \\\n echo \"$l\"; done < f\n")
        #expect(!read.changedAgain)
        let glob = try fixed("FROM debian:12\nRUN cp \\\n  *.jar /opt/\n", "SC2035")
        #expect(glob.text == "FROM debian:12\nRUN cp \\\n  ./*.jar /opt/\n")
        #expect(!glob.changedAgain)
        let bang = try fixed("FROM debian:12\nRUN set -e; \\\n  ! grep -q x /etc/hosts | cat; echo\n", "SC2251")
        #expect(bang.text == "FROM debian:12\nRUN set -e; \\\n  grep -q x /etc/hosts | cat && exit 1; echo\n")
        #expect(!bang.changedAgain)
    }

    @Test("the DL3003 and SC2164 findings on one cd cover different bytes and say different things")
    func workdirSplit() {
        let result = lint("FROM debian:12\nRUN cd /tmp; make\n")
        let workdir = result.diagnostics.filter { $0.code == "DL3003" }
        let exit = result.diagnostics.filter { $0.code == "SC2164" }
        #expect(workdir.count == 1 && exit.count == 1)
        #expect(workdir.first?.range != exit.first?.range)
        #expect(workdir.first?.fix == nil || exit.first?.fix == nil || workdir.first?.fix?.edits != exit.first?.fix?.edits)
    }

    @Test("ScriptBytes holds the ASCII bytes of a RUN's scripts: its line, heredocs and exec-form JSON strings, which sh -c strings are made of")
    func scriptBytes() {
        let model = DockerfileModel(tree: SyntaxTree(parsing: """
            FROM debian:12
            RUN echo `date` | tee a && \\
                sh -c 'x=$((1+2)); echo "${x}"'
            RUN <<EOF
            printf '%s\\n' "{a,b}" ? *
            EOF
            RUN ["/bin/sh", "-c", "grep -q \\"x\\" /f"]
            RUN caf\u{E9}=1

            """))
        #expect(model.runs.count == 4 && model.runs.allSatisfy { !$0.scripts.isEmpty })
        for (run, bytes) in zip(model.runs, model.runScriptBytes) {
            for byte in UInt8(0)...UInt8(127) {
                #expect(bytes.contains(byte) == run.scripts.contains { $0.text.contains(byte) }, "byte \(byte) of the RUN at \(run.instructionIndex)")
            }
            #expect(!bytes.contains(0xC3) && bytes.containsAll(of: [0xC3]))
        }
    }

    @Test("SC2162 leaves a read alone whose variables are never used, and counts -a's array")
    func readVariables() {
        #expect(findings("FROM debian:12\nRUN read a b\n").isEmpty)
        #expect(findings("FROM debian:12\nRUN read -p 'name? ' -a parts; echo \"${parts[0]}\"\n").map(\.code) == ["SC2162"])
        #expect(findings("FROM debian:12\nRUN read line; echo \"$line2\"\n").isEmpty)
    }
}
