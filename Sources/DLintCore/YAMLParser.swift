internal import CLibYAML

/// Reads YAML with libyaml's event parser into `YAMLNode` trees.
///
/// The text is read as UTF-8 (libyaml is told so, as Yams told it, so a byte order mark counts as
/// a character of the first line). Anchors become shared subtrees; an alias to an anchor not yet
/// complete is an error, as is a mapping key written twice. Two bounds keep hostile input cheap:
/// the nodes that aliases stand for, counted over the whole stream, may not exceed `aliasBudget`
/// (a "billion laughs" file stops after that much work, where the readers walking the tree
/// would otherwise take exponential time), and collections nest at most `maximumDepth` deep (the
/// composer recurses).
enum YAMLParser {
    static let maximumDepth = 256

    /// The budget for `text`: generous for any real file (every service of a large Compose file
    /// merging a big shared block), linear in the input.
    static func aliasBudget(forByteCount count: Int) -> Int { max(100_000, count * 8) }

    /// The only document of `text`; nil when there is none (an empty file, or only comments). A
    /// second document is an error.
    static func singleDocument(_ text: String) throws(YAMLError) -> YAMLNode? {
        try withBytes(of: text) { bytes throws(YAMLError) in
            let composer = YAMLComposer(bytes)
            guard let root = try composer.nextDocument() else { return nil }
            if case .documentStart(let mark) = try composer.nextEvent() {
                throw YAMLError(
                    problem: "but found another document", mark: mark,
                    context: "expected a single document in the stream", contextMark: YAMLMark(line: 1, column: 1))
            }
            return root
        }
    }

    /// Every document of `text`, in order.
    static func documents(_ text: String) throws(YAMLError) -> [YAMLNode] {
        try withBytes(of: text) { bytes throws(YAMLError) in
            let composer = YAMLComposer(bytes)
            var documents: [YAMLNode] = []
            while let document = try composer.nextDocument() { documents.append(document) }
            return documents
        }
    }

