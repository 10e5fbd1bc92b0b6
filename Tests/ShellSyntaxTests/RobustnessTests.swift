import ShellSyntax
import Testing

@Suite struct RobustnessTests {
    static let samples: [String] = [
        "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*",
        "echo \"a $(date +%s) b\" 'c' d\\ e ${X:-y} $((1+2)) `id -u` $'x\\ty' \"${v//a/b}\"",
        "if [ -f a ]; then echo yes; elif true; then :; else echo no; fi > log 2>&1",
        "for f in a 'b c'; do rm \"$f\" || exit 1; done; while read l; do :; done < x",
        "case $1 in\n a|b) echo ab ;;\n (*) echo \"$(uname -m)\";;\nesac",
        "cat <<EOF | sh -c 'sort'\nbody $X\nEOF\nf() { (cd /; ls) | wc -l; }\nf &",
        "A=1 B=(x y) run 3<>f <<-'E'\n\tq\n\tE\nfunction g { echo `echo \\`date\\``; }",
    ]

    @Test func everyPrefixAndDeletionParses() {
        for sample in Self.samples {
            let bytes = Array(sample.utf8)
            for end in 0...bytes.count {
                #expect(parsesWithRangesInBounds(Array(bytes[..<end])), "prefix \(end) of \(sample)")
            }
            for removed in bytes.indices {
                var mutated = bytes
                mutated.remove(at: removed)
                #expect(parsesWithRangesInBounds(mutated), "deleting \(removed) of \(sample)")
            }
        }
    }

    @Test func validSamplesHaveNoDiagnostics() {
        for sample in Self.samples {
            #expect(ShellParser.parse(sample).diagnostics.isEmpty, "\(sample)")
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(state: 42)
        let alphabet = Array("aZ09 \t\n;&|()<>{}[]$`'\"\\#=-!*?:%/,^@+".utf8) + [0, 0xC3, 0xFF]
        for _ in 0..<3000 {
            let length = Int.random(in: 0...60, using: &generator)
            let bytes: [UInt8] = (0..<length).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator)!
                    : UInt8.random(in: 0...255, using: &generator)
            }
            #expect(parsesWithRangesInBounds(bytes), "\(bytes)")
        }
    }

    @Test func malformedInputGivesDiagnostics() {
        let cases: [(String, String)] = [
            ("echo 'abc", "unterminated single quote"),
            ("echo \"abc", "unterminated double quote"),
            ("if true; then echo", "'if' without matching 'fi'"),
            ("fi", "unexpected 'fi'"),
            ("echo $(ls", "'$(' without matching ')'"),
            ("a )", "unexpected ')'"),
            ("while true; do :", "'while' without matching 'done'"),
            ("case x in a) b;;", "'case' without matching 'esac'"),
            ("{ a", "'{' without matching '}'"),
            ("a &&", "expected a command"),
            ("echo ${x", "unterminated parameter expansion"),
            ("echo >", "expected a word after '>'"),
        ]
        for (source, message) in cases {
            let messages = ShellParser.parse(source).diagnostics.map(\.message)
            #expect(messages.contains(message), "\(source): \(messages)")
        }
    }

    @Test func recoveryKeepsLaterCommands() {
        let script = ShellParser.parse("a )\nfi\nb && c")
        #expect(script.diagnostics.count == 2)
        #expect(script.simpleCommands.map(\.commandName) == ["a", "b", "c"])
    }

    @Test func deepNestingIsCapped() {
        let nestings = [
            String(repeating: "$(", count: 5000),
            String(repeating: "(", count: 5000),
            String(repeating: "{ ", count: 5000),
            String(repeating: "if ", count: 5000),
            String(repeating: "\"$(", count: 5000),
            String(repeating: "${x:-", count: 5000),
            String(repeating: "`", count: 5001),
            String(repeating: "f() ", count: 5000),
        ]
        for source in nestings {
            let script = ShellParser.parse(source)
            #expect(!script.diagnostics.isEmpty)
            #expect(parsesWithRangesInBounds(Array(source.utf8)))
        }
        let tooDeep = ShellParser.parse(String(repeating: "(", count: 300))
        #expect(tooDeep.diagnostics.contains { $0.message.contains("too deep") })
    }

    @Test func oneMegabyteScriptParses() {
        let line = "RUN_ME=1 apt-get install -y \"pkg-$VERSION\" 'x y' $(uname -m) > /dev/null 2>&1 && echo ok || exit 1;\n"
        let source = Array(String(repeating: line, count: 1_000_000 / line.utf8.count + 1).utf8)
        let script = ShellParser.parse(source)
        #expect(source.count > 1_000_000)
        #expect(script.diagnostics.isEmpty)
        #expect(script.simpleCommands.count == 4 * (1_000_000 / line.utf8.count + 1))
    }

    /// Linearity is shown by a ratio measured in one process, never by a time limit: parsing
    /// eight times the input may take at most 24 times as long (linear work gives about 8,
    /// quadratic 64). Each side is the least thread CPU time of several runs (see LinearityProbe).
    @Test(arguments: ["$((", "a && ", "'", ")", "<<E ", "\\", "\"$(", "${x", "a\n", "`", "$(", "{ ", "if a; then "])
    func pathologicalInputStaysLinear(_ unit: String) {
        let ratio = LinearityProbe.growthRatio { size in
            Array(String(repeating: unit, count: size / unit.utf8.count).utf8)
        } work: { input in
            _ = ShellParser.parse(input)
        }
        #expect(ratio < LinearityProbe.linearBound, "parsing 8× the input of \(unit.debugDescription) took \(ratio)× as long")
    }
}
