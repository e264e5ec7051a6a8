/// One field's change in a plan: its path, the live value and the desired one.
public struct FieldChange: Sendable, Hashable {
    /// The Admin API field, such as `scopes` or `config_json`; secrets are `secrets.<key>`.
    public var path: String
    public var before: PlanValue
    public var after: PlanValue
    /// Whether the field holds a secret; its values are never shown.
    public var sensitive: Bool

    public init(path: String, before: PlanValue, after: PlanValue, sensitive: Bool = false) {
        self.path = path
        self.before = before
        self.after = after
        self.sensitive = sensitive
    }
}