    /// Every document of `bytes`, which libyaml checks are UTF-8 (invalid bytes are an error).
    static func documents(bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
        let result: Result<[YAMLNode], YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            let composer = YAMLComposer(buffer)
            var documents: [YAMLNode] = []
            do throws(YAMLError) {
                while let document = try composer.nextDocument() { documents.append(document) }
            } catch {
                return .failure(error)
            }
            return .success(documents)
        }
        return try result.get()
    }

    private static func withBytes<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(YAMLError) -> T) throws(YAMLError) -> T {
        var text = text
        let result: Result<T, YAMLError> = text.withUTF8 { bytes in
            do throws(YAMLError) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// One parse: libyaml's parser over a buffer the caller keeps alive, and the anchors seen.
private final class YAMLComposer {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasedNodes = 0
    private let aliasBudget: Int
    private var streamEnded = false

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        aliasBudget = YAMLParser.aliasBudget(forByteCount: input.count)
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next document's root, or nil at the end of the stream.
    func nextDocument() throws(YAMLError) -> YAMLNode? {
        while !streamEnded {
            switch try nextEvent() {
            case .documentStart:
                let (root, _) = try node(from: try nextEvent(), depth: 0)
                _ = try nextEvent()  // the document's end
                return root
            default:
                continue  // the stream's start
            }
        }
        return nil
    }

    private func node(from event: YAMLEvent, depth: Int) throws(YAMLError) -> (YAMLNode, size: Int) {
        switch event {
        case .scalar(let anchor, let scalar):
            let node = YAMLNode.scalar(scalar)
            register(anchor, node, size: 1)
            return (node, 1)
        case .alias(let anchor, let mark):
            guard let target = anchors[anchor] else {
                throw YAMLError(problem: "found undefined alias", mark: mark)
            }
            aliasedNodes += target.size
            if aliasedNodes > aliasBudget {
                throw YAMLError(problem: "found aliases that stand for more than \(aliasBudget) nodes", mark: mark)
            }
            return (target.node, target.size)
        case .sequenceStart(let anchor, let tag, let mark):
            try checkDepth(depth, mark)
            var items: [YAMLNode] = []
            var size = 1
            while true {
                let next = try nextEvent()
                if case .sequenceEnd = next { break }
                let (item, itemSize) = try node(from: next, depth: depth + 1)
                items.append(item)
                size = size.addingSaturating(itemSize)
            }
            let node = YAMLNode.sequence(YAMLSequence(items: items, tag: tag, mark: mark))
            register(anchor, node, size: size)
            return (node, size)
        case .mappingStart(let anchor, let tag, let mark):
            try checkDepth(depth, mark)
            var keys: [YAMLNode] = []
            var values: [YAMLNode] = []
            var size = 1
            while true {
                let next = try nextEvent()
                if case .mappingEnd = next { break }
                let (key, keySize) = try node(from: next, depth: depth + 1)
                let (value, valueSize) = try node(from: try nextEvent(), depth: depth + 1)
                keys.append(key)
                values.append(value)
                size = size.addingSaturating(keySize).addingSaturating(valueSize)
            }
            try checkUnique(keys)
            let node = YAMLNode.mapping(YAMLMapping(keys: keys, values: values, tag: tag, mark: mark))
            register(anchor, node, size: size)
            return (node, size)
        default:
            // libyaml only produces node events here.
            throw YAMLError(problem: "found an unexpected event", mark: YAMLMark(line: 1, column: 1))
        }
    }

    private func register(_ anchor: String?, _ node: YAMLNode, size: Int) {
        if let anchor { anchors[anchor] = (node, size) }
    }

    private func checkDepth(_ depth: Int, _ mark: YAMLMark) throws(YAMLError) {
        if depth >= YAMLParser.maximumDepth {
            throw YAMLError(problem: "found collections nested more than \(YAMLParser.maximumDepth) deep", mark: mark)
        }
    }

    /// A key written twice: scalar keys by text and resolved tag (hashed), collection keys (rare)
    /// compared with each other.
    private func checkUnique(_ keys: [YAMLNode]) throws(YAMLError) {
        struct ScalarKey: Hashable {
            let text: String
            let tag: String
        }
        var scalars: Set<ScalarKey> = []
        var collections: [YAMLNode] = []
        for key in keys {
            if case .scalar(let scalar) = key {
                if scalars.insert(ScalarKey(text: scalar.text, tag: key.resolvedTag)).inserted { continue }
            } else {
                if !collections.contains(where: { $0.isSameKey(as: key) }) { collections.append(key); continue }
            }
            let name = key.string.map { "key '\($0)'" } ?? "collection key"
            throw YAMLError(problem: "found a duplicate \(name)", mark: key.mark, context: "while composing a mapping")
        }
    }

    // MARK: Events

    func nextEvent() throws(YAMLError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw parseError() }
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            streamEnded = true
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(anchor: Self.text(event.data.alias.anchor) ?? "", mark)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let tag = data.quoted_implicit != 0 ? YAMLTag.string : Self.text(data.tag)
            let scalar = YAMLScalar(text: text, style: YAMLScalar.Style(data.style), tag: tag, mark: mark)
            return .scalar(anchor: Self.text(data.anchor), scalar)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(anchor: Self.text(data.anchor), tag: data.implicit != 0 ? nil : Self.text(data.tag), mark)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(anchor: Self.text(data.anchor), tag: data.implicit != 0 ? nil : Self.text(data.tag), mark)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: return .streamStart
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        var length = 0
        while pointer[length] != 0 { length += 1 }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func parseError() -> YAMLError {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.pointee.error == YAML_READER_ERROR {
            // The reader knows only a byte offset: the mark is worked out from the input.
            return YAMLError(problem: problem, mark: mark(atByteOffset: parser.pointee.problem_offset))
        }
        if parser.pointee.error == YAML_MEMORY_ERROR {
            return YAMLError(problem: "out of memory", mark: YAMLMark(line: 1, column: 1))
        }
        let context = parser.pointee.context.map { String(cString: $0) }
        return YAMLError(
            problem: problem, mark: YAMLMark(parser.pointee.problem_mark),
            context: context, contextMark: context == nil ? nil : YAMLMark(parser.pointee.context_mark))
    }

    /// libyaml's line and column of a byte: lines end at LF, CR or CR LF; columns count scalars.
    private func mark(atByteOffset offset: Int) -> YAMLMark {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, input.count)
        while index < end {
            let byte = input[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < end, input[index + 1] == UInt8(ascii: "\n") { index += 1 }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return YAMLMark(line: line, column: column)
    }
}

/// libyaml's events, copied out of its structures.
private enum YAMLEvent {
    case streamStart, streamEnd
    case documentStart(YAMLMark)
    case documentEnd
    case alias(anchor: String, YAMLMark)
    case scalar(anchor: String?, YAMLScalar)
    case sequenceStart(anchor: String?, tag: String?, YAMLMark)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, YAMLMark)
    case mappingEnd
}

private extension YAMLMark {
    init(_ mark: yaml_mark_t) {
        self.init(line: mark.line + 1, column: mark.column + 1)
    }
}

private extension YAMLScalar.Style {
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}

private extension Int {
    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
