import DLintCore

/// Every pipeline of a shell script, for the rules that look at what feeds what (`curl … | sh`,
/// `echo 'root:pw' | chpasswd`): those of `&&`/`||`/`;` lists, of `if`/`for`/`while`/`case`
/// bodies, subshells, groups and functions, and of `sh -c '…'` strings (three levels deep), all
/// with ranges in the script's bytes.
enum ShellPipelines {
    /// The pipelines of one script of a RUN, in the order `forEach(in:_:)` visits them.
    struct OfScript: Sendable {
        let source: ShellScriptSource
        let pipelines: [Pipeline]
    }

    /// The pipelines of every script of every RUN, in file order: walked once per model for all
    /// the rules that read them (the walk, not what the rules do with a pipeline, is the cost).
    static func all(in model: DockerfileModel) -> [OfScript] {
        model.facts.value(ShellPipelinesFact.self) {
            model.runs.flatMap { run in
                run.scripts.map { script in
                    var pipelines: [Pipeline] = []
                    // Room for the top-level pipelines at least: not grown one by one.
                    pipelines.reserveCapacity(script.script.body.items.count)
                    forEach(in: script) { pipelines.append($0) }
                    return OfScript(source: script, pipelines: pipelines)
                }
            }
        }
    }

    private enum ShellPipelinesFact: ModelFactKey { typealias Value = [OfScript] }

    static func forEach(in source: ShellScriptSource, _ visit: (Pipeline) -> Void) {
        walk(source.script.body, in: source, depth: 0, visit)
    }

    private static func walk(_ list: CommandList, in source: ShellScriptSource, depth: Int, _ visit: (Pipeline) -> Void) {
        for item in list.items {
            for pipeline in item.andOr.pipelines {
                visit(pipeline)
                for command in pipeline.commands { walk(command, in: source, depth: depth, visit) }
            }
        }
    }

    private static func walk(_ command: Command, in source: ShellScriptSource, depth: Int, _ visit: (Pipeline) -> Void) {
        switch command {
        case .simple(let simple):
            if depth < 3, let payload = simple.shellCommandString, let nested = ShellParser.parseCommandString(payload, in: source.text) {
                walk(nested.body, in: source, depth: depth + 1, visit)
            }
        case .subshell(let c): walk(c.body, in: source, depth: depth, visit)
        case .braceGroup(let c): walk(c.body, in: source, depth: depth, visit)
        case .ifClause(let c):
            for branch in c.branches {
                walk(branch.condition, in: source, depth: depth, visit)
                walk(branch.body, in: source, depth: depth, visit)
            }
            if let elseBody = c.elseBody { walk(elseBody, in: source, depth: depth, visit) }
        case .forClause(let c): walk(c.body, in: source, depth: depth, visit)
        case .whileClause(let c):
            walk(c.condition, in: source, depth: depth, visit)
            walk(c.body, in: source, depth: depth, visit)
        case .caseClause(let c):
            for item in c.items { walk(item.body, in: source, depth: depth, visit) }
        case .functionDefinition(let c): walk(c.body, in: source, depth: depth, visit)
        case .error: break
        }
    }
}
