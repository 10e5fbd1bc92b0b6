import DockerfileSyntax
import Foundation
import Testing

/// dlint's parser against BuildKit's, file by file (issue 12): BuildKit's Go parser as the PyPI
/// package `dockerfile` wraps it, in a virtual environment of the tests' own
/// (`.build/venv-buildkit`, created when DLINT_SLOW_TESTS=1). Where BuildKit accepts a file,
/// dlint must read the same instructions (command, flags, arguments, first and last line); where
/// it rejects one, dlint must report a syntax error. The known differences are listed below.
@Suite("BuildKit differential", .enabled(if: BuildKitParser.available, BuildKitParser.unavailableMessage))
struct BuildKitDifferentialTests {
    /// Every Dockerfile of the shared corpus and every fuzz fixture.
    static let files: [String] = {
        var paths: [String] = []
        for root in [TestPaths.corpus, TestPaths.fixtures.appendingPathComponent("fuzz")] {
            for relative in TestPaths.files(under: root) {
                let name = (relative as NSString).lastPathComponent
                guard name.contains("ockerfile") || name.hasPrefix("Containerfile") else { continue }
                paths.append(root.appendingPathComponent(relative).path)
            }
        }
        return paths
    }()

    /// One instruction as the `dockerfile` package gives it.
    struct Command: Equatable, CustomStringConvertible {
        let command: String
        let subcommand: String?
        let flags: [String]
        let values: [String]
        let startLine: Int
        let endLine: Int
        var description: String { "\(startLine)-\(endLine) \(command)\(subcommand.map { " " + $0 } ?? "") \(flags) \(values)" }

        /// The package upper-cases the commands it knows and lower-cases the others; its values
        /// are C strings, so a JSON `\u0000` ends one (BuildKit itself keeps the NUL, as dlint does).
        var normalized: Command {
            Command(
                command: command.uppercased(), subcommand: subcommand?.uppercased(), flags: flags,
                values: values.map { value in value.firstIndex(of: "\0").map { String(value[..<$0]) } ?? value },
                startLine: startLine, endLine: endLine
            )
        }
    }

    /// dlint's instructions in the package's terms: ENV and LABEL pairs as key and value, an
    /// ONBUILD's trigger as the subcommand with the trigger's arguments.
    static func commands(_ tree: SyntaxTree) -> [Command] {
        func values(_ arguments: InstructionArguments) -> [String] {
            switch arguments {
            case .none: []
            case .exec(let words), .words(let words): words.map(\.text)
            case .shell(let word), .text(let word): [word.text]
            case .keyValues(let pairs): pairs.flatMap { [$0.key.text, $0.value.text] }
            case .declarations(let declarations): declarations.map(\.word.text)
            case .healthcheck(let type, let command): [type.text] + values(command)
            case .trigger(let trigger): values(trigger.arguments)
            case .ignored: [""]
            }
        }
        return tree.instructions.map { instruction in
            var subcommand: String?
            if case .trigger(let trigger) = instruction.arguments { subcommand = trigger.keyword.text.uppercased() }
            let last = max(instruction.fullRange.lowerBound, instruction.fullRange.upperBound - 1)
            return Command(
                command: instruction.keyword.text.uppercased(), subcommand: subcommand, flags: instruction.flags.map(\.text),
                values: values(instruction.arguments), startLine: tree.location(of: instruction.keyword.range.lowerBound).line,
                endLine: tree.location(of: last).line
            )
        }
    }

    /// True when the first of `lines` (1-based) holds only blanks and the escape character, and
    /// the others only that, a comment or nothing (what a continued line skips).
    static func onlyLoneContinuations(_ tree: SyntaxTree, lines: Range<Int>) -> Bool {
        guard !lines.isEmpty, lines.lowerBound >= 1, lines.upperBound <= tree.lineTable.lineCount + 1 else { return false }
        return lines.allSatisfy { line in
            let bytes = tree.source[tree.lineTable.contentRange(ofLine: line)].filter { $0 != 0x20 && $0 != 0x09 }
            if bytes == [tree.escapeCharacter] { return true }
            return line != lines.lowerBound && (bytes.isEmpty || bytes.first == UInt8(ascii: "#"))
        }
    }

