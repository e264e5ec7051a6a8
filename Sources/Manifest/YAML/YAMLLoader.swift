import CYAML

/// Reads YAML streams into located ``YAMLNode`` trees with libyaml, collecting every problem.
///
/// Multi-document streams give one ``YAMLDocument`` per document. Aliases are resolved (each
/// is a copy of its anchored node, located at the alias), merge keys (`<<: *defaults`) are
/// applied, duplicate keys are reported, and ``Limits`` bound size, depth and alias expansion.
/// A syntax error or a broken limit ends loading; documents completed before it are kept.
public enum YAMLLoader {
    /// Loads a stream from UTF-8 bytes.
    ///
    /// Diagnostics come sorted by position, with a syntax error (which ends loading) last.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The path as the user named it; every location carries it.
    ///   - limits: Bounds on size, nesting, alias expansion and scalar length.
    public static func load(_ bytes: [UInt8], file: String, limits: Limits = .default) -> YAMLLoadResult {
        bytes.withUnsafeBufferPointer { load(buffer: $0, file: file, limits: limits) }
    }

    /// Loads a stream from text.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The path as the user named it; every location carries it.
    ///   - limits: Bounds on size, nesting, alias expansion and scalar length.
    public static func load(_ text: String, file: String, limits: Limits = .default) -> YAMLLoadResult {
        var text = text
        return text.withUTF8 { load(buffer: $0, file: file, limits: limits) }
    }

    static func load(buffer: UnsafeBufferPointer<UInt8>, file: String, limits: Limits) -> YAMLLoadResult {
        guard buffer.count <= limits.maxFileBytes else {
            let message = "This file is \(buffer.count) bytes long, over the limit of \(Limits.describe(bytes: limits.maxFileBytes)). Split its documents across several smaller files."
            return YAMLLoadResult(documents: [], diagnostics: [.error("file_too_large", message, at: SourceLocation(file: file, line: 1, column: 1))])
        }
        // libyaml, told the input is UTF-8 (so that a UTF-16 file is reported rather than
        // silently decoded), reads a byte-order mark as content; it is invisible to users, so
        // it is dropped and columns count from after it.
        var input = buffer
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            input = UnsafeBufferPointer(rebasing: input[3...])
        }
        let parser = YAMLEventParser(input: input, file: file)
        var builder = YAMLTreeBuilder(file: file, limits: limits)
        var syntaxError: Diagnostic?
        var event = yaml_event_t()
        while true {
            guard parser.next(&event) else {
                syntaxError = parser.failure()
                break
            }
            builder.consume(event)
            let finished = event.type == YAML_STREAM_END_EVENT || builder.isStopped
            yaml_event_delete(&event)
            if finished { break }
        }
        // Mappings are checked when they end, so inner problems are found before outer ones.
        var diagnostics = builder.diagnostics.sorted()
        if let syntaxError { diagnostics.append(syntaxError) }
        return YAMLLoadResult(documents: builder.documents, diagnostics: diagnostics)
    }
}
