import Foundation

/// The Admin API's provider config rules (reference §3) and its storage normalisation.
struct ProviderRules {
    let kind: ProviderKind

    /// Reports every rule the config and secrets break.
    func check(config: [String: RegoValue], secrets: [String: SecretValue], context: inout DecodingContext) {
        var problems: [(field: String, message: String)] = []
        func require(_ key: String, _ why: String = "") {
            if config[key] == nil && secrets[key] == nil {
                let place = ProviderKind.secretKeys.contains(key) ? "spec.secrets" : "spec.config"
                problems.append((place, "\(context.subject) needs '\(place).\(key)'\(why)."))
            }
        }
        func string(_ key: String) -> String? { config[key]?.stringValue?.trimmingWhitespace }
        let method = string("client_auth_method") ?? "client_secret_basic"
        let grant = string("grant_type") ?? "client_credentials"
        switch kind {
        case .none, .caracalMandate:
            break
        case .apiKey:
            require("api_key")
            let location = string("auth_location") ?? "header"
            if location == "header" {
                require("header_name", " because 'auth_location' is 'header' (the default)")
            } else {
                require("query_param_name", " because 'auth_location' is 'query'")
                if config["auth_scheme"] != nil {
                    problems.append(("spec.config.auth_scheme", "'auth_scheme' only applies when 'auth_location' is 'header'."))
                }
            }
        case .bearerToken:
            require("bearer_token")
        case .httpBasic:
            require("username")
            require("password")
        case .oauth2ClientCredentials:
            require("token_endpoint")
            require("client_id")
            let usesKey = method == "private_key_jwt" || grant == "jwt_bearer"
            if usesKey {
                require("private_key", " because it signs with a private key (\(method == "private_key_jwt" ? "client_auth_method: private_key_jwt" : "grant_type: jwt_bearer"))")
            } else if method != "none" {
                require("client_secret", " for client_auth_method '\(method)'")
            }
            if !usesKey, secrets["private_key"] != nil || config["key_id"] != nil {
                let key = secrets["private_key"] != nil ? "private_key" : "key_id"
                problems.append((key == "key_id" ? "spec.config.key_id" : "spec.secrets.private_key", "'\(key)' needs client_auth_method 'private_key_jwt' or grant_type 'jwt_bearer'."))
            }
            if config["certificate"] != nil, method != "private_key_jwt" {
                problems.append(("spec.config.certificate", "'certificate' needs client_auth_method 'private_key_jwt'."))
            }
            if method == "private_key_jwt", secrets["client_secret"] != nil {
                problems.append(("spec.secrets.client_secret", "'client_secret' cannot be used with client_auth_method 'private_key_jwt'; remove it."))
            }
            if grant == "jwt_bearer" {
                if method == "private_key_jwt" {
                    problems.append(("spec.config.grant_type", "grant_type 'jwt_bearer' cannot be combined with client_auth_method 'private_key_jwt'."))
                }
                for key in ["audience", "resource"] where config[key] != nil {
                    problems.append(("spec.config.\(key)", "'\(key)' cannot be used with grant_type 'jwt_bearer'."))
                }
            } else {
                for key in ["assertion_subject", "assertion_audience"] where config[key] != nil {
                    problems.append(("spec.config.\(key)", "'\(key)' is only allowed with grant_type 'jwt_bearer'."))
                }
            }
        case .oauth2AuthorizationCode:
            require("authorization_endpoint")
            require("token_endpoint")
            require("redirect_uri")
            require("client_id")
            if method == "private_key_jwt" {
                problems.append(("spec.config.client_auth_method", "client_auth_method 'private_key_jwt' is not available for 'oauth2_authorization_code'."))
            } else if method != "none" {
                require("client_secret", " for client_auth_method '\(method)'")
            }
        }
        if kind.isOAuth {
            for key in ["token_endpoint", "authorization_endpoint", "revocation_endpoint"] {
                if let url = string(key), let problem = AdminAPIFormats.httpsURLProblem(url) {
                    problems.append(("spec.config.\(key)", "'\(key)' \(problem)."))
                }
            }
            if let revocation = string("revocation_endpoint"), let host = URL(string: revocation)?.host?.lowercased() {
                let allowed = hosts(in: config)
                if !allowed.contains(host) {
                    problems.append(("spec.config.revocation_endpoint", "The revocation endpoint's host '\(host)' must be in 'allowed_token_hosts' (\(allowed.sorted().joined(separator: ", ")))."))
                }
            }
        }
        for key in ["header_name", "auth_header"] {
            if let name = string(key), let problem = AdminAPIFormats.headerNameProblem(name) {
                problems.append(("spec.config.\(key)", "'\(key)' '\(name)' \(problem)."))
            }
        }
        if let scheme = string("auth_scheme") {
            for key in ["bearer_token", "api_key"] {
                if let secret = secrets[key], secret.revealedValue.lowercased().hasPrefix(scheme.lowercased() + " ") {
                    problems.append(("spec.secrets.\(key)", "Secret '\(key)' (from \(secret.reference)) starts with '\(scheme) '; give the bare token, since Caracal adds the scheme."))
                }
            }
        } else if kind == .bearerToken, let secret = secrets["bearer_token"], secret.revealedValue.lowercased().hasPrefix("bearer ") {
            problems.append(("spec.secrets.bearer_token", "Secret 'bearer_token' (from \(secret.reference)) starts with 'Bearer '; give the bare token, since Caracal adds the scheme."))
        }
        for problem in problems {
            context.error("invalid_provider_config", problem.message, at: context.sourceMap[problem.field])
        }
    }

    /// The hosts OAuth calls may reach: `allowed_token_hosts`, or the token endpoint's host.
    private func hosts(in config: [String: RegoValue]) -> Set<String> {
        if case .array(let hosts)? = config["allowed_token_hosts"] {
            return Set(hosts.compactMap { $0.stringValue?.trimmingWhitespace.lowercased() })
        }
        if let endpoint = config["token_endpoint"]?.stringValue, let host = URL(string: endpoint.trimmingWhitespace)?.host {
            return [host.lowercased()]
        }
        return []
    }

    /// The config as the Admin API stores it: strings trimmed, host lists lower-cased, and the
    /// server's defaults filled in.
    static func normalized(_ config: [String: RegoValue], kind: ProviderKind) -> [String: RegoValue] {
        var result: [String: RegoValue] = [:]
        for (key, value) in config {
            result[key] = trimmed(value, lowercase: ManifestDecoder.hostListConfigKeys.contains(key))
        }
        switch kind {
        case .apiKey:
            if result["auth_location"] == nil { result["auth_location"] = .string("header") }
        case .oauth2ClientCredentials, .oauth2AuthorizationCode:
            if result["client_auth_method"] == nil { result["client_auth_method"] = .string("client_secret_basic") }
            if kind == .oauth2ClientCredentials, result["grant_type"] == nil { result["grant_type"] = .string("client_credentials") }
            if result["allowed_token_hosts"] == nil, let endpoint = result["token_endpoint"]?.stringValue,
               let host = URL(string: endpoint)?.host?.lowercased() {
                result["allowed_token_hosts"] = .array([.string(host)])
            }
        default:
            break
        }
        return result
    }

    private static func trimmed(_ value: RegoValue, lowercase: Bool) -> RegoValue {
        switch value {
        case .string(let text):
            let clean = text.trimmingWhitespace
            return .string(lowercase ? clean.lowercased() : clean)
        case .array(let items):
            return .array(items.map { trimmed($0, lowercase: lowercase) })
        case .object(let members):
            return .object(members.mapValues { trimmed($0, lowercase: false) })
        default:
            return value
        }
    }
}
