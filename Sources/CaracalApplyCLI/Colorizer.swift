/// Colours text for one output stream, or leaves it alone when colour is off.
///
/// Colour is on only when the stream is a terminal, `--no-color` was not given, `NO_COLOR` is
/// unset or empty (see no-color.org) and `TERM` is not `dumb`.
public struct Colorizer: Sendable, Hashable {
    /// Whether `apply` adds escape sequences.
    public let isEnabled: Bool

    /// A colorizer that colours exactly when `isEnabled` is true.
    public init(isEnabled: Bool) { self.isEnabled = isEnabled }

    /// A colorizer for a stream, decided by `shouldColor(isTerminal:noColorFlag:environment:)`.
    public init(isTerminal: Bool, noColorFlag: Bool, environment: [String: String]) {
        self.init(isEnabled: Colorizer.shouldColor(isTerminal: isTerminal, noColorFlag: noColorFlag, environment: environment))
    }

    /// A colorizer that never colours.
    public static let plain = Colorizer(isEnabled: false)

    /// Whether a stream should be coloured.
    ///
    /// - Parameters:
    ///   - isTerminal: Whether the stream is a terminal.
    ///   - noColorFlag: Whether `--no-color` was given.
    ///   - environment: The process environment (`NO_COLOR`, `TERM`).
    public static func shouldColor(isTerminal: Bool, noColorFlag: Bool, environment: [String: String]) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    /// Returns `text` wrapped in the styles' escape sequences, or `text` unchanged when colour is off.
    public func apply(_ styles: ANSIStyle..., to text: String) -> String {
        guard isEnabled, !styles.isEmpty, !text.isEmpty else { return text }
        let codes = styles.map(\.code).joined(separator: ";")
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }
}
