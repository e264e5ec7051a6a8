import Foundation

/// Expands `${env:NAME}`, `${var:NAME}` and `${file:PATH}` in a string scalar (SPEC §3).
///
/// `$${` writes a literal `${`. Every problem is reported at the reference's position.
struct Interpolation {
    /// A reference found in a scalar.
    struct Reference: Equatable {
        enum Source: String {
            case env, `var`, file
        }

        var source: Source
        var name: String
        /// The reference exactly as written, `${env:NAME}`.
        var text: String
    }

    /// The expanded text, the references it used, and any problems.
    struct Result {
        var value: String
        var references: [Reference]
        var diagnostics: [Diagnostic]
        /// Whether the whole scalar is exactly one reference.
        var isSingleReference: Bool
    }

    /// The largest file `${file:…}` reads.
    static let maxFileBytes = 1 << 20

    let scope: VariableScope
    /// The folder `${file:…}` paths are relative to (the manifest's own folder).
    let directory: String

    /// Whether `text` has a `$` at all; a byte scan, since this runs on every scalar.
    static func mayContainReference(_ text: String) -> Bool {
        // Scanning the stored bytes directly costs a fraction of iterating `utf8`, which goes
        // through the string's index machinery for every byte.
        text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "$")) }
            ?? text.utf8.contains(UInt8(ascii: "$"))
    }

    /// Whether `text` has `${` in it, found by a byte search rather than Foundation's slow
    /// `String.contains`.
    static func containsReferenceStart(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(containsReferenceStart) ?? containsReferenceStart(text.utf8)
    }

    private static func containsReferenceStart(_ bytes: some Sequence<UInt8>) -> Bool {
        var previousIsDollar = false
        for byte in bytes {
            if previousIsDollar, byte == UInt8(ascii: "{") { return true }
            previousIsDollar = byte == UInt8(ascii: "$")
        }
        return false
    }

    /// Expands references in `text`, written at `location`; `columnBase` is the column of the
    /// text's first character when it is known (plain or quoted scalars on one line).
    func expand(_ text: String, at location: SourceLocation, columnBase: Int?) -> Result {
        guard Self.mayContainReference(text) else {
            return Result(value: text, references: [], diagnostics: [], isSingleReference: false)
        }
        // Worked on UTF-8 bytes: '$', '{', '}' and ':' are ASCII, so they never occur inside a
        // multi-byte character, and the text between references is copied in whole runs.
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var references: [Reference] = []
        var diagnostics: [Diagnostic] = []
        func place(_ byteOffset: Int) -> SourceLocation {
            guard let columnBase else { return location }
            // Columns count Unicode scalars: every byte but UTF-8 continuation bytes starts one.
            let scalars = bytes[..<byteOffset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return SourceLocation(file: location.file, line: location.line, column: columnBase + scalars)
        }
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var index = 0
        var runStart = 0
        while index < bytes.count {
            guard bytes[index] == dollar else {
                index += 1
                continue
            }
            if index + 2 < bytes.count, bytes[index + 1] == dollar, bytes[index + 2] == open {
                output += bytes[runStart..<index]
                output.append(contentsOf: "${".utf8)
                index += 3
                runStart = index
                continue
            }
            guard index + 1 < bytes.count, bytes[index + 1] == open else {
                index += 1
                continue
            }
            output += bytes[runStart..<index]
            let start = index
            guard let end = bytes[(index + 2)...].firstIndex(of: close) else {
                diagnostics.append(.error(
                    "variable_syntax",
                    "This '${' is never closed; write '${env:NAME}', '${var:NAME}' or '${file:PATH}', or '$${' for a literal '${'.",
                    at: place(start)))
                return Result(value: String(decoding: output, as: UTF8.self), references: references, diagnostics: diagnostics, isSingleReference: false)
            }
            let inner = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
            let written = "${\(inner)}"
            index = end + 1
            runStart = index
            guard let colon = inner.firstIndex(of: ":") else {
                diagnostics.append(.error(
                    "variable_syntax",
                    "Reference '\(written)' names no source; write '${var:\(inner)}' for a --var value or '${env:\(inner)}' for an environment variable.",
                    at: place(start)))
                continue
            }
            let sourceName = String(inner[..<colon])
            let name = String(inner[inner.index(after: colon)...])
            guard let source = Reference.Source(rawValue: sourceName) else {
                diagnostics.append(.error(
                    "variable_syntax",
                    "Unknown reference source '\(sourceName)' in '\(written)'\(Suggestion.phrase(for: sourceName, in: ["env", "var", "file"], otherwise: "; use env, var or file."))",
                    at: place(start)))
                continue
            }
            references.append(Reference(source: source, name: name, text: written))
            switch resolve(source: source, name: name, written: written) {
            case .success(let value): output.append(contentsOf: value.utf8)
            case .failure(let problem): diagnostics.append(.error(problem.code, problem.message, at: place(start)))
            }
        }
        output += bytes[runStart..<bytes.count]
        let value = String(decoding: output, as: UTF8.self)
        let single = references.count == 1 && diagnostics.isEmpty && references[0].text == text
        return Result(value: value, references: references, diagnostics: diagnostics, isSingleReference: single)
    }

    private struct Problem: Error {
        var code: String
        var message: String
    }

    private func resolve(source: Reference.Source, name: String, written: String) -> Swift.Result<String, Problem> {
        switch source {
        case .env, .var:
            guard source == .var ? VariableFile.isName(name) : isEnvironmentName(name) else {
                let allowed = source == .var ? "letters, digits, '_', '-' and '.'" : "letters, digits and '_'"
                return .failure(Problem(code: "variable_syntax", message: "'\(name)' in '\(written)' is not a valid name; names are \(allowed), starting with a letter or '_'."))
            }
            if source == .env {
                guard let value = scope.environment[name] else {
                    return .failure(Problem(code: "missing_variable", message: "Environment variable '\(name)' is not set (referenced as '\(written)')."))
                }
                return .success(value)
            }
            guard let value = scope.variables[name] else {
                let hint = Suggestion.phrase(for: name, in: scope.variables.keys)
                return .failure(Problem(code: "missing_variable", message: "Variable '\(name)' has no value\(hint.isEmpty ? "" : hint); pass it with --var \(name)=VALUE or in a --var-file."))
            }
            return .success(value)
        case .file:
            return readFile(name, written: written)
        }
    }

    private func readFile(_ path: String, written: String) -> Swift.Result<String, Problem> {
        guard !path.isEmpty else {
            return .failure(Problem(code: "variable_syntax", message: "'\(written)' names no file."))
        }
        let full = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(Problem(code: "missing_file", message: "File '\(path)' referenced as '\(written)' does not exist (looked for \(full))."))
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            return .failure(Problem(code: "missing_file", message: "File '\(path)' referenced as '\(written)' cannot be read."))
        }
        guard data.count <= Interpolation.maxFileBytes else {
            return .failure(Problem(code: "file_too_large", message: "File '\(path)' is \(data.count) bytes; '${file:…}' reads at most 1 MiB."))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            return .failure(Problem(code: "invalid_utf8", message: "File '\(path)' referenced as '\(written)' is not UTF-8 text."))
        }
        if text.hasSuffix("\r\n") {
            text.removeLast()
        } else if text.hasSuffix("\n") {
            text.removeLast()
        }
        return .success(text)
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, checked on bytes (the ASCII letters are exactly the ASCII
    /// scalars with the Alphabetic property).
    private func isEnvironmentName(_ name: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
