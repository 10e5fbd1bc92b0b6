import DLintCore
@testable import DLintRules
import Testing

@Suite("ShellExpansion rules: SC2086, SC2046, SC2155, SC2016, SC2034, SC2006, SC2154, SC2115, SC1007, SC2028, SC2269")
struct ShellExpansionTests {
    /// (code, line, column, text under the range) of each finding of the given codes.
    private func findings(_ text: String, _ codes: Set<String>, configuration: Configuration = Configuration())
        -> [(code: String, line: Int, column: Int, text: String)] {
        let bytes = Array(text.utf8)
        let result = RuleRegistry.linter.lint(bytes, configuration: configuration)
        return result.diagnostics.filter { codes.contains($0.code) }.map { diagnostic in
            let location = result.tree.location(of: diagnostic.range.lowerBound)
            return (diagnostic.code, location.line, location.column, String(decoding: bytes[diagnostic.range], as: UTF8.self))
        }
    }

    /// The file after applying every fix of one rule (unsafe included), and whether a second run changes it.
    private func fixed(_ text: String, _ code: String) throws -> (text: String, stable: Bool) {
        let rule = try #require(RuleRegistry.rules.first { $0.descriptor.code == code })
        let rewriter = Rewriter(linter: Linter(rules: [rule]))
        let outcome = rewriter.fix(Array(text.utf8), applying: [.safe, .unsafe])
        let again = rewriter.fix(outcome.fixed, applying: [.safe, .unsafe])
        return (String(decoding: outcome.fixed, as: UTF8.self), !again.changed)
    }

    @Test("SC2086 positions inside continuations, comment lines, heredocs and sh -c payloads")
    func positions() {
        let found = findings("""
            FROM debian
            ARG V=1
            RUN echo start \\
            # a comment inside the continuation
                && cp $V /x
            RUN <<EOF
            echo ok
              rm $target
            EOF
            RUN bash -c 'echo $1' _ x
            """, ["SC2086"])
        #expect(found.map(\.text) == ["$V", "$target", "$1"])
        #expect(found.map(\.line) == [5, 8, 10])
        #expect(found.map(\.column) == [11, 6, 19])
    }

    @Test("SC2086: an ARG needs quotes (hadolint #984), a constant ENV, special parameters and constants assigned earlier do not")
    func dockerfileVariables() {
        let found = findings("""
            FROM debian
            ARG VERSION=1.0
            ENV HOME_DIR=/opt/app SPACED="a b" DERIVED=$VERSION
            RUN echo $VERSION $HOME_DIR $SPACED $DERIVED $? $# ${#x} && n=3 && echo $n
            RUN case $x in a) y=1 ;; *) y="$(date)" ;; esac; echo $y
            """, ["SC2086"])
        #expect(found.map(\.text) == ["$VERSION", "$SPACED", "$DERIVED", "$y"])
    }

    @Test("SC2086: export operands split in POSIX sh, not in bash")
    func declarationDialect() {
        #expect(findings("FROM debian\nRUN export A=$B\n", ["SC2086"]).map(\.text) == ["$B"])
        #expect(findings("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export A=$B\n", ["SC2086"]).isEmpty)
    }

    @Test("Windows and PowerShell RUNs are not checked")
    func windows() {
        #expect(findings("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %PATH% $x `date`\n", ["SC2086", "SC2006"]).isEmpty)
        #expect(findings("FROM debian\nSHELL [\"pwsh\", \"-c\"]\nRUN echo $x\n", ["SC2086"]).isEmpty)
    }

    @Test("SC2086 fix quotes only the expansion: continuations, CRLF, heredocs, exec-form JSON; a second run changes nothing")
    func quotingFix() throws {
        let cases: [(String, String)] = [
            ("FROM debian\nRUN echo a \\\n    && cp $src /dst\n", "FROM debian\nRUN echo a \\\n    && cp \"$src\" /dst\n"),
            ("FROM debian\r\nRUN cp $src \\\r\n  /dst\r\n", "FROM debian\r\nRUN cp \"$src\" \\\r\n  /dst\r\n"),
            ("FROM debian\nRUN <<EOF\ncp ${src}/a /dst\nEOF\n", "FROM debian\nRUN <<EOF\ncp \"${src}\"/a /dst\nEOF\n"),
            ("FROM debian\nRUN [\"sh\", \"-c\", \"cp $src /dst\"]\n", "FROM debian\nRUN [\"sh\", \"-c\", \"cp \\\"$src\\\" /dst\"]\n"),
        ]
        for (before, after) in cases {
            let result = try fixed(before, "SC2086")
            #expect(result.text == after)
            #expect(result.stable)
        }
    }

    @Test("SC2006 fix replaces the backticks only; not with a backslash or a comment inside; the backtick escape directive")
    func backtickFix() throws {
        #expect(try fixed("FROM debian\nRUN echo `uname \\\n  -m`\n", "SC2006").text == "FROM debian\nRUN echo $(uname \\\n  -m)\n")
        #expect(try fixed("FROM debian\nRUN echo `echo \\$HOME`\n", "SC2006").text == "FROM debian\nRUN echo `echo \\$HOME`\n")
        let escaped = "# escape=`\nFROM debian\nRUN echo \"`uname -m`\" `\n  && true\n"
        #expect(findings(escaped, ["SC2006"]).map(\.text) == ["`uname -m`"])
        let result = try fixed(escaped, "SC2006")
        #expect(result.text == "# escape=`\nFROM debian\nRUN echo \"$(uname -m)\" `\n  && true\n")
        #expect(result.stable)
    }

