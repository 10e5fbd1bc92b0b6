import DLintCore

/// What the Dockerfile says about the variables a RUN starts with: ARG and ENV in scope (the
/// model's `VariableScope`), which of them are build arguments (`--build-arg` may set any value),
/// and the variables every build or shell defines.
struct BuildVariables: Sendable {
    /// Names declared by an `ARG` in the RUN's stage (or before it, outside any stage), not set
    /// again by a later `ENV`: their value is chosen at build time.
    let buildArguments: Set<String>
    /// `ENV` values written with a variable in them (`ENV DIR=$PREFIX/lib`): may come from a build argument.
    let derivedEnvironment: Set<String>
    let scope: VariableScope

    /// The names of each RUN of the model, keyed by instruction index (ONBUILD triggers share
    /// their ONBUILD's index), in one pass over the file.
    static func forRuns(of model: DockerfileModel) -> [Int: BuildVariables] {
        model.facts.value(BuildVariablesFact.self) { compute(for: model) }
    }

    private enum BuildVariablesFact: ModelFactKey { typealias Value = [Int: BuildVariables] }

    private static func compute(for model: DockerfileModel) -> [Int: BuildVariables] {
        var result: [Int: BuildVariables] = [:]
        var arguments: Set<String> = []
        var derived: Set<String> = []
        var runIndices: [Int: [RunInstruction]] = [:]
        for run in model.runs { runIndices[run.instructionIndex, default: []].append(run) }
        for (index, instruction) in model.instructions.enumerated() {
            switch (instruction.kind, instruction.arguments) {
            case (.from, _):
                // A stage sees no ARG declared before it (global ARGs need redeclaring).
                arguments = []
                derived = []
            case (.arg, .declarations(let declarations)):
                for declaration in declarations {
                    arguments.insert(declaration.name.text)
                    derived.remove(declaration.name.text)
                }
            case (.env, .keyValues(let pairs)):
                for pair in pairs {
                    arguments.remove(pair.key.text)
                    if pair.value.text.contains("$") { derived.insert(pair.key.text) } else { derived.remove(pair.key.text) }
                }
            default:
                break
            }
            for run in runIndices[index] ?? [] {
                result[index] = BuildVariables(buildArguments: arguments, derivedEnvironment: derived, scope: run.state.variables)
            }
        }
        return result
    }

    /// True when the Dockerfile or the build defines the name for the RUN's shell.
    func defines(_ name: String) -> Bool {
        scope[name] != nil || Self.automaticArguments.contains(name) || Self.shellVariables.contains(name)
    }

    /// True when the variable's value at the start of the RUN is known and has no blank or glob
    /// character: an `ENV` with a constant value. Build arguments never are: `--build-arg` may
    /// give them any value.
    func isSafeWithoutQuotes(_ name: String) -> Bool {
        guard !buildArguments.contains(name), !derivedEnvironment.contains(name),
              case .known(let value)? = scope[name] else { return false }
        return !value.isEmpty && !value.containsASCIICharacter(in: "*?[] \t\n")
    }

    /// BuildKit's automatic platform arguments and predefined proxy arguments.
    static let automaticArguments: Set<String> = [
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH",
        "BUILDVARIANT", "TARGETSTAGE", "BUILDKIT_SYNTAX",
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy",
        "ALL_PROXY", "all_proxy",
    ]

    /// Variables the shell or the environment of a build defines (ShellCheck's generic list).
    static let shellVariables: Set<String> = [
        "_", "BASH", "BASHOPTS", "BASHPID", "BASH_ALIASES", "BASH_ARGC", "BASH_ARGV", "BASH_CMDS", "BASH_COMMAND",
        "BASH_EXECUTION_STRING", "BASH_LINENO", "BASH_REMATCH", "BASH_SOURCE", "BASH_SUBSHELL", "BASH_VERSINFO",
        "BASH_VERSION", "COPROC", "DIRSTACK", "EUID", "FUNCNAME", "GROUPS", "HISTCMD", "HOSTNAME", "HOSTTYPE", "LINENO",
        "MACHTYPE", "MAPFILE", "OLDPWD", "OPTARG", "OPTIND", "OSTYPE", "PIPESTATUS", "PPID", "PWD", "RANDOM", "REPLY",
        "SECONDS", "SHELLOPTS", "SHLVL", "UID", "BASH_ENV", "CDPATH", "COLUMNS", "ENV", "FUNCNEST", "GLOBIGNORE",
        "HISTFILE", "HOME", "IFS", "LANG", "LC_ALL", "LC_COLLATE", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME",
        "LINES", "MAIL", "OPTERR", "PATH", "POSIXLY_CORRECT", "PROMPT_COMMAND", "PS1", "PS2", "PS3", "PS4", "SHELL",
        "TIMEFORMAT", "TMOUT", "TMPDIR", "USER", "TZ", "TERM", "LOGNAME", "LD_LIBRARY_PATH", "LANGUAGE", "DISPLAY",
        "auto_resume", "histchars",
    ]

    /// Special parameters and shell variables whose values never hold blanks or globs.
    static let valuesWithoutBlanks: Set<String> = [
        "$", "-", "?", "!", "#", "BASHPID", "BASH_ARGC", "BASH_LINENO", "BASH_SUBSHELL", "EUID", "LINENO", "OPTIND",
        "PPID", "RANDOM", "SECONDS", "SHELLOPTS", "SHLVL", "UID", "COLUMNS", "HISTFILESIZE", "HISTSIZE", "LINES",
    ]
}
