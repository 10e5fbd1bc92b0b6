import DLintCore

extension DockerfileModel {
    /// For each command name of the POSIX-shell RUNs (as written, and its base name when written
    /// as a path), the indices in `runs` of the RUNs that run it, ascending. Found once per model:
    /// the rules that look at the RUNs running `cd`, `cat`, `ls` or `exit` then look up their
    /// programs instead of each hashing every command of every RUN.
    var runIndicesByProgram: [String: [Int]] {
        facts.value(RunIndicesByProgramFact.self) {
            var result: [String: [Int]] = [:]
            for (index, run) in runs.enumerated() {
                for command in ShellCheckScripts.commands(of: run) {
                    guard let name = command.command.commandName else { continue }
                    Self.record(name, index, in: &result)
                    if name.contains("/") { Self.record(PathText.basename(name), index, in: &result) }
                }
            }
            return result
        }
    }

    private static func record(_ name: String, _ index: Int, in result: inout [String: [Int]]) {
        if result[name]?.last != index { result[name, default: []].append(index) }
    }
}

private enum RunIndicesByProgramFact: ModelFactKey { typealias Value = [String: [Int]] }
