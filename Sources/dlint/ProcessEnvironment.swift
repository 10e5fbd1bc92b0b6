#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment dlint was started with, read from `environ` once. It replaces
/// `ProcessInfo.processInfo.environment`, which builds a new dictionary on every call — about
/// 380,000 instructions each, three times in the start-up of a one-file run.
enum ProcessEnvironment {
    /// NAME=VALUE entries split at the first `=`; a later entry of the same name wins, as in
    /// ProcessInfo's dictionary.
    static let variables: [String: String] = {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return variables
    }()
}