    @Test("SC2046 skips seq, pgrep, empty substitutions, loops and assignments; fix quotes it")
    func commandSubstitution() throws {
        let found = findings("FROM debian\nRUN rm $(ls) $(seq 3) $() && x=$(ls) && for f in $(ls); do :; done\n", ["SC2046"])
        #expect(found.map(\.text) == ["$(ls)"])
        #expect(try fixed("FROM debian\nRUN rm $(ls)\n", "SC2046").text == "FROM debian\nRUN rm \"$(ls)\"\n")
    }

    @Test("SC2046/SC2086 quote every nesting level in one rewriter round; no fix for an unclosed substitution")
    func nestedQuotingFix() throws {
        let rules = RuleRegistry.rules.filter { ["SC2046", "SC2086"].contains($0.descriptor.code) }
        let rewriter = Rewriter(linter: Linter(rules: rules))
        let cases: [(String, String)] = [
            ("FROM debian\nRUN echo $(echo $(echo $(ls)))\n", "FROM debian\nRUN echo \"$(echo \"$(echo \"$(ls)\")\")\"\n"),
            ("FROM debian\nRUN echo $(echo $X $(echo $Y)) $Z\n", "FROM debian\nRUN echo \"$(echo \"$X\" \"$(echo \"$Y\")\")\" \"$Z\"\n"),
            ("FROM debian\nRUN echo `echo $(ls)` $(echo \"$(ls) $V\")\n", "FROM debian\nRUN echo \"`echo \"$(ls)\"`\" \"$(echo \"$(ls) $V\")\"\n"),
            // The unclosed `$(` is reported but not quoted (its quote would open a string inside it).
            ("FROM debian\nRUN echo $(echo $(ls) $X\n", "FROM debian\nRUN echo $(echo \"$(ls)\" \"$X\"\n"),
        ]
        for (before, after) in cases {
            let outcome = rewriter.fix(Array(before.utf8), applying: [.safe, .unsafe])
            #expect(String(decoding: outcome.fixed, as: UTF8.self) == after)
            #expect(outcome.rounds.count == 1)
            #expect(!rewriter.fix(outcome.fixed, applying: [.safe, .unsafe]).changed)
        }
        #expect(findings("FROM debian\nRUN echo $(echo $(ls)\n", ["SC2046"]).count == 2)
    }

    @Test("SC2155 on export/local/readonly with a substitution; not local -r, not a plain assignment")
    func declareAndAssign() {
        let found = findings("""
            FROM debian
            RUN export A="$(x)" B=1 && readonly C=`y` && f() { local -r d=$(z); local e=$(z); } && G=$(x)
            """, ["SC2155"])
        #expect(found.map(\.text) == ["A=\"$(x)\"", "C=`y`", "e=$(z)"])
    }

    @Test("SC2016: a literal $ in single quotes is reported, except for programs that expand it themselves")
    func singleQuotes() {
        let found = findings("""
            FROM debian
            RUN echo '$HOME' && sh -c 'echo $1' && awk '{print $1}' && sed '$d' f && sudo -u app bash -c 'echo $X' && PS1='$PWD'
            """, ["SC2016"])
        #expect(found.map(\.text) == ["'$HOME'"])
    }

    @Test("SC2034: per RUN; exported, read later, used in a heredoc, ENV names and sourcing RUNs are fine")
    func unused() {
        let found = findings("""
            FROM debian
            ENV NODE=1
            RUN a=1 && b=2 && export b && NODE=2 && c=3 && echo "$c"
            RUN echo "$a"
            RUN d=4 && cat > /f <<EOF
            $d
            EOF
            RUN e=5 && . /etc/os-release
            """, ["SC2034"])
        #expect(found.map(\.text) == ["a"])
        #expect(found.map(\.line) == [3])
    }

    @Test("SC2154: ARG a b declares both (hadolint #885), automatic ARGs, shell variables, guarded uses")
    func unassigned() {
        let found = findings("""
            FROM debian
            ARG first second
            RUN echo "$first $second $http_proxy $HOME ${maybe:-x} $UPPER $missing $missing"
            """, ["SC2154"])
        #expect(found.map(\.text) == ["$missing"])
    }

    @Test("SC2115 reports rm -r paths starting with a variable and a slash; the fix guards the variable")
    func rmPath() throws {
        let found = findings("FROM debian\nRUN rm -rf \"$dir/\"* $x/bin && rm -f $dir/* && rm -r /tmp/$dir\n", ["SC2115"])
        #expect(found.map(\.text) == ["\"$dir/\"*", "$x/bin"])
        #expect(try fixed("FROM debian\nRUN rm -rf \"$dir/\"*\n", "SC2115").text == "FROM debian\nRUN rm -rf \"${dir:?}/\"*\n")
    }

    @Test("SC1007, SC2028 and SC2269")
    func smallChecks() {
        #expect(findings("FROM debian\nRUN A= b && IFS= read -r x && C='' d\n", ["SC1007"]).map(\.text) == ["A= "])
        #expect(findings("FROM debian\nRUN echo 'a\\nb' && echo -e 'a\\nb' && echo plain\n", ["SC2028"]).map(\.text) == ["'a\\nb'"])
        #expect(findings("FROM debian\nRUN x=$x && y=\"${y}\" && export z=$z\n", ["SC2269"]).map(\.text) == ["x=$x", "y=\"${y}\""])
    }

    @Test("# hadolint ignore=SC2086 and ignored: [SC2086] suppress the native check")
    func suppression() {
        let text = "FROM debian\n# hadolint ignore=SC2086\nRUN echo $x\nRUN echo $y\n"
        #expect(findings(text, ["SC2086"]).map(\.text) == ["$y"])
        var configuration = Configuration()
        configuration.ignored = ["SC2086"]
        #expect(findings(text, ["SC2086"], configuration: configuration).isEmpty)
    }
}
