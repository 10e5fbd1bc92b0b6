import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A finished child process: how it ended, what it printed and what the kernel counted for it
/// alone (wait4), so that each run's peak memory is its own and not the largest of the session.
struct ChildRun: Sendable {
    let exitStatus: Int32
    /// Set when a signal ended the child.
    let signal: Int32?
    let stdout: [UInt8]
    let stderr: [UInt8]
    let wallSeconds: Double
    let usage: ResourceUsage

    var succeeded: Bool { signal == nil && exitStatus == 0 }
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

struct ChildProcessError: Error, CustomStringConvertible {
    let description: String
}

/// Runs programs with posix_spawn and reaps them with wait4. Output goes to temporary files, not
/// pipes: nothing has to drain them while the child runs, and discarded output costs no copy.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String], keepStdout: Bool = true) throws -> ChildRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dlint-bench-\(getpid())-\(UUID().uuidString)")
        let stdoutPath = keepStdout ? scratch.path + ".out" : "/dev/null"
        let stderrPath = scratch.path + ".err"
        defer {
            if keepStdout { unlink(stdoutPath) }
            unlink(stderrPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        defer { environment.forEach { free($0) } }

        var pid = pid_t()
        let started = Clocks.wall()
        let spawned = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (environment + [nil]).withUnsafeBufferPointer { environmentBuffer in
                posix_spawn(&pid, executable, &actions, nil, argvBuffer.baseAddress!, environmentBuffer.baseAddress!)
            }
        }
        guard spawned == 0 else {
            throw ChildProcessError(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw ChildProcessError(description: "wait4 failed for \(executable): \(String(cString: strerror(errno)))") }
        }
        let wall = Clocks.wall() - started
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let terminatingSignal = status & 0x7f
        return ChildRun(
            exitStatus: terminatingSignal == 0 ? (status >> 8) & 0xff : -1,
            signal: terminatingSignal == 0 ? nil : terminatingSignal,
            stdout: keepStdout ? (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: stdoutPath)))) ?? [] : [],
            stderr: (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: stderrPath)))) ?? [],
            wallSeconds: wall,
            usage: ResourceUsage(usage)
        )
    }

    /// The program `name` on PATH, or nil.
    static func onPath(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// This executable, for re-running itself once per phase.
    static var currentExecutable: String {
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// Splits arguments into command lines that fit the kernel's limit, as xargs does.
enum ArgumentBatches {
    /// Bytes the arguments of one command line may take: ARG_MAX less the environment and the
    /// fixed arguments, with head room.
    static func budget(fixedArguments: [String]) -> Int {
        let argumentMaximum = max(Int(sysconf(Int32(_SC_ARG_MAX))), 131_072)
        let environment = ProcessInfo.processInfo.environment.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 + MemoryLayout<UnsafeRawPointer>.size }
        let fixed = fixedArguments.reduce(0) { $0 + cost($1) }
        return max(argumentMaximum - environment - fixed - 4096, 4096)
    }

    /// What one argument takes: its bytes, its terminator and its pointer.
    static func cost(_ argument: String) -> Int { argument.utf8.count + 1 + MemoryLayout<UnsafeRawPointer>.size }

    static func split(_ arguments: [String], budget: Int) -> [[String]] {
        var batches: [[String]] = []
        var current: [String] = []
        var used = 0
        for argument in arguments {
            let size = cost(argument)
            if !current.isEmpty, used + size > budget {
                batches.append(current)
                current = []
                used = 0
            }
            current.append(argument)
            used += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
