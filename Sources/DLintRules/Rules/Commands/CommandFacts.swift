import DLintCore

/// A program run by a RUN: the word naming it and its arguments, through wrappers.
struct ProgramRun {
    /// The command the program belongs to (its words, the script it comes from).
    let command: ShellCommand
    /// The program's name without its directory: `wget` for `/usr/bin/wget`.
    let program: String
    /// The word naming the program.
    let nameWord: Word
    let arguments: [Word]

    var nameRange: Range<Int> { command.fileRange(of: nameWord) }

    /// The program of a shell command, through `sudo`, `env`, `nice`, `exec` …; nil when there
    /// is no literal command name, and for `command -v NAME`, which only looks the name up.
    /// `accepts` is asked of the program's name first, so that the rules looking for one program
    /// build nothing for the others.
    init?(_ command: ShellCommand, where accepts: (String) -> Bool = { _ in true }) {
        guard let invocation = command.command.effectiveCommand, let name = invocation.commandName else { return nil }
        let program = PathText.basename(name)
        guard accepts(program) else { return nil }
        if invocation.wrappers.contains("command") {
            // The options between the wrappers and the program: `command -v NAME`.
            let lookup = command.command.words.prefix { $0.range != invocation.name.range }.contains { word in
                guard let value = word.literalValue, value.hasPrefix("-"), !value.hasPrefix("--") else { return false }
                return value.contains("v") || value.contains("V")
            }
            if lookup { return nil }
        }
        self.command = command
        self.program = program
        self.nameWord = invocation.name
        self.arguments = invocation.arguments
    }
}

extension Instruction {
    /// Where a line inserted before this instruction goes: the start of the first of the comment
    /// lines directly above it (they belong to it, pragmas included), or of its own line.
    /// With the indentation and line ending to use.
    func insertionPoint(in tree: SyntaxTree) -> (offset: Int, indentation: String, lineEnding: String) {
        let source = tree.source
        func lineStart(_ offset: Int) -> Int {
            var start = offset
            while start > 0, source[start - 1] != 0x0A { start -= 1 }
            return start
        }
        var start = lineStart(keyword.range.lowerBound)
        let indentation = String(decoding: source[start..<keyword.range.lowerBound], as: UTF8.self)
        while start > 0 {
            let previous = lineStart(start - 1)
            let line = source[previous..<(start - 1)]
            guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: "#") else { break }
            start = previous
        }
        var end = range.upperBound
        while end < source.count, source[end] != 0x0A { end += 1 }
        let lineEnding = end > 0 && end < source.count && source[end - 1] == 0x0D ? "\r\n" : "\n"
        return (start, indentation.allSatisfy { $0 == " " || $0 == "\t" } ? indentation : "", lineEnding)
    }
}
