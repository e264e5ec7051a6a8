/// A Policy's desired state (SPEC §3): where its Rego data document comes from.
public struct PolicySpec: Sendable, Hashable {
    /// The three ways to give a policy's content; exactly one is allowed.
    public enum Body: Sendable, Hashable {
        /// Structured data, rendered to canonical Rego once application ids are known.
        case data(PolicyData)
        /// A `.rego` file: its path as written (relative to the manifest), its text, and the
        /// data rules it defines.
        case source(path: String, text: String, rules: [String: RegoValue])
        /// Inline Rego and the data rules it defines.
        case content(text: String, rules: [String: RegoValue])
    }

    public var body: Body
    /// Create-only in Caracal: a change is reported, never applied.
    public var description: String?

    public init(body: Body, description: String? = nil) {
        self.body = body
        self.description = description
    }

    /// The names of the data rules this policy defines, in canonical order.
    public var definedRules: [String] {
        switch body {
        case .data(let data): return data.definedRules
        case .source(_, _, let rules), .content(_, let rules): return RegoRenderer.orderedRuleNames(rules.keys)
        }
    }

    /// The data rules, with application references replaced by ids.
    public func dataRules(applicationID: (String) -> String) -> [String: RegoValue] {
        switch body {
        case .data(let data): return data.resolvedRules(applicationID: applicationID)
        case .source(_, _, let rules), .content(_, let rules): return rules
        }
    }

    /// The exact Rego text a policy version gets: canonical for `data`, as written otherwise.
    public func content(applicationID: (String) -> String) -> String {
        switch body {
        case .data(let data): return RegoRenderer.render(data.resolvedRules(applicationID: applicationID))
        case .source(_, let text, _), .content(let text, _): return text
        }
    }
}
