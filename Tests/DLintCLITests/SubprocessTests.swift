@testable import dlint
import Foundation
import Testing

@Suite("Subprocess: posix_spawn and pipes for git and shellcheck")
struct SubprocessTests {
    /// dlint ignores SIGPIPE from its first line (main.swift), which Subprocess relies on when a
    /// program exits without reading all of its input; the test process must do the same.
    init() {
        _ = Glibc.signal(SIGPIPE, SIG_IGN)
    }

    @Test("input and output larger than a pipe's buffer pass both ways without a deadlock")
    func largeInputAndOutput() throws {
        let input = (0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let outcome = try Subprocess.run("/bin/cat", [], input: input)
        #expect(outcome.exitStatus == 0 && outcome.terminatingSignal == nil)
        #expect(outcome.standardOutput == input)
        #expect(outcome.standardError.isEmpty)
    }

    @Test("standard output and error are kept apart; the exit status comes back")
    func outputErrorAndStatus() throws {
        // More than a pipe holds on standard error while standard output is being read.
        let script = "head -c 200000 /dev/zero | tr '\\0' e >&2; echo out; exit 3"
        let outcome = try Subprocess.run("/bin/sh", ["-c", script])
        #expect(outcome.exitStatus == 3)
        #expect(outcome.standardOutput == Array("out\n".utf8))
        #expect(outcome.standardError.count == 200_000 && outcome.standardError.allSatisfy { $0 == UInt8(ascii: "e") })
        let discarded = try Subprocess.run("/bin/sh", ["-c", "echo err >&2; echo out"], collectsStandardError: false)
        #expect(discarded.standardOutput == Array("out\n".utf8) && discarded.standardError.isEmpty)
    }

    @Test("a program that exits without reading its input is no error; nor is empty input")
    func unreadInput() throws {
        let outcome = try Subprocess.run("/bin/sh", ["-c", "exit 1"], input: Array(repeating: 65, count: 1_000_000))
        #expect(outcome.exitStatus == 1)
        let empty = try Subprocess.run("/bin/cat", [], input: [])
        #expect(empty.exitStatus == 0 && empty.standardOutput.isEmpty)
        let noInput = try Subprocess.run("/bin/cat", [])
        #expect(noInput.exitStatus == 0 && noInput.standardOutput.isEmpty, "standard input is /dev/null")
    }

    @Test("a signal that ends the program is reported as the signal")
    func signal() throws {
        let outcome = try Subprocess.run("/bin/sh", ["-c", "kill -TERM $$"])
        #expect(outcome.exitStatus == nil && outcome.terminatingSignal == SIGTERM)
    }

    @Test("working directory, environment, signal dispositions and descriptors of the child")
    func childState() throws {
        let directory = try Subprocess.run("/bin/sh", ["-c", "pwd -P"], directory: "/")
        #expect(directory.standardOutput == Array("/\n".utf8))
        let path = try Subprocess.run("/bin/sh", ["-c", "printf %s \"$PATH\""])
        #expect(String(decoding: path.standardOutput, as: UTF8.self) == (ProcessInfo.processInfo.environment["PATH"] ?? ""))
        // dlint ignores SIGPIPE; its children must not (`git … | head` inside a hook would hang).
        let ignored = try Subprocess.run("/bin/grep", ["SigIgn", "/proc/self/status"])
        let mask = String(decoding: ignored.standardOutput, as: UTF8.self).split(whereSeparator: \.isWhitespace).last.flatMap { UInt64($0, radix: 16) }
        #expect(mask.map { $0 & (1 << (UInt64(SIGPIPE) - 1)) == 0 } == true, "SigIgn \(String(decoding: ignored.standardOutput, as: UTF8.self))")
        // A descriptor of ours without close-on-exec stays ours. It is moved far above the low
        // numbers: `ls` opens /proc/self/fd as its own lowest free descriptor (3 in the child), which
        // would match ours whenever ours happened to be 3 too.
        let opened = open("/dev/null", O_RDONLY)
        let leaked = fcntl(opened, F_DUPFD, 500)
        close(opened)
        #expect(leaked >= 500)
        defer { close(leaked) }
        let descriptors = try Subprocess.run("/bin/ls", ["/proc/self/fd"])
        let numbers = String(decoding: descriptors.standardOutput, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        #expect(!numbers.contains(Int(leaked)), "\(numbers)")
    }

    @Test("a program that cannot be started is an error that names it")
    func launchFailure() {
        #expect(throws: Subprocess.LaunchError.self) { try Subprocess.run("/nonexistent/program", []) }
        do {
            _ = try Subprocess.run("/nonexistent/program", [])
        } catch {
            #expect(error.description.hasPrefix("cannot run /nonexistent/program: "))
        }
    }

    @Test("runs side by side from many threads, each getting only its own output")
    func concurrentRuns() {
        let outputs = Lock()
        nonisolated(unsafe) var results: [Int: [UInt8]] = [:]
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let outcome = try? Subprocess.run("/bin/sh", ["-c", "sleep 0.05; echo \(index)"])
            outputs.lock()
            results[index] = outcome?.standardOutput
            outputs.unlock()
        }
        for index in 0..<16 { #expect(results[index] == Array("\(index)\n".utf8)) }
    }
}

@Suite("ProcessEnvironment: the environment read once from environ")
struct ProcessEnvironmentTests {
    @Test("it is what ProcessInfo's environment dictionary says")
    func sameAsProcessInfo() {
        #expect(ProcessEnvironment.variables == ProcessInfo.processInfo.environment)
    }
}
