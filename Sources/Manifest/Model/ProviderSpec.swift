/// A credential Provider's desired state (SPEC §3).
public struct ProviderSpec: Sendable, Hashable {
    /// The live identity: `spec.identifier`, default `provider://<metadata.name>`.
    public var identifier: String
    /// The display name; `nil` when left out (the API then uses the identifier).
    public var name: String?
    public var kind: ProviderKind
    /// Public config, normalised as the Admin API stores it; `nil` when left out.
    public var config: [String: RegoValue]?
    /// Secret config by key; values resolved from references, never printed.
    public var secrets: [String: SecretValue]

    public init(identifier: String, name: String? = nil, kind: ProviderKind, config: [String: RegoValue]? = nil, secrets: [String: SecretValue] = [:]) {
        self.identifier = identifier
        self.name = name
        self.kind = kind
        self.config = config
        self.secrets = secrets
    }
}
