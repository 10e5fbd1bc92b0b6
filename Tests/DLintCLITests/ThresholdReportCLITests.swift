import Foundation
import Testing

/// CI formats agree with the exit code: a finding below the failure threshold is shown, but
/// never as something that fails the build.
@Suite("reports under a failure threshold", .serialized)
struct ThresholdReportCLITests {
    /// One error (DL3000) and one style finding (DX1004) in the same file.
    static let dockerfile = "FROM alpine:3.20\nWORKDIR app\n"

    static func lint(_ format: String, threshold: String?, in directory: TemporaryDirectory) throws -> DLintBinary.Result {
        try directory.write("Dockerfile", dockerfile)
        let thresholdArguments = threshold.map { ["--failure-threshold", $0] } ?? []
        return try DLintBinary.run(["--no-config", "-f", format] + thresholdArguments + ["Dockerfile"], in: directory.url)
    }

    @Test("JUnit: findings below the threshold are passing testcases with the finding in system-out")
    func junit() throws {
        let directory = try TemporaryDirectory()
        let strict = try Self.lint("junit", threshold: "error", in: directory)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("<testsuites name=\"dlint\" tests=\"2\" failures=\"1\" errors=\"0\""), "\(strict.stdout)")
        #expect(strict.stdout.contains("Below the failure threshold: reported, not failed."))
        #expect(strict.stdout.contains("<system-out>Dockerfile:1:1: style:"))
        #expect(strict.stdout.components(separatedBy: "<failure ").count == 2, "one <failure>: the error")
        // Nothing at or above the threshold: exit 0 and no failure at all.
        try directory.write("Dockerfile", "FROM alpine:3.20\n")
        let clean = try DLintBinary.run(["--no-config", "-f", "junit", "--failure-threshold", "warning", "Dockerfile"], in: directory.url)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("failures=\"0\" errors=\"0\""), "\(clean.stdout)")
        #expect(!clean.stdout.contains("<failure"))
        // The default threshold (info) fails the error only; the lowest, style, fails both.
        let byDefault = try Self.lint("junit", threshold: nil, in: directory)
        #expect(byDefault.stdout.contains("tests=\"2\" failures=\"1\""), "\(byDefault.stdout)")
        let lenient = try Self.lint("junit", threshold: "style", in: directory)
        #expect(lenient.stdout.contains("tests=\"2\" failures=\"2\""), "\(lenient.stdout)")
    }

    @Test("SARIF: below the threshold a result is a note; its severity stays in its properties")
    func sarif() throws {
        let directory = try TemporaryDirectory()
        let result = try Self.lint("sarif", threshold: "error", in: directory)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let results = ((document["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        let levels = Dictionary(uniqueKeysWithValues: results.map { ($0["ruleId"] as! String, $0["level"] as! String) })
        #expect(levels == ["DL3000": "error", "DX1004": "note"])
        let info = results.first { $0["ruleId"] as? String == "DX1004" }!
        let properties = info["properties"] as! [String: Any]
        #expect(properties["severity"] as? String == "style")
        #expect(properties["belowFailureThreshold"] as? Bool == true)
    }

    @Test("GitLab: below the threshold a finding is 'info'; GitHub: a notice")
    func gitlabAndGitHub() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Dockerfile", "FROM alpine:3.20\nWORKDIR app\nRUN sudo true\n")
        let gitlab = try DLintBinary.run(["--no-config", "-f", "gitlab", "--failure-threshold", "error", "Dockerfile"], in: directory.url)
        let issues = try JSONSerialization.jsonObject(with: Data(gitlab.stdout.utf8)) as! [[String: Any]]
        let severities = Dictionary(uniqueKeysWithValues: issues.map { ($0["check_name"] as! String, $0["severity"] as! String) })
        #expect(severities["DL3000"] == "critical")
        #expect(severities["DL3004"] == "info", "a warning below an error threshold")
        let github = try DLintBinary.run(["--no-config", "-f", "github", "--failure-threshold", "error", "Dockerfile"], in: directory.url)
        #expect(github.stdout.contains("::error file=Dockerfile,line=2"))
        #expect(github.stdout.contains("::notice file=Dockerfile,line=3"), "\(github.stdout)")
        #expect(!github.stdout.contains("::warning"))
    }

    @Test("SARIF URIs are normalised and relative to the working directory")
    func sarifURIs() throws {
        let directory = try TemporaryDirectory()
        try directory.write("readme/d2/Dockerfile", Self.dockerfile)
        let result = try DLintBinary.run(["--no-config", "-f", "sarif", "readme/d2/../d2/Dockerfile", "./readme/d2/Dockerfile"], in: directory.url)
        #expect(result.stdout.contains("\"uri\": \"readme/d2/Dockerfile\""), "\(result.stdout)")
        #expect(!result.stdout.contains(".."))
        let outside = try DLintBinary.run(["--no-config", "-f", "sarif", "../d2/Dockerfile"], in: directory.url.appendingPathComponent("readme/d2"))
        #expect(outside.stdout.contains("\"uri\": \"Dockerfile\""), "`../d2` from `readme/d2` is here: \(outside.stdout)")
        let above = try DLintBinary.run(["--no-config", "-f", "sarif", "../d2/Dockerfile"], in: directory.url.appendingPathComponent("readme/d2"))
        #expect(!above.stdout.contains("\"uri\": \"../"), "a path outside the working directory is never a relative URI with ..")
    }

    @Test("--diff of standard input names --stdin-filename; --fix over many files prints one summary line")
    func diffAndSummary() throws {
        let directory = try TemporaryDirectory()
        let diff = try DLintBinary.run(["--no-config", "--diff", "--stdin-filename", "app/Dockerfile", "-"],
                                       stdin: Array("from alpine:3.20\n".utf8), in: directory.url)
        #expect(diff.stdout.hasPrefix("--- a/app/Dockerfile\n+++ b/app/Dockerfile\n"), "\(diff.stdout)")
        for name in ["a", "b", "c"] { try directory.write("\(name)/Dockerfile", "from alpine:3.20\nrun true\n") }
        let fixed = try DLintBinary.run(["--no-config", "--fix", "."], in: directory.url)
        let summaries = fixed.stdout.split(separator: "\n").filter { $0.hasPrefix("Fixed ") }
        #expect(summaries == ["Fixed 6 findings in 3 files."], "\(fixed.stdout)")
    }
}