    @Test("dlint reads what BuildKit reads, and rejects what it rejects")
    func agreement() throws {
        let results = try BuildKitParser.parse(Self.files)
        // Files that are not UTF-8 are left out: the package decodes them before BuildKit can.
        #expect(results.count > Self.files.count * 9 / 10)
        var disagreements: [String] = []
        var accepted = 0, rejected = 0, loneContinuationStarts = 0
        for (path, result) in results {
            let tree = SyntaxTree(parsing: [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()))
            guard let buildkit = result else {
                rejected += 1
                if !tree.hasErrors { disagreements.append("\(path): BuildKit rejects it, dlint reports no syntax error") }
                continue
            }
            accepted += 1
            var ours = Self.commands(tree).map(\.normalized)
            let theirs = buildkit.map(\.normalized)
            // The one known difference: an instruction whose first line is a lone continuation
            // (`\` alone, after a line that ended the previous instruction) starts there for
            // BuildKit, whose StartLine counts every line the logical line was read from; dlint
            // places the instruction at its keyword, the line an editor should jump to.
            for index in ours.indices where index < theirs.count && ours[index] != theirs[index]
                && Self.onlyLoneContinuations(tree, lines: theirs[index].startLine..<ours[index].startLine) {
                let mine = ours[index]
                ours[index] = Command(command: mine.command, subcommand: mine.subcommand, flags: mine.flags, values: mine.values,
                                      startLine: theirs[index].startLine, endLine: mine.endLine)
                loneContinuationStarts += 1
            }
            if ours != theirs {
                let index = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, theirs.count)
                let mine = index < ours.count ? ours[index].description : "nothing"
                let buildkit = index < theirs.count ? theirs[index].description : "nothing"
                disagreements.append("\(path): instruction \(index + 1): dlint \(mine), BuildKit \(buildkit)")
            }
        }
        print("BuildKit differential: \(accepted) files accepted, \(rejected) rejected, \(loneContinuationStarts) instructions after a lone continuation line (known difference), \(disagreements.count) other differences")
        #expect(disagreements.isEmpty, "\(disagreements.count) differences:\n\(disagreements.prefix(40).joined(separator: "\n"))")
    }
}

/// BuildKit's parser through `Tests/Scripts/buildkit-parse`.
enum BuildKitParser {
    static let slowTestsRequested = ProcessInfo.processInfo.environment["DLINT_SLOW_TESTS"] == "1"
    static let virtualEnvironment = TestPaths.packageRoot.appendingPathComponent(".build/venv-buildkit")
    static let python = virtualEnvironment.appendingPathComponent("bin/python").path

    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static let available: Bool = {
        guard TestPaths.corpusIsAvailable else { return false }
        if run([python, "-c", "import dockerfile"]) == 0 { return true }
        guard slowTestsRequested else { return false }
        _ = run(["python3", "-m", "venv", virtualEnvironment.path])
        _ = run([python, "-m", "pip", "install", "--quiet", "dockerfile==3.4.0"])
        return run([python, "-c", "import dockerfile"]) == 0
    }()

    static var unavailableMessage: Comment {
        slowTestsRequested
            ? "BuildKit's parser could not be installed into .build/venv-buildkit (python3 -m venv, pip install dockerfile), or the shared corpus is absent"
            : "slow test: set DLINT_SLOW_TESTS=1 to install BuildKit's parser (pip package dockerfile) into .build/venv-buildkit"
    }

    /// For each path, BuildKit's instructions, or nil when it rejects the file.
    static func parse(_ paths: [String]) throws -> [(String, [BuildKitDifferentialTests.Command]?)] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [TestPaths.packageRoot.appendingPathComponent("Tests/Scripts/buildkit-parse").path] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = object["path"] as? String else { return nil }
            // The package could not decode the file (not UTF-8): BuildKit never saw it.
            if object["skipped"] != nil { return nil }
            guard object["ok"] as? Bool == true, let commands = object["commands"] as? [[Any]] else { return (path, nil) }
            return (path, commands.map { item in
                BuildKitDifferentialTests.Command(
                    command: item[0] as? String ?? "", subcommand: item[1] as? String, flags: item[2] as? [String] ?? [],
                    values: item[3] as? [String] ?? [], startLine: item[4] as? Int ?? 0, endLine: item[5] as? Int ?? 0
                )
            })
        }
    }
}
