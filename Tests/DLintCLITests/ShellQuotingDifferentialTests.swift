import Foundation
import Testing

/// dlint's native SC1001, SC1003, SC1083 and SC2026 against the real ShellCheck on the same
/// scripts: each script is one RUN line for dlint and one line of a `#!/bin/sh` file for
/// ShellCheck, and both must report the same codes at the same columns.
@Suite("Native shell quoting checks agree with ShellCheck")
struct ShellQuotingDifferentialTests {
    static let codes: Set<String> = ["SC1001", "SC1003", "SC1083", "SC2026"]

    static let scripts = [
        #"echo \o && grep -E ^\s+foo /etc/hosts && sed -e s/\//x/ /etc/hosts && grep \= x"#,
        ##"echo \$HOME \* \? \. \, \~ \# \{ \} \[ \] \! \@ \+ \; \| \& \( \) \< \> \" \' \\ \n"##,
        #"echo 'foo bar\'"#,
        #"echo 'Dont\'t panic' > /etc/motd"#,
        #"echo 'it'\''s' "a\'" 'C:\dir'"#,
        "echo {a} && echo {} && echo {a,b} {1..3} && { echo x; } && echo foo}",
        "docker inspect -f {{.Id}} x && echo ${foo}} foo/{} {foo}",
        #"echo {1..4} {foo,bar,"baz lol"} {1,\},2} {1,{2,3}} {JP{,E}G,jp{,e}g} {foo,bar,$((${var}))} x{,.bak}"#,
        "awk '{print $1}' f && echo \\{x\\} \"{\"",
        "echo 'var='value';' && echo 'foo'* && wget --user-agent='something' && echo 'a'b-c 'a'\"b\" 'a''b' 'a'$x 'a'b2",
    ]

    /// `line:column:code` of every finding of the four codes.
    private static func parse(_ output: String, lineOffset: Int, columnOffset: Int) -> Set<String> {
        var found: Set<String> = []
        for line in output.split(separator: "\n") {
            guard let code = codes.first(where: { line.contains("[\($0)]") }) else { continue }
            let fields = line.split(separator: ":")
            guard fields.count > 3, let row = Int(fields[1]), let column = Int(fields[2]) else { continue }
            found.insert("\(row + lineOffset):\(column + columnOffset):\(code)")
        }
        return found
    }

    @Test("the same findings, line and column", .enabled(if: ShellCheckProgram.available, ShellCheckProgram.unavailableMessage))
    func sameFindings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-quoting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var compared = 0
        for (index, script) in Self.scripts.enumerated() {
            let shellFile = directory.appendingPathComponent("script\(index).sh")
            try "#!/bin/sh\n\(script)\n".write(to: shellFile, atomically: true, encoding: .utf8)
            let dockerfile = directory.appendingPathComponent("Dockerfile\(index)")
            try "FROM debian\nRUN \(script)\n".write(to: dockerfile, atomically: true, encoding: .utf8)
            let shellcheck = ShellCheckProgram.run([ShellCheckProgram.directory! + "/shellcheck", "-f", "gcc", shellFile.path])
            let dlint = try DLintBinary.run(["--no-config", "-f", "gnu", dockerfile.path])
            // The script is on line 2 of both files; dlint's columns count the `RUN ` before it.
            let expected = Self.parse(shellcheck.stdout, lineOffset: 0, columnOffset: 0)
            let actual = Self.parse(dlint.stdout, lineOffset: 0, columnOffset: -4)
            #expect(actual == expected, "\(script)\nShellCheck: \(shellcheck.stdout)\ndlint: \(dlint.stdout)")
            compared += expected.count
        }
        // Not an empty comparison: the scripts hold findings of every code.
        #expect(compared >= 15)
    }
}
