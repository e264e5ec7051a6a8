/// A protected Resource's desired state (SPEC §3).
public struct ResourceSpec: Sendable, Hashable {
    /// How the Gateway applies a resource's operations.
    public enum OperationEnforcement: String, Sendable, Hashable, CaseIterable {
        case enforced
        case transportUniform = "transport_uniform"
    }

    /// One `METHOD path → scope` operation; the method is stored upper-cased and trimmed.
    public struct Operation: Sendable, Hashable, Comparable {
        public var method: String
        public var path: String
        public var scope: String

        public init(method: String, path: String, scope: String) {
            self.method = method
            self.path = path
            self.scope = scope
        }

        public static func < (lhs: Operation, rhs: Operation) -> Bool {
            (lhs.method, lhs.path, lhs.scope) < (rhs.method, rhs.path, rhs.scope)
        }
    }

    /// The live identity: `spec.identifier`, default `resource://<metadata.name>`.
    public var identifier: String
    /// The display name; `nil` when left out (the API then uses the identifier).
    public var name: String?
    /// The scopes, compared as a set.
    public var scopes: [String]
    public var upstreamURL: String
    /// The `metadata.name` of a Provider in the same zone.
    public var provider: String?
    /// The operations, compared as a set; `nil` when left out.
    public var operations: [Operation]?
    public var operationEnforcement: OperationEnforcement?

    public init(
        identifier: String, name: String? = nil, scopes: [String], upstreamURL: String, provider: String? = nil,
        operations: [Operation]? = nil, operationEnforcement: OperationEnforcement? = nil
    ) {
        self.identifier = identifier
        self.name = name
        self.scopes = scopes
        self.upstreamURL = upstreamURL
        self.provider = provider
        self.operations = operations
        self.operationEnforcement = operationEnforcement
    }
}
