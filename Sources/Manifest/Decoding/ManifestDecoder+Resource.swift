extension ManifestDecoder {
    static let resourceFields = ["identifier", "name", "scopes", "upstream_url", "provider", "operations", "operation_enforcement"]
    static let operationFields = ["method", "path", "scope"]

    func decodeResource(_ node: YAMLNode, name: String, context: inout DecodingContext) -> ResourceSpec? {
        guard let fields = context.fields(
            of: node, path: "spec", allowed: Self.resourceFields, required: ["scopes", "upstream_url", "provider"]) else { return nil }
        var identifier = "resource://\(name)"
        if let identifierNode = fields["identifier"], let value = context.string(identifierNode, path: "spec.identifier") {
            identifier = value.trimmingWhitespace
        }
        // Looked up only when there is something to report.
        let identifierPath = fields.contains("identifier") ? "spec.identifier" : "metadata.name"
        if let problem = AdminAPIFormats.resourceIdentifierProblem(identifier) {
            let hint = fields.contains("identifier") ? "" : " The identifier defaults to 'resource://<metadata.name>'; set 'spec.identifier'."
            context.error("invalid_identifier", "Resource identifier '\(identifier)' \(problem).\(hint)", at: context.sourceMap[identifierPath])
        } else if identifier.hasPrefix("caracal-sys://") {
            context.error("reserved_name", "Resource identifier '\(identifier)' is in the reserved 'caracal-sys://' namespace.", at: context.sourceMap[identifierPath])
        }
        var spec = ResourceSpec(identifier: identifier, scopes: [], upstreamURL: "")
        if let nameNode = fields["name"], let display = context.string(nameNode, path: "spec.name") {
            if display.isEmpty || display.count > AdminAPIFormats.resourceNameMax {
                context.error("invalid_value", "'spec.name' must be 1 to \(AdminAPIFormats.resourceNameMax) characters long.", at: nameNode.location)
            }
            spec.name = display
        }
        if let scopesNode = fields["scopes"], let scopes = context.stringList(scopesNode, path: "spec.scopes") {
            spec.scopes = checkScopes(scopes, node: scopesNode, context: &context)
        }
        if let urlNode = fields["upstream_url"], let url = context.string(urlNode, path: "spec.upstream_url") {
            spec.upstreamURL = url.trimmingWhitespace
            if let problem = AdminAPIFormats.upstreamURLProblem(spec.upstreamURL) {
                context.error("invalid_url", "'spec.upstream_url' \(problem).", at: urlNode.location)
            }
        }
        if let providerNode = fields["provider"] {
            spec.provider = context.string(providerNode, path: "spec.provider")
        }
        if let enforcementNode = fields["operation_enforcement"], let text = context.string(enforcementNode, path: "spec.operation_enforcement") {
            spec.operationEnforcement = ResourceSpec.OperationEnforcement(rawValue: text)
            if spec.operationEnforcement == nil {
                let choices = ResourceSpec.OperationEnforcement.allCases.map(\.rawValue)
                context.error("invalid_value", "'spec.operation_enforcement' must be 'enforced' or 'transport_uniform', not '\(text)'\(Suggestion.phrase(for: text, in: choices, otherwise: "."))", at: enforcementNode.location)
            }
        }
        if let operationsNode = fields["operations"] {
            spec.operations = decodeOperations(operationsNode, scopes: Set(spec.scopes), context: &context)
        }
        if (spec.operationEnforcement ?? .enforced) == .enforced, spec.operations?.isEmpty ?? true {
            context.warning("no_operations", "\(context.subject) enforces operations but declares none, so the Gateway will deny every call to it; add 'spec.operations' or set 'operation_enforcement: transport_uniform'.", at: context.sourceMap["spec"])
        }
        return spec
    }

    private func checkScopes(_ scopes: [String], node: YAMLNode, context: inout DecodingContext) -> [String] {
        if scopes.isEmpty || scopes.count > AdminAPIFormats.scopesMax {
            context.error("invalid_value", "'spec.scopes' must list 1 to \(AdminAPIFormats.scopesMax) scopes; it lists \(scopes.count).", at: node.location)
        }
        // The items' own locations, which is what the source map recorded for
        // 'spec.scopes[index]', without searching it.
        guard case .sequence(let items) = node.content else { return scopes }
        var seen: Set<String> = []
        for (index, scope) in scopes.enumerated() {
            let location = items[index].location
            if scope.isEmpty || scope.count > AdminAPIFormats.scopeMax {
                context.error("invalid_value", "Scope '\(scope)' must be 1 to \(AdminAPIFormats.scopeMax) characters long.", at: location)
            } else if !seen.insert(scope).inserted {
                context.error("duplicate_value", "Scope '\(scope)' is listed twice.", at: location)
            } else if scope == "agent:lifecycle" {
                context.warning("derived_scope", "Do not declare 'agent:lifecycle'; Caracal's token service derives it for every resource.", at: location)
            } else if scope.containsWhitespace {
                context.warning("scope_whitespace", "Scope '\(scope)' contains white space; presented tokens list scopes separated by spaces, so it could never be used.", at: location)
            }
        }
        return scopes
    }

    private func decodeOperations(_ node: YAMLNode, scopes: Set<String>, context: inout DecodingContext) -> [ResourceSpec.Operation]? {
        guard let items = context.items(of: node, path: "spec.operations") else { return nil }
        if items.count > AdminAPIFormats.operationsMax {
            context.error("too_many", "'spec.operations' lists \(items.count) operations; Caracal allows at most \(AdminAPIFormats.operationsMax).", at: node.location)
        }
        var operations: [ResourceSpec.Operation] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = FieldPath.item("spec.operations", index)
            guard let fields = context.fields(of: item, path: path, allowed: Self.operationFields, required: Self.operationFields),
                  let methodNode = fields["method"], let pathNode = fields["path"], let scopeNode = fields["scope"],
                  let method = context.string(methodNode, path: .member(path, "method")),
                  let operationPath = context.string(pathNode, path: .member(path, "path")),
                  let scope = context.string(scopeNode, path: .member(path, "scope")) else { continue }
            let normalizedMethod = method.trimmingWhitespace.uppercased()
            if normalizedMethod.isEmpty || normalizedMethod.count > AdminAPIFormats.methodMax {
                context.error("operation_method_and_path_required", "Operation method must be 1 to \(AdminAPIFormats.methodMax) characters long.", at: methodNode.location)
            }
            if !operationPath.hasPrefix("/") {
                context.error("operation_path_must_be_absolute", "Operation path '\(operationPath)' must start with '/'.", at: pathNode.location)
            } else if operationPath.count > AdminAPIFormats.pathMax {
                context.error("invalid_value", "Operation path must be at most \(AdminAPIFormats.pathMax) characters long.", at: pathNode.location)
            }
            if !scopes.isEmpty, !scopes.contains(scope) {
                context.error("operation_scope_not_in_resource_scopes", "Operation '\(normalizedMethod) \(operationPath)' uses scope '\(scope)', which is not one of the resource's scopes\(Suggestion.phrase(for: scope, in: scopes.sorted(), otherwise: " (\(scopes.sorted().joined(separator: ", ")))."))", at: scopeNode.location)
            }
            let key = "\(normalizedMethod) \(operationPath)"
            if let first = seen[key] {
                context.error("operation_duplicate", "Operation '\(key)' is declared twice; the first is operations[\(first)].", at: item.location)
            } else {
                seen[key] = index
            }
            operations.append(ResourceSpec.Operation(method: normalizedMethod, path: operationPath, scope: scope))
        }
        return operations
    }
}
