/// A terminal text style, as an ANSI SGR escape sequence.
public enum ANSIStyle: Sendable, Hashable, CaseIterable {
    case bold, dim, red, green, yellow, blue, cyan

    /// The SGR parameter that switches the style on.
    public var code: String {
        switch self {
        case .bold: "1"
        case .dim: "2"
        case .red: "31"
        case .green: "32"
        case .yellow: "33"
        case .blue: "34"
        case .cyan: "36"
        }
    }
}
