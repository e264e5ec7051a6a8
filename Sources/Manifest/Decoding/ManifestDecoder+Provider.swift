extension ManifestDecoder {
    static let providerFields = ["identifier", "name", "kind", "config", "secrets"]
    static let booleanConfigKeys: Set<String> = ["forward_caracal_identity", "allow_runtime_injection"]
    static let hostListConfigKeys: Set<String> = ["allowed_token_hosts"]
    static let parameterConfigKeys: Set<String> = ["token_params", "authorization_params"]
    static let enumConfigValues: [String: [String]] = [
        "auth_location": ["header", "query"],
        "client_auth_method": ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
        "grant_type": ["client_credentials", "jwt_bearer"],
    ]

    func decodeProvider(_ node: YAMLNode, name: String, context: inout DecodingContext) -> ProviderSpec? {
        guard let fields = context.fields(of: node, path: "spec", allowed: Self.providerFields, required: ["kind"]) else { return nil }
        var identifier = "provider://\(name)"
        if let identifierNode = fields["identifier"], let value = context.string(identifierNode, path: "spec.identifier") {
            identifier = value.trimmingWhitespace
        }
        // Looked up only when there is something to report.
        let identifierPath = fields.contains("identifier") ? "spec.identifier" : "metadata.name"
        if !AdminAPIFormats.isProviderIdentifier(identifier) {
            let hint = fields.contains("identifier")
                ? ""
                : " The identifier defaults to 'provider://<metadata.name>'; set 'spec.identifier' or rename the provider."
            context.error("invalid_identifier", "Provider identifier '\(identifier)' must look like 'provider://name' with lower-case letters, digits and single '-' between them.\(hint)", at: context.sourceMap[identifierPath])
        } else if identifier.hasPrefix("provider://caracal-sys-") {
            context.error("reserved_name", "Provider identifier '\(identifier)' is in the reserved 'provider://caracal-sys-' namespace.", at: context.sourceMap[identifierPath])
        }
        var spec = ProviderSpec(identifier: identifier, kind: .none)
        if let nameNode = fields["name"], let display = context.string(nameNode, path: "spec.name") {
            spec.name = display.trimmingWhitespace
            if spec.name?.isEmpty == true {
                context.error("invalid_value", "'spec.name' must not be empty; leave it out to use the identifier.", at: nameNode.location)
            }
        }
        guard let kindNode = fields["kind"], let kindText = context.string(kindNode, path: "spec.kind") else { return nil }
        guard let kind = ProviderKind(rawValue: kindText) else {
            let kinds = ProviderKind.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: kindText, in: kinds).map { "; did you mean '\($0)'?" } ?? ". Kinds are \(kinds.joined(separator: ", "))."
            context.error("invalid_value", "Unknown provider kind '\(kindText)'\(hint)", at: kindNode.location)
            return nil
        }
        spec.kind = kind
        if let configNode = fields["config"] {
            spec.config = decodeProviderConfig(configNode, kind: kind, context: &context)
        }
        if let secretsNode = fields["secrets"] {
            spec.secrets = decodeProviderSecrets(secretsNode, kind: kind, context: &context)
        }
        ProviderRules(kind: kind).check(
            config: spec.config ?? [:], secrets: spec.secrets, context: &context)
        spec.config = spec.config.map { ProviderRules.normalized($0, kind: kind) }
        return spec
    }

    private func decodeProviderConfig(_ node: YAMLNode, kind: ProviderKind, context: inout DecodingContext) -> [String: RegoValue]? {
        guard let members = context.members(of: node, path: "spec.config") else { return nil }
        let allowed = kind.publicConfigKeys
        var config: [String: RegoValue] = [:]
        for member in members {
            let path = member.path
            if ProviderKind.secretKeys.contains(member.key) {
                context.redact(member.value)
                context.error("secret_in_config", "'\(member.key)' is a secret; move it to 'spec.secrets' as a ${env:NAME} or ${file:PATH} reference.", at: member.keyNode.location)
                continue
            }
            guard allowed.contains(member.key) else {
                let hint = allowed.isEmpty
                    ? ". A '\(kind.rawValue)' provider takes no config; remove 'spec.config'."
                    : Suggestion.phrase(for: member.key, in: allowed, otherwise: ". Keys for '\(kind.rawValue)': \(allowed.joined(separator: ", ")).")
                context.error("invalid_provider_config", "Config key '\(member.key)' is not allowed for provider kind '\(kind.rawValue)'\(hint)", at: member.keyNode.location)
                continue
            }
            if Self.booleanConfigKeys.contains(member.key) {
                if let value = context.bool(member.value, path: path) { config[member.key] = .bool(value) }
            } else if Self.hostListConfigKeys.contains(member.key) {
                if let hosts = context.stringList(member.value, path: path) { config[member.key] = .array(hosts.map(RegoValue.string)) }
            } else if Self.parameterConfigKeys.contains(member.key) {
                if let parameters = decodeParameters(member.value, path: path, context: &context) { config[member.key] = .object(parameters) }
            } else if member.key == "scopes" {
                if case .sequence = member.value.content {
                    if let scopes = context.stringList(member.value, path: path) { config[member.key] = .array(scopes.map(RegoValue.string)) }
                } else if let scopes = context.string(member.value, path: path) {
                    config[member.key] = .string(scopes)
                }
            } else if let value = context.string(member.value, path: path) {
                if let choices = Self.enumConfigValues[member.key], !choices.contains(value.trimmingWhitespace) {
                    context.error("invalid_provider_config", "'\(path)' must be one of \(choices.joined(separator: ", ")), not '\(value)'\(Suggestion.phrase(for: value, in: choices, otherwise: "."))", at: member.value.location)
                    continue
                }
                config[member.key] = .string(value)
            }
        }
        return config
    }

    private func decodeParameters(_ node: YAMLNode, path: FieldPath, context: inout DecodingContext) -> [String: RegoValue]? {
        guard let members = context.members(of: node, path: path) else { return nil }
        var parameters: [String: RegoValue] = [:]
        for member in members {
            if let problem = AdminAPIFormats.oauthParameterProblem(member.key) {
                context.error("invalid_provider_config", "Parameter name '\(member.key)' in '\(path)' \(problem).", at: member.keyNode.location)
            }
            if let value = context.string(member.value, path: .member(path, member.key)) {
                parameters[member.key] = .string(value)
            }
        }
        return parameters
    }

    private func decodeProviderSecrets(_ node: YAMLNode, kind: ProviderKind, context: inout DecodingContext) -> [String: SecretValue] {
        guard let members = context.members(of: node, path: "spec.secrets") else { return [:] }
        var secrets: [String: SecretValue] = [:]
        for member in members {
            guard kind.secretConfigKeys.contains(member.key) else {
                let allowed = kind.secretConfigKeys
                let hint = allowed.isEmpty
                    ? ". A '\(kind.rawValue)' provider takes no secrets."
                    : Suggestion.phrase(for: member.key, in: allowed, otherwise: ". Secrets for '\(kind.rawValue)': \(allowed.joined(separator: ", ")).")
                context.error("invalid_provider_config", "Secret key '\(member.key)' is not allowed for provider kind '\(kind.rawValue)'\(hint)", at: member.keyNode.location)
                continue
            }
            guard case .scalar(let text, _) = member.value.content else {
                context.error("wrong_type", "Secret '\(member.key)' must be a ${env:NAME} or ${file:PATH} reference, not \(YAMLNode.describe(member.value)).", at: member.value.location)
                continue
            }
            let expansion = context.interpolation.expand(text, at: member.value.location, columnBase: context.columnBase(of: member.value))
            guard expansion.isSingleReference || !expansion.diagnostics.isEmpty,
                  let reference = expansion.references.first, reference.source != .var else {
                let usesVar = expansion.references.first?.source == .var
                if !usesVar { context.redact(member.value) }
                context.error(
                    "literal_secret",
                    usesVar
                        ? "Secret '\(member.key)' of \(context.subject) comes from a --var value, which ends up in shell history and CI logs; use a ${env:NAME} or ${file:PATH} reference."
                        : "Secret '\(member.key)' of \(context.subject) is written as a literal value; secrets must be a ${env:NAME} or ${file:PATH} reference so they never land in git.",
                    at: member.value.location)
                // Counted as given, so the kind's required-secret check does not report it again.
                secrets[member.key] = SecretValue(reference: "(invalid)", value: "")
                continue
            }
            if !expansion.diagnostics.isEmpty {
                context.diagnostics.append(contentsOf: expansion.diagnostics)
                secrets[member.key] = SecretValue(reference: reference.text, value: "")
                continue
            }
            let value = expansion.value.trimmingWhitespace
            if value.isEmpty {
                context.error("invalid_secret", "Secret '\(member.key)' of \(context.subject) is empty (from \(reference.text)).", at: member.value.location)
            } else if member.key != "private_key", Self.containsControlCharacter(value) {
                context.error("invalid_secret", "Secret '\(member.key)' of \(context.subject) (from \(reference.text)) contains control characters or line breaks; only 'private_key' may span lines.", at: member.value.location)
            }
            secrets[member.key] = SecretValue(reference: reference.text, value: value)
        }
        return secrets
    }

    /// Whether `text` has a character of the Unicode control category (U+0000–U+001F and
    /// U+007F–U+009F), found in its UTF-8 bytes: U+0080–U+009F are encoded as C2 80–C2 9F.
    static func containsControlCharacter(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { return true }
            previous = byte
        }
        return false
    }
}
