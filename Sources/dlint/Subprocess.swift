import CSpawn
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Runs a program to its end and collects what it printed: `git check-ignore` for discovery and
/// `shellcheck` for `--shellcheck`. posix_spawn and pipes, instead of Foundation's `Process`,
/// which would bring all of Foundation (and ICU) into the binary for these two calls.
///
/// The child gets the caller's environment, the signal dispositions and mask of a fresh process
/// (dlint ignores SIGPIPE; the child must not inherit that) and only the descriptors 0, 1 and 2.
/// Its standard input is `input` (written while the output is read, so neither side can fill a
/// pipe and wait for the other) or `/dev/null`. The caller ignores SIGPIPE (dlint does from its
/// first line): a program may exit without reading all its input.
enum Subprocess {
    struct Outcome: Sendable {
        /// The exit status; nil when a signal ended the program.
        let exitStatus: Int32?
        let terminatingSignal: Int32?
        let standardOutput: [UInt8]
        let standardError: [UInt8]
    }

    struct LaunchError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` (a path: nothing is looked up on PATH) with `arguments` in `directory`
    /// (the current one when nil). Standard error is collected when `collectsStandardError`,
    /// else discarded.
    static func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil, directory: String? = nil,
                    collectsStandardError: Bool = true) throws(LaunchError) -> Outcome {
        var pipes: [(read: Int32, write: Int32)] = []
        defer { for pipe in pipes { close(pipe.read); close(pipe.write) } }
        func makePipe() throws(LaunchError) -> (read: Int32, write: Int32) {
            var ends: [Int32] = [-1, -1]
            // Close-on-exec: a pipe of one run must not leak into a child started beside it, or
            // that run would wait for its end of file until the other child exits.
            guard dlint_pipe_cloexec(&ends) == 0 else { throw LaunchError(description: "cannot create a pipe: \(errorText(errno))") }
            pipes.append((ends[0], ends[1]))
            return (ends[0], ends[1])
        }
        let inputPipe = input == nil ? nil : try makePipe()
        let outputPipe = try makePipe()
        let errorPipe = collectsStandardError ? try makePipe() : nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let inputPipe {
            posix_spawn_file_actions_adddup2(&actions, inputPipe.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outputPipe.write, 1)
        if let errorPipe {
            posix_spawn_file_actions_adddup2(&actions, errorPipe.write, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        if let directory { dlint_spawn_add_chdir(&actions, directory) }
        _ = dlint_spawn_add_closefrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // Arguments are carried strings (`RawPath`): a path that is not UTF-8 reaches the child as its bytes.
        let argv = ([executable] + arguments).map { argument in RawPath.withCString(argument) { strdup($0) } }
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            posix_spawn(&pid, executable, &actions, &attributes, argvBuffer.baseAddress!, environ)
        }
        guard spawned == 0 else { throw LaunchError(description: "cannot run \(executable): \(errorText(spawned))") }

        // The child holds its own copies now; ours of its ends must go, or no end of file comes.
        close(outputPipe.write)
        if let inputPipe { close(inputPipe.read) }
        if let errorPipe { close(errorPipe.write) }
        var streams = Streams(input: input ?? [], inputDescriptor: inputPipe?.write,
                              outputDescriptor: outputPipe.read, errorDescriptor: errorPipe?.read)
        streams.exchange()
        pipes.removeAll()
        streams.closeAll()

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw LaunchError(description: "cannot wait for \(executable): \(errorText(errno))") }
        }
        // WIFEXITED, WEXITSTATUS and WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        return Outcome(exitStatus: signal == 0 ? (status >> 8) & 0xff : nil, terminatingSignal: signal == 0 ? nil : signal,
                       standardOutput: streams.output, standardError: streams.error)
    }

    /// The pipe ends on dlint's side, served with poll until the child has closed its output and
    /// taken all of its input (or closed it: a write to a closed pipe is EPIPE, not a signal).
    private struct Streams {
        let input: [UInt8]
        var inputDescriptor: Int32?
        var outputDescriptor: Int32?
        var errorDescriptor: Int32?
        var written = 0
        var output: [UInt8] = []
        var error: [UInt8] = []

        init(input: [UInt8], inputDescriptor: Int32?, outputDescriptor: Int32, errorDescriptor: Int32?) {
            self.input = input
            self.inputDescriptor = inputDescriptor
            self.outputDescriptor = outputDescriptor
            self.errorDescriptor = errorDescriptor
            if let inputDescriptor {
                _ = fcntl(inputDescriptor, F_SETFL, fcntl(inputDescriptor, F_GETFL) | O_NONBLOCK)
                if input.isEmpty { closeInput() }
            }
        }

        mutating func closeInput() {
            if let inputDescriptor { close(inputDescriptor) }
            inputDescriptor = nil
        }

        mutating func closeAll() {
            closeInput()
            if let outputDescriptor { close(outputDescriptor) }
            if let errorDescriptor { close(errorDescriptor) }
            outputDescriptor = nil
            errorDescriptor = nil
        }

        mutating func exchange() {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while inputDescriptor != nil || outputDescriptor != nil || errorDescriptor != nil {
                var descriptors: [pollfd] = []
                if let inputDescriptor { descriptors.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0)) }
                if let outputDescriptor { descriptors.append(pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)) }
                if let errorDescriptor { descriptors.append(pollfd(fd: errorDescriptor, events: Int16(POLLIN), revents: 0)) }
                let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
                if ready < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                for entry in descriptors where entry.revents != 0 {
                    if entry.fd == inputDescriptor {
                        writeInput()
                    } else if entry.fd == outputDescriptor {
                        if !Self.read(entry.fd, into: &output, buffer: &buffer) {
                            close(entry.fd)
                            outputDescriptor = nil
                        }
                    } else if entry.fd == errorDescriptor {
                        if !Self.read(entry.fd, into: &error, buffer: &buffer) {
                            close(entry.fd)
                            errorDescriptor = nil
                        }
                    }
                }
            }
        }

        private mutating func writeInput() {
            guard let descriptor = inputDescriptor else { return }
            let count = input[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { return }
                // EPIPE: the program exited or closed its input without reading it all.
                closeInput()
                return
            }
            written += count
            if written == input.count { closeInput() }
        }

        /// Appends what is there to read; false at end of file (or on an error).
        private static func read(_ descriptor: Int32, into bytes: inout [UInt8], buffer: inout [UInt8]) -> Bool {
            while true {
                let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                bytes += buffer[0..<count]
                return true
            }
        }
    }

    private static func errorText(_ number: Int32) -> String {
        String(cString: strerror(number))
    }
}
