import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Exit codes are part of dlint's contract: 0 clean, 1 findings, 2 usage or I/O error.
// ArgumentParser would use 64 for usage errors, so its errors are mapped here.
// A closed pipe must be an error dlint handles (see Console), not a signal that kills it.
signal(SIGPIPE, SIG_IGN)
// Before anything opens a file: a closed standard stream must not lend its descriptor to it.
StandardStreams.protect()

// The exact bytes of each argument: a path that is not UTF-8 must still open (see RawPath).
let arguments = Array(RawPath.commandLineArguments.dropFirst())
if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
    print(DLint.rootHelp(), terminator: "")
    exit(0)
}

do {
    // The common command lines skip ArgumentParser, whose reflection costs more than linting a file.
    if let options = LintCommandLine.options(arguments, subcommandNames: DLint.subcommandNames) {
        try options.run()
    } else {
        let split = PathArguments.split(arguments, subcommandNames: DLint.subcommandNames)
        var command = try DLint.parseAsRoot(split.forParser)
        if !split.paths.isEmpty, var lint = command as? Lint {
            lint.paths = split.paths + lint.paths
            command = lint
        }
        try command.run()
    }
} catch let exitCode as ExitCode {
    exit(exitCode.rawValue)
} catch {
    if DLint.exitCode(for: error) == .success {
        print(DLint.fullMessage(for: error))
        exit(0)
    }
    Console.error(DLint.fullMessage(for: error))
    exit(ExitStatus.usageOrIOError)
}
