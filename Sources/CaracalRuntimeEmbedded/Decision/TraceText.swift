import Manifest

/// One line of a trace's details, built as UTF-8 bytes.
///
/// A trace writes a dozen or more such lines. Building them as bytes, with literals copied
/// from static storage and values written in place by `\(trace: value)`, made a traced
/// decision take about a quarter fewer instructions than `String` interpolation of each value's
/// `traceText` did: a `String` grows and re-checks its contents at every piece.
struct TraceText: ExpressibleByStringInterpolation, Sendable, Hashable {
    var bytes: [UInt8]

    init(stringLiteral literal: StaticString) {
        bytes = literal.withUTF8Buffer { Array($0) }
    }

    /// Text already written.
    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    init(stringInterpolation: Interpolation) {
        bytes = stringInterpolation.bytes
    }

    /// Appends another line's text.
    static func += (line: inout TraceText, more: TraceText) {
        line.bytes += more.bytes
    }

    /// The line as a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + interpolationCount * 32)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        /// Text as it is, unquoted.
        mutating func appendInterpolation(_ text: String) {
            bytes.appendUTF8(text)
        }

        /// Another line's text.
        mutating func appendInterpolation(_ text: TraceText) {
            bytes += text.bytes
        }

        /// `true` or `false`.
        mutating func appendInterpolation(_ flag: Bool) {
            bytes.appendUTF8(flag ? "true" : "false")
        }

        /// A number in decimal.
        mutating func appendInterpolation(_ number: Int) {
            bytes.appendUTF8(String(number))
        }

        /// The value's trace text, or `(missing)`.
        mutating func appendInterpolation(trace value: RegoValue?) {
            value.writeTraceText(to: &bytes)
        }

        /// `[a, b]` in trace text.
        mutating func appendInterpolation(trace values: [RegoValue]) {
            RegoValue.array(values).writeTraceText(to: &bytes)
        }
    }
}
