import Foundation

extension ManifestDecoder {
    static let policyFields = ["data", "source", "content", "description"]

    func decodePolicy(_ node: YAMLNode, context: inout DecodingContext) -> PolicySpec? {
        guard let fields = context.fields(of: node, path: "spec", allowed: Self.policyFields) else { return nil }
        let given = ["data", "source", "content"].filter { fields.contains($0) }
        guard given.count == 1, let bodyKey = given.first, let bodyNode = fields[bodyKey] else {
            let message = given.isEmpty
                ? "\(context.subject) needs exactly one of 'spec.data', 'spec.source' or 'spec.content'."
                : "\(context.subject) gives \(given.map { "'spec.\($0)'" }.joined(separator: " and ")); give exactly one."
            context.error("policy_body", message, at: given.count > 1 ? context.sourceMap["spec.\(given[1])"] : node.location)
            return nil
        }
        var description: String?
        if let descriptionNode = fields["description"] {
            description = context.string(descriptionNode, path: "spec.description")
        }
        switch bodyKey {
        case "data":
            guard let data = decodePolicyData(bodyNode, context: &context) else { return nil }
            return PolicySpec(body: .data(data), description: description)
        case "source":
            guard let path = context.string(bodyNode, path: "spec.source") else { return nil }
            guard let text = readRegoSource(path, node: bodyNode, context: &context),
                  let rules = RegoContentCheck.check(text, origin: .file(path: displayPath(path)), context: &context) else { return nil }
            return PolicySpec(body: .source(path: path, text: text, rules: rules), description: description)
        default:
            guard let text = context.string(bodyNode, path: "spec.content"),
                  let rules = RegoContentCheck.check(text, origin: .inline(bodyNode, source: source), context: &context) else { return nil }
            return PolicySpec(body: .content(text: text, rules: rules), description: description)
        }
    }

    private func resolvedPath(_ path: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// A `source:` path as diagnostics show it: beside the manifest, as the user named it.
    private func displayPath(_ path: String) -> String {
        path.hasPrefix("/") || displayDirectory.isEmpty || displayDirectory == "." ? path : (displayDirectory as NSString).appendingPathComponent(path)
    }

    private func readRegoSource(_ path: String, node: YAMLNode, context: inout DecodingContext) -> String? {
        let full = resolvedPath(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: full) else {
            context.error("missing_file", "Policy source '\(path)' does not exist (looked for \(full)).", at: node.location)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            context.error("invalid_utf8", "Policy source '\(path)' is not UTF-8 text.", at: node.location)
            return nil
        }
        return text
    }

    // MARK: Structured data

    func decodePolicyData(_ node: YAMLNode, context: inout DecodingContext) -> PolicyData? {
        guard let members = context.members(of: node, path: "spec.data") else { return nil }
        if members.isEmpty {
            context.error("data_document_must_define_data", "'spec.data' defines no rules; give at least one of \(PolicyData.ruleNames.joined(separator: ", ")).", at: node.location)
            return nil
        }
        var data = PolicyData()
        var ok = true
        for member in members {
            let path = member.path
            guard PolicyData.ruleNames.contains(member.key) else {
                let hint = Suggestion.phrase(for: member.key, in: PolicyData.ruleNames)
                let message = member.key == "result"
                    ? "A data document must not define 'result'; Caracal's platform contract defines it."
                    : "Rule '\(member.key)' is not allowed in a data document\(hint.isEmpty ? "; define only \(PolicyData.ruleNames.joined(separator: ", "))." : hint)"
                context.error(member.key == "result" ? "data_document_must_not_define_result" : "data_document_rule_not_allowed:\(member.key)", message, at: member.keyNode.location)
                ok = false
                continue
            }
            if member.key == "app_ids" {
                if let appIDs = decodeAppIDs(member.value, context: &context) { data.appIDs = appIDs } else { ok = false }
                continue
            }
            guard let value = context.regoValue(member.value, path: path) else {
                ok = false
                continue
            }
            var checker = PolicyDataShape(context: context)
            checker.check(rule: member.key, value: value, path: path)
            context = checker.context
            data.rules[member.key] = value
        }
        return ok ? data : nil
    }

    private func decodeAppIDs(_ node: YAMLNode, context: inout DecodingContext) -> [String: PolicyData.ApplicationID]? {
        guard let members = context.members(of: node, path: "spec.data.app_ids") else { return nil }
        var result: [String: PolicyData.ApplicationID] = [:]
        for member in members {
            let path = member.path
            if case .mapping = member.value.content {
                guard let fields = context.fields(of: member.value, path: path, allowed: ["application"], required: ["application"]),
                      let applicationNode = fields["application"],
                      let application = context.string(applicationNode, path: .member(path, "application")) else { continue }
                result[member.key] = .application(application)
            } else if let id = context.string(member.value, path: path) {
                result[member.key] = .literal(id)
            }
        }
        return result
    }
}
