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

    /// The indices in `runs` of the POSIX-shell RUNs with a command named as one of
    /// `ShellCheckScripts.wrappers` (which may run any program), ascending.
    var runIndicesRunningWrappers: [Int] {
        facts.value(RunIndicesRunningWrappersFact.self) {
            let byProgram = runIndicesByProgram
            return Set(ShellCheckScripts.wrappers.flatMap { byProgram[$0] ?? [] }).sorted()
        }
    }

    private static func record(_ name: String, _ index: Int, in result: inout [String: [Int]]) {
        // One look-up: the list is changed in place.
        func add(_ indices: inout [Int]) { if indices.last != index { indices.append(index) } }
        add(&result[name, default: []])
    }
}

private enum RunIndicesByProgramFact: ModelFactKey { typealias Value = [String: [Int]] }
private enum RunIndicesRunningWrappersFact: ModelFactKey { typealias Value = [Int] }
