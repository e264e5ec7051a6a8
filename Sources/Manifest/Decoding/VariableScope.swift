/// What `${env:…}` and `${var:…}` references resolve against.
public struct VariableScope: Sendable {
    /// The process environment (`${env:NAME}`).
    public var environment: [String: String]
    /// Values from `--var NAME=VALUE` and `--var-file FILE` (`${var:NAME}`).
    public var variables: [String: String]

    public init(environment: [String: String] = [:], variables: [String: String] = [:]) {
        self.environment = environment
        self.variables = variables
    }
}
