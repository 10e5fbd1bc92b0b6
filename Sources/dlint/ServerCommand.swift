import ArgumentParser
import DLintCore
import DLintRules
import DLintServer
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the language server: LSP on standard input and output, for editors.",
        discussion: """
        Reports every finding as a diagnostic while you type, offers each fix, "Fix all safe problems" \
        and "Ignore RULE for this instruction" as code actions, and shows a rule's summary on hover. \
        Configuration files are found as by 'dlint lint'. Logs go to standard error.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Wait this long after a change before linting, in milliseconds.", valueName: "ms"))
    var debounce: Int = 25

    // Many clients start a server with `--stdio`; standard input and output are the only transport.
    @Flag(name: .long, help: ArgumentHelp("Accepted for editors that pass it; standard input and output are always used.", visibility: .hidden))
    var stdio = false

    func run() throws {
        ServerRuntime(debounce: .milliseconds(max(0, debounce))).run()
    }
}

/// Runs a `Server`: the main thread reads standard input, one serial queue owns the server's
/// state (and the debounce timers) and writes standard output, lints and slow responses run on
/// a concurrent queue, one lint per document at a time.
final class ServerRuntime: @unchecked Sendable {
    private let stateQueue = DispatchQueue(label: "dlint.server.state")
    private let workQueue = DispatchQueue(label: "dlint.server.work", attributes: .concurrent)
    private let debounce: DispatchTimeInterval
    private let linter = RuleRegistry.linter
    private let workspace = FileSystemWorkspace(catalog: RuleRegistry.catalog)
    /// Touched only on `stateQueue`.
    private var server = Server(version: DLint.configuration.version)

    init(debounce: DispatchTimeInterval) {
        self.debounce = debounce
    }

    func run() -> Never {
        var reader = MessageReader()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                // The client went away without `exit`: end as LSP says, with 1 unless shut down.
                stateQueue.sync { perform(server.receive(Message.notification("exit", .null))) }
                exit(1)
            }
            reader.append(chunk[0..<count])
            while let item = reader.next() {
                switch item {
                case .message(let body):
                    stateQueue.async { self.perform(self.server.receive(body)) }
                case .badHeader(let reason):
                    Console.error("dlint server: \(reason)")
                }
            }
        }
    }

    /// On `stateQueue`.
    private func perform(_ effects: [ServerEffect]) {
        for effect in effects {
            switch effect {
            case .send(let message):
                send(message)
            case .lint(let job):
                stateQueue.asyncAfter(deadline: .now() + debounce) { self.start(job) }
            case .respond(let id, let work):
                workQueue.async {
                    let result = work.run(linter: self.linter)
                    self.stateQueue.async { self.send(Message.response(id: id, result: result)) }
                }
            case .reloadWorkspace:
                workspace.reload()
            case .log(let line):
                Console.error(line)
            case .exit(let code):
                exit(code)
            }
        }
    }

    /// Documents being linted now, and the newest job of each that waits for that lint to end:
    /// one lint per document at a time, so fast typing never piles up lints of old versions.
    private var linting: Set<String> = []
    private var waitingJobs: [String: LintJob] = [:]

    /// On `stateQueue`, once the debounce delay has passed.
    private func start(_ job: LintJob) {
        // A newer version arrived while this one waited: its own job will run.
        guard server.isCurrent(job) else { return }
        guard !linting.contains(job.uri) else {
            waitingJobs[job.uri] = job
            return
        }
        linting.insert(job.uri)
        workQueue.async {
            let outcome = job.run(linter: self.linter, workspace: self.workspace)
            self.stateQueue.async {
                self.linting.remove(job.uri)
                self.perform(self.server.lintFinished(outcome))
                if let next = self.waitingJobs.removeValue(forKey: job.uri) { self.start(next) }
            }
        }
    }

    private func send(_ message: JSONValue) {
        if Console.writeAll(MessageFraming.frame(message), to: STDOUT_FILENO) != nil {
            // Nobody reads any more: the client is gone.
            exit(1)
        }
    }
}

/// Configuration files and `.dockerignore` read from disk as `dlint lint` reads them, cached
/// until a watched file changes.
final class FileSystemWorkspace: ServerWorkspace, @unchecked Sendable {
    private let catalog: RuleCatalog
    private let lock = Lock()
    private var loader: ConfigurationLoader
    private var reportedWarnings = 0

    init(catalog: RuleCatalog) {
        self.catalog = catalog
        self.loader = ConfigurationLoader(catalog: catalog)
    }

    func configuration(forDocumentAt path: String?, explicitPath: String?) -> Result<Configuration, WorkspaceProblem> {
        lock.lock()
        defer { lock.unlock() }
        do {
            let directory = path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? AbsolutePath.currentDirectory
            var configuration = try explicitPath.map { try loader.configuration(atPath: $0) }?.configuration
                ?? loader.configuration(forDirectory: directory).configuration
            configuration.settings.dockerIgnore = path.flatMap { LintOptions.dockerIgnore(for: InputFile(displayPath: $0, isStandardInput: false), stdinFilename: nil) }
            for warning in loader.warnings.dropFirst(reportedWarnings) { Console.error(warning.description) }
            reportedWarnings = loader.warnings.count
            return .success(configuration)
        } catch let error as ConfigurationError {
            return .failure(WorkspaceProblem("dlint: \(error.description)"))
        } catch {
            return .failure(WorkspaceProblem("dlint: \(error)"))
        }
    }

    func reload() {
        lock.lock()
        loader = ConfigurationLoader(catalog: catalog)
        reportedWarnings = 0
        lock.unlock()
    }
}
