import DLintCore

/// The ASCII bytes that occur in a RUN's scripts. Every word the shell checks read is made of
/// these bytes, `sh -c` strings included (their bytes are taken from the script; ANSI-C strings
/// are not parsed as scripts): a RUN without a `$` has no expansion, one without a `|` no pipe.
/// A cheap test before walking a RUN's commands or events.
struct ScriptBytes: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ run: RunInstruction) {
        for source in run.scripts {
            source.text.withUnsafeBufferPointer { text in
                for byte in text {
                    if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
                }
            }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    /// Whether every byte of `needle` occurs: a script holding `needle` holds them all.
    func containsAll(of needle: [UInt8]) -> Bool {
        needle.allSatisfy { $0 >= 128 || contains($0) }
    }
}

extension DockerfileModel {
    /// The `ScriptBytes` of each of `runs`, in order: one pass over the scripts for a dozen rules.
    var runScriptBytes: [ScriptBytes] {
        facts.value(RunScriptBytesFact.self) { runs.map(ScriptBytes.init) }
    }
}

private enum RunScriptBytesFact: ModelFactKey { typealias Value = [ScriptBytes] }
