/// A terminal text style, as an ANSI SGR escape sequence.
public enum ANSIStyle: Sendable, Hashable, CaseIterable {
    /// Bold (also used for headings and `Error:`).
    case bold
    /// Faint text, for secondary details.
    case dim
    /// Red: errors, deletions.
    case red
    /// Green: success, creations.
    case green
    /// Yellow: warnings, updates.
    case yellow
    /// Blue: informational notes.
    case blue
    /// Cyan: names and addresses.
    case cyan

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
