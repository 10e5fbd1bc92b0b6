/// Where a shell command is in the model: `model.runs[run].commands[command]`.
public struct CommandPosition: Sendable, Hashable, Comparable {
    public let run: Int
    public let command: Int

    public static func < (lhs: CommandPosition, rhs: CommandPosition) -> Bool {
        (lhs.run, lhs.command) < (rhs.run, rhs.command)
    }
}

extension DockerfileModel {
    /// The positions of the commands whose package invocation runs one of `programs`
    /// (`PackageInvocation.program`: `pip` for `python3 -m pip`), in file order. The rules of
    /// each package manager ask for their programs: each command's program is hashed once per
    /// model, not once per rule.
    public func packageCommandPositions(running programs: Set<String>) -> [CommandPosition] {
        let byProgram = facts.value(PackageCommandPositionsFact.self) { computePackageCommandPositions() }
        var positions: [CommandPosition] = []
        for program in programs { positions += byProgram[program] ?? [] }
        // Each program's list is in file order; several are merged.
        return programs.count > 1 ? positions.sorted() : positions
    }

    /// `packageCommandPositions(running:)` grouped by RUN, in file order: the indices, in
    /// `model.runs[run].commands`, of each RUN's commands that run one of `programs`. A RUN that
    /// runs none of them (most RUNs) is not in it.
    public func packageCommandsByRun(running programs: Set<String>) -> [(run: Int, commands: [Int])] {
        let positions = packageCommandPositions(running: programs)
        var groups: [(run: Int, commands: [Int])] = []
        var next = positions.startIndex
        while next < positions.endIndex {
            let run = positions[next].run
            var commands: [Int] = []
            while next < positions.endIndex, positions[next].run == run {
                commands.append(positions[next].command)
                next += 1
            }
            groups.append((run, commands))
        }
        return groups
    }

    private enum PackageCommandPositionsFact: ModelFactKey { typealias Value = [String: [CommandPosition]] }

    private func computePackageCommandPositions() -> [String: [CommandPosition]] {
        // A file runs a few dozen programs: room for them from the start, not grown step by step.
        var result: [String: [CommandPosition]] = [:]
        result.reserveCapacity(32)
        for (runIndex, run) in runs.enumerated() {
            for (commandIndex, command) in run.commands.enumerated() {
                guard let program = command.packageInvocation?.program else { continue }
                result[program, default: []].append(CommandPosition(run: runIndex, command: commandIndex))
            }
        }
        return result
    }
}
