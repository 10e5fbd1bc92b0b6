import Foundation

/// A `rules/CODE.md` page as the tests read it: its title and its executable examples.
struct RulePage {
    struct Example {
        enum Kind: String { case fail, pass, fixed }

        let kind: Kind
        /// The Dockerfile, marker lines removed.
        let dockerfile: String
        /// Expected findings: (line, first column, column after the last marked one).
        let marks: [Mark]
        /// 1-based line of the example's first line in the page, for messages.
        let pageLine: Int
        /// The `.dlint.yaml` the example is linted with: the last ```` ```yaml .dlint.yaml ````
        /// block above it on the page, if any.
        var configuration: String? = nil
        /// The text of the last ```` ```dockerignore ```` block above the example: the build
        /// context's ignore file it is linted with.
        var dockerIgnore: String? = nil
        /// For a Compose or Bake example (```` ```yaml compose.yaml fail ````,
        /// ```` ```hcl docker-bake.hcl pass ````): the file's name; `dockerfile` holds its text.
        var projectFileName: String? = nil
        /// The project's other files for such an example: every ```` ```dockerfile file PATH ````
        /// block above it (path → text) and the paths of ```` ```text tree ```` blocks (empty files,
        /// or directories when they end with `/`).
        var projectFiles: [String: String] = [:]
        /// The lines of the last ```` ```context ```` block above the example: the build context's
        /// listing (one path a line, directories end in `/`) it is linted with.
        var contextListing: [String]? = nil
    }

    struct Mark: Hashable, Comparable, CustomStringConvertible {
        let line: Int
        let startColumn: Int
        let endColumn: Int

        static func < (lhs: Mark, rhs: Mark) -> Bool {
            (lhs.line, lhs.startColumn, lhs.endColumn) < (rhs.line, rhs.startColumn, rhs.endColumn)
        }

        var description: String { "\(line):\(startColumn)-\(endColumn)" }
    }

    let code: String
    let name: String
    let text: String
    let examples: [Example]

    /// Reads a page. The title is `# CODE name`. Examples are fenced blocks tagged
    /// `dockerfile fail`, `dockerfile pass` or `dockerfile fixed` (the fail block before it, fixed).
    /// A block tagged `yaml .dlint.yaml` configures the examples after it; a `dockerignore` block is
    /// the build context's ignore file for the examples after it, a `context` block its listing.
    /// In a failing one, a line of `#` followed by blanks and carets marks, under the previous line,
    /// the columns a finding must cover; a `#` directly followed by a caret is part of the run, so
    /// `#^^^` marks columns 1 to 4.
    init(text: String) throws {
        self.text = text
        let lines = text.components(separatedBy: "\n")
        guard let title = lines.first, title.hasPrefix("# ") else { throw PageError("the page must start with '# CODE name'") }
        let words = title.dropFirst(2).split(separator: " ")
        guard words.count == 2 else { throw PageError("the title must be '# CODE name', found '\(title)'") }
        code = String(words[0])
        name = String(words[1])

        var examples: [Example] = []
        var configuration: String?
        var dockerIgnore: String?
        var projectFiles: [String: String] = [:]
        var contextListing: [String]?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("```dockerfile file ") || line == "```text tree" {
                let start = index + 1
                guard let end = lines[start...].firstIndex(of: "```") else { throw PageError("unclosed block starting at line \(start)") }
                if line == "```text tree" {
                    for path in lines[start..<end] where !path.isEmpty { projectFiles[path] = projectFiles[path] ?? "" }
                } else {
                    projectFiles[String(line.dropFirst("```dockerfile file ".count))] = lines[start..<end].joined(separator: "\n") + "\n"
                }
                index = end + 1
                continue
            }
            var projectFileName: String?
            var header = line
            for language in ["```yaml ", "```hcl ", "```json "] where line.hasPrefix(language) && line != "```yaml .dlint.yaml" {
                let words = line.dropFirst(language.count).split(separator: " ")
                if words.count == 2 {
                    projectFileName = String(words[0])
                    header = "```dockerfile " + words[1]
                }
            }
            if line == "```yaml .dlint.yaml" || line == "```dockerignore" || line == "```context" {
                let start = index + 1
                guard let end = lines[start...].firstIndex(of: "```") else { throw PageError("unclosed block starting at line \(start)") }
                let body = lines[start..<end].joined(separator: "\n") + "\n"
                if line == "```dockerignore" {
                    dockerIgnore = body
                } else if line == "```context" {
                    contextListing = lines[start..<end].filter { !$0.isEmpty }
                } else {
                    configuration = body
                }
                index = end + 1
                continue
            }
            guard header.hasPrefix("```dockerfile ") else { index += 1; continue }
            guard let kind = Example.Kind(rawValue: String(header.dropFirst("```dockerfile ".count))) else {
                throw PageError("unknown example kind in '\(line)' (line \(index + 1))")
            }
            let start = index + 1
            var body: [String] = []
            var marks: [Mark] = []
            index += 1
            while index < lines.count, lines[index] != "```" {
                let current = lines[index]
                if Self.isMarker(current) {
                    guard !body.isEmpty else { throw PageError("a marker line needs a line above it (line \(index + 1))") }
                    marks += Self.marks(in: current, line: body.count)
                } else {
                    body.append(current)
                }
                index += 1
            }
            guard index < lines.count else { throw PageError("unclosed example starting at line \(start)") }
            examples.append(Example(
                kind: kind, dockerfile: body.joined(separator: "\n") + "\n", marks: marks, pageLine: start, configuration: configuration,
                dockerIgnore: dockerIgnore, projectFileName: projectFileName, projectFiles: projectFileName == nil ? [:] : projectFiles,
                contextListing: contextListing
            ))
            index += 1
        }
        self.examples = examples
    }

    static func isMarker(_ line: String) -> Bool {
        line.hasPrefix("#") && line.contains("^") && line.dropFirst().allSatisfy { $0 == " " || $0 == "^" }
    }

    static func marks(in line: String, line number: Int) -> [Mark] {
        var marks: [Mark] = []
        var start: Int?
        var characters = Array(line)
        if characters.count > 1, characters[1] == "^" { characters[0] = "^" }
        for (offset, character) in characters.enumerated() {
            if character == "^", start == nil { start = offset + 1 }
            if character != "^", let first = start {
                marks.append(Mark(line: number, startColumn: first, endColumn: offset + 1))
                start = nil
            }
        }
        if let first = start { marks.append(Mark(line: number, startColumn: first, endColumn: characters.count + 1)) }
        return marks
    }
}

struct PageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
