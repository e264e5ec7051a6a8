import Manifest

/// One `--var NAME=VALUE` assignment, giving `${var:NAME}` its value.
public struct VariableAssignment: Sendable, Hashable {
    /// The variable's name.
    public let name: String
    /// Its value, exactly as given (it may be empty, and may be a secret: never print it).
    public let value: String

    /// Creates an assignment.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `NAME=VALUE`; the name starts with a letter or `_` and goes on with letters, digits, `_`, `-` or `.`.
    ///
    /// - Returns: `nil` when there is no `=` or the name is not valid.
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals])
        guard VariableFile.isName(name) else { return nil }
        self.init(name: name, value: String(argument[argument.index(after: equals)...]))
    }
}
