import CYAML

/// Owns a libyaml parser reading one in-memory buffer and hands out its events one at a time.
///
/// The buffer must outlive the parser; ``YAMLLoader`` keeps both inside one
/// `withUnsafeBufferPointer` scope. libyaml keeps a pointer to the parser inside itself, so the
/// parser lives in its own allocation rather than in a stored property that could move.
final class YAMLEventParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>
    private let file: String
    private var initialized: Bool

    /// libyaml asserts on a null input pointer, so empty input reads from this instead.
    nonisolated(unsafe) private static let emptyInput: UnsafeMutablePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()

    init(input: UnsafeBufferPointer<UInt8>, file: String) {
        self.input = input
        self.file = file
        parser = .allocate(capacity: 1)
        initialized = yaml_parser_initialize(parser) == 1
        if initialized {
            // Manifests are UTF-8; naming the encoding keeps byte offsets meaningful.
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, input.baseAddress ?? UnsafePointer(Self.emptyInput), input.count)
        }
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
    }

    /// Parses the next event into `event`; returns `false` on a syntax error (see ``failure()``).
    ///
    /// The caller must `yaml_event_delete` each event it received.
    func next(_ event: inout yaml_event_t) -> Bool {
        initialized && yaml_parser_parse(parser, &event) == 1
    }

    /// The diagnostic for the error that made ``next(_:)`` return `false`.
    func failure() -> Diagnostic {
        guard initialized else {
            return .error("yaml_syntax", "The YAML parser could not start: it ran out of memory.", at: SourceLocation(file: file, line: 1, column: 1))
        }
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return .error("yaml_syntax", "The YAML parser ran out of memory.", at: SourceLocation(file: file, line: 1, column: 1))
        case YAML_READER_ERROR:
            let location = SourceLocation(byteOffset: Int(state.problem_offset), in: input, file: file)
            let value = Int(state.problem_value)
            let found: String
            if value < 0 {
                found = ""
            } else if problem.contains("octet") {
                found = " (byte 0x\(Self.hex(value, digits: 2)))"
            } else {
                found = " (U+\(Self.hex(value, digits: 4)))"
            }
            let advice = problem.contains("UTF-8") ? " Save the file as UTF-8." : ""
            return .error("yaml_syntax", "YAML syntax error: \(problem)\(found).\(advice)", at: location)
        default:
            let location = SourceLocation(state.problem_mark, file: file)
            var message = "YAML syntax error: \(problem)"
            if let context = state.context.map({ String(cString: $0) }) {
                let start = SourceLocation(state.context_mark, file: file)
                message += " \(context) that starts at line \(start.line), column \(start.column)"
            }
            return .error("yaml_syntax", message + ".", at: location)
        }
    }

    private static func hex(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
