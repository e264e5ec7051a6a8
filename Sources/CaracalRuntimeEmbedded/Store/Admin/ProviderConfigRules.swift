import CaracalRuntime
import Manifest

/// The Admin API's provider config rules and storage normalisation (reference §3), applied to
/// a create or patch body's `config_json`.
struct ProviderConfigRules {
    let kind: ProviderKind

    /// The config split into what is stored publicly and the secrets, both normalised.
    struct Result {
        var publicConfig: [String: RegoValue]
        /// The secrets given in this body (trimmed); empty when none were given.
        var secrets: [String: String]
    }

    /// A 400 `invalid_provider_config`.
    static func invalid(_ description: String) -> RuntimeError {
        RuntimeError(status: 400, code: "invalid_provider_config", message: description)
    }

    /// Checks and normalises `config`.
    ///
    /// - Parameter storedSecretKeys: the secrets already stored that count as present when the
    ///   body gives none (a patch that keeps the kind); empty otherwise.
    func normalize(_ config: [String: RegoValue], storedSecretKeys: Set<String>) throws(RuntimeError) -> Result {
        let allowedPublic = Set(kind.publicConfigKeys)
        let allowedSecret = Set(kind.secretConfigKeys)
        var publicConfig: [String: RegoValue] = [:]
        var secrets: [String: String] = [:]
        for key in config.keys.sorted() {
            let value = config[key]!
            if ProviderKind.secretKeys.contains(key) {
                guard allowedSecret.contains(key) else {
                    throw Self.invalid("The config key '\(key)' is not allowed for provider kind '\(kind.rawValue)'.")
                }
                guard case .string(let raw) = value else {
                    throw Self.invalid("The secret '\(key)' must be a string.")
                }
                let secret = raw.trimmed
                guard !secret.isEmpty else { throw Self.invalid("The secret '\(key)' is empty.") }
                if key != "private_key", secret.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    throw Self.invalid("The secret '\(key)' must be one line with no control characters.")
                }
                secrets[key] = secret
            } else {
                guard allowedPublic.contains(key) else {
                    let allowed = kind.publicConfigKeys + kind.secretConfigKeys
                    let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
                    throw Self.invalid("The config key '\(key)' is not allowed for provider kind '\(kind.rawValue)'; allowed keys: \(list).")
                }
                publicConfig[key] = try Self.normalizedValue(key, value)
            }
        }
        let present = secrets.isEmpty ? storedSecretKeys : Set(secrets.keys)
        try check(publicConfig, secrets: secrets, present: present)
        applyDefaults(&publicConfig)
        if kind.isOAuth, let revocation = publicConfig["revocation_endpoint"]?.stringValue,
           let host = SimpleURL(revocation)?.host {
            let allowed = Set((publicConfig["allowed_token_hosts"].flatMap { value -> [RegoValue]? in
                if case .array(let hosts) = value { return hosts }
                return nil
            } ?? []).compactMap(\.stringValue))
            if !allowed.contains(host) {
                throw Self.invalid("The revocation endpoint's host '\(host)' must be in 'allowed_token_hosts' (\(allowed.sorted().joined(separator: ", "))).")
            }
        }
        return Result(publicConfig: publicConfig, secrets: secrets)
    }

    private static let stringKeys: Set<String> = [
        "header_name", "query_param_name", "auth_location", "auth_scheme", "auth_header", "username", "token_endpoint",
        "authorization_endpoint", "redirect_uri", "revocation_endpoint", "client_id", "client_auth_method", "grant_type",
        "audience", "resource", "assertion_subject", "assertion_audience", "key_id", "certificate",
    ]
    private static let boolKeys: Set<String> = ["forward_caracal_identity", "allow_runtime_injection"]
    private static let parameterKeys: Set<String> = ["token_params", "authorization_params"]

    /// One public value type-checked, trimmed, and lower-cased for host lists.
    private static func normalizedValue(_ key: String, _ value: RegoValue) throws(RuntimeError) -> RegoValue {
        if stringKeys.contains(key) {
            guard case .string(let text) = value else { throw invalid("The config key '\(key)' must be a string.") }
            let clean = text.trimmed
            guard !clean.isEmpty else { throw invalid("The config key '\(key)' is empty.") }
            return .string(clean)
        }
        if boolKeys.contains(key) {
            guard case .bool = value else { throw invalid("The config key '\(key)' must be true or false.") }
            return value
        }
        if key == "allowed_token_hosts" {
            guard case .array(let hosts) = value else { throw invalid("'allowed_token_hosts' must be a list of host names.") }
            var result: [RegoValue] = []
            for host in hosts {
                guard case .string(let text) = host, !text.trimmed.isEmpty else {
                    throw invalid("'allowed_token_hosts' must be a list of non-empty host names.")
                }
                result.append(.string(text.trimmed.lowercased()))
            }
            return .array(result)
        }
        if key == "scopes" {
            switch value {
            case .string(let text): return .string(text.trimmed)
            case .array(let items):
                var result: [RegoValue] = []
                for item in items {
                    guard case .string(let text) = item else { throw invalid("'scopes' must be a string or a list of strings.") }
                    result.append(.string(text.trimmed))
                }
                return .array(result)
            default: throw invalid("'scopes' must be a string or a list of strings.")
            }
        }
        if parameterKeys.contains(key) {
            guard case .object(let members) = value else { throw invalid("'\(key)' must be an object of parameter names to values.") }
            var result: [String: RegoValue] = [:]
            for (name, member) in members {
                if let problem = AdminAPIFormats.oauthParameterProblem(name) {
                    throw invalid("The \(key) name '\(name)' \(problem).")
                }
                guard case .string(let text) = member else { throw invalid("The \(key) value of '\(name)' must be a string.") }
                result[name] = .string(text.trimmed)
            }
            return .object(result)
        }
        return value
    }

    /// The rules across keys, before defaults are added.
    private func check(_ config: [String: RegoValue], secrets: [String: String], present: Set<String>) throws(RuntimeError) {
        func string(_ key: String) -> String? { config[key]?.stringValue }
        func require(_ key: String, _ why: String = "") throws(RuntimeError) {
            if config[key] == nil && !present.contains(key) {
                throw Self.invalid("Provider kind '\(kind.rawValue)' needs '\(key)'\(why).")
            }
        }
        let method = string("client_auth_method") ?? "client_secret_basic"
        let grant = string("grant_type") ?? "client_credentials"
        switch kind {
        case .none, .caracalMandate:
            break
        case .apiKey:
            try require("api_key")
            let location = string("auth_location") ?? "header"
            switch location {
            case "header":
                try require("header_name", " because 'auth_location' is 'header' (the default)")
                if config["query_param_name"] != nil {
                    throw Self.invalid("'query_param_name' only applies when 'auth_location' is 'query'.")
                }
            case "query":
                try require("query_param_name", " because 'auth_location' is 'query'")
                if config["auth_scheme"] != nil { throw Self.invalid("'auth_scheme' only applies when 'auth_location' is 'header'.") }
                if config["header_name"] != nil { throw Self.invalid("'header_name' only applies when 'auth_location' is 'header'.") }
            default:
                throw Self.invalid("'auth_location' must be 'header' or 'query', not '\(location)'.")
            }
        case .bearerToken:
            try require("bearer_token")
        case .httpBasic:
            try require("username")
            try require("password")
        case .oauth2ClientCredentials:
            guard ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"].contains(method) else {
                throw Self.invalid("'client_auth_method' must be client_secret_basic, client_secret_post, private_key_jwt or none, not '\(method)'.")
            }
            guard ["client_credentials", "jwt_bearer"].contains(grant) else {
                throw Self.invalid("'grant_type' must be client_credentials or jwt_bearer, not '\(grant)'.")
            }
            try require("token_endpoint")
            try require("client_id")
            let usesKey = method == "private_key_jwt" || grant == "jwt_bearer"
            if usesKey {
                try require("private_key", " because it signs with a private key")
            } else if method != "none" {
                try require("client_secret", " for client_auth_method '\(method)'")
            }
            if !usesKey, present.contains("private_key") || config["key_id"] != nil {
                throw Self.invalid("'private_key' and 'key_id' need client_auth_method 'private_key_jwt' or grant_type 'jwt_bearer'.")
            }
            if config["certificate"] != nil, method != "private_key_jwt" {
                throw Self.invalid("'certificate' needs client_auth_method 'private_key_jwt'.")
            }
            if method == "private_key_jwt", present.contains("client_secret") {
                throw Self.invalid("'client_secret' cannot be used with client_auth_method 'private_key_jwt'.")
            }
            if grant == "jwt_bearer" {
                if method == "private_key_jwt" {
                    throw Self.invalid("grant_type 'jwt_bearer' cannot be combined with client_auth_method 'private_key_jwt'.")
                }
                for key in ["audience", "resource"] where config[key] != nil {
                    throw Self.invalid("'\(key)' cannot be used with grant_type 'jwt_bearer'.")
                }
            } else {
                for key in ["assertion_subject", "assertion_audience"] where config[key] != nil {
                    throw Self.invalid("'\(key)' is only allowed with grant_type 'jwt_bearer'.")
                }
            }
        case .oauth2AuthorizationCode:
            guard ["client_secret_basic", "client_secret_post", "none"].contains(method) else {
                throw Self.invalid("'client_auth_method' must be client_secret_basic, client_secret_post or none for 'oauth2_authorization_code', not '\(method)'.")
            }
            try require("authorization_endpoint")
            try require("token_endpoint")
            try require("redirect_uri")
            try require("client_id")
            if method != "none" { try require("client_secret", " for client_auth_method '\(method)'") }
        }
        if kind.isOAuth {
            for key in ["token_endpoint", "authorization_endpoint", "revocation_endpoint"] {
                if let url = string(key) {
                    guard let parsed = SimpleURL(url), parsed.scheme == "https", !parsed.host.isEmpty else {
                        throw Self.invalid("'\(key)' must be an https URL, not '\(url)'.")
                    }
                }
            }
        }
        for key in ["header_name", "auth_header"] {
            if let name = string(key), let problem = AdminAPIFormats.headerNameProblem(name) {
                throw Self.invalid("'\(key)' '\(name)' \(problem).")
            }
        }
        let scheme = string("auth_scheme") ?? (kind == .bearerToken ? "Bearer" : nil)
        if let scheme {
            for key in ["bearer_token", "api_key"] {
                if let secret = secrets[key], secret.lowercased().hasPrefix(scheme.lowercased() + " ") {
                    throw Self.invalid("The secret '\(key)' starts with '\(scheme) '; give the bare token, since Caracal adds the scheme.")
                }
            }
        }
    }

    /// The server's defaults (reference §3, "Normalization before storage").
    private func applyDefaults(_ config: inout [String: RegoValue]) {
        switch kind {
        case .apiKey:
            if config["auth_location"] == nil { config["auth_location"] = .string("header") }
        case .oauth2ClientCredentials, .oauth2AuthorizationCode:
            if config["client_auth_method"] == nil { config["client_auth_method"] = .string("client_secret_basic") }
            if kind == .oauth2ClientCredentials, config["grant_type"] == nil { config["grant_type"] = .string("client_credentials") }
            if config["allowed_token_hosts"] == nil, let endpoint = config["token_endpoint"]?.stringValue,
               let host = SimpleURL(endpoint)?.host, !host.isEmpty {
                config["allowed_token_hosts"] = .array([.string(host)])
            }
        default:
            break
        }
    }
}
