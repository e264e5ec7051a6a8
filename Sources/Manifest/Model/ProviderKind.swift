/// A credential provider's kind, with the config keys the Admin API allows for it.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable {
    case none
    case caracalMandate = "caracal_mandate"
    case oauth2AuthorizationCode = "oauth2_authorization_code"
    case oauth2ClientCredentials = "oauth2_client_credentials"
    case apiKey = "api_key"
    case bearerToken = "bearer_token"
    case httpBasic = "http_basic"

    /// The keys whose values are sealed by the API and never returned.
    public static let secretKeys: Set<String> = ["client_secret", "private_key", "api_key", "bearer_token", "password"]

    /// Public (non-secret) config keys allowed for this kind.
    public var publicConfigKeys: [String] {
        switch self {
        case .none, .caracalMandate:
            return []
        case .apiKey:
            return ["header_name", "query_param_name", "auth_location", "auth_scheme", "allowed_token_hosts",
                    "forward_caracal_identity", "allow_runtime_injection"]
        case .bearerToken:
            return ["allowed_token_hosts", "auth_header", "auth_scheme", "forward_caracal_identity", "allow_runtime_injection"]
        case .httpBasic:
            return ["username", "allowed_token_hosts", "forward_caracal_identity"]
        case .oauth2ClientCredentials:
            return ["token_endpoint", "client_id", "client_auth_method", "grant_type", "scopes", "audience", "resource",
                    "assertion_subject", "assertion_audience", "key_id", "certificate", "allowed_token_hosts",
                    "token_params", "auth_header", "auth_scheme", "forward_caracal_identity", "allow_runtime_injection"]
        case .oauth2AuthorizationCode:
            return ["authorization_endpoint", "token_endpoint", "redirect_uri", "client_id", "client_auth_method", "scopes",
                    "revocation_endpoint", "allowed_token_hosts", "authorization_params", "token_params", "auth_header",
                    "auth_scheme", "forward_caracal_identity"]
        }
    }

    /// Secret keys allowed for this kind.
    public var secretConfigKeys: [String] {
        switch self {
        case .none, .caracalMandate: return []
        case .apiKey: return ["api_key"]
        case .bearerToken: return ["bearer_token"]
        case .httpBasic: return ["password"]
        case .oauth2ClientCredentials: return ["client_secret", "private_key"]
        case .oauth2AuthorizationCode: return ["client_secret"]
        }
    }

    /// Whether this is one of the OAuth kinds (token endpoints, allowed-host defaults).
    public var isOAuth: Bool { self == .oauth2ClientCredentials || self == .oauth2AuthorizationCode }
}
