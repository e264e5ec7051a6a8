/// A policy's structured `data`: the six data rules of the decision contract.
///
/// `app_ids` values may name an Application of the same zone instead of a literal id; they are
/// replaced by the application's id when the policy is rendered.
public struct PolicyData: Sendable, Hashable {
    /// An `app_ids` value: a literal application id, or the name of an Application.
    public enum ApplicationID: Sendable, Hashable {
        case literal(String)
        case application(String)
    }

    /// The rule names a data document may define, in rendering order.
    public static let ruleNames = ["app_ids", "grants", "confinement", "restrict", "risk", "approval_tiers"]

    /// `app_ids`: binding key → application id or reference; `nil` when not defined.
    public var appIDs: [String: ApplicationID]?
    /// Every other rule, as written: `grants`, `confinement`, `restrict`, `risk`, `approval_tiers`.
    public var rules: [String: RegoValue]

    public init(appIDs: [String: ApplicationID]? = nil, rules: [String: RegoValue] = [:]) {
        self.appIDs = appIDs
        self.rules = rules
    }

    /// The names of the rules this data defines, in rendering order.
    public var definedRules: [String] {
        PolicyData.ruleNames.filter { $0 == "app_ids" ? appIDs != nil : rules[$0] != nil }
    }

    /// The Applications referenced from `app_ids`, sorted.
    public var referencedApplications: [String] {
        guard let appIDs else { return [] }
        return Set(appIDs.values.compactMap { value -> String? in
            if case .application(let name) = value { return name }
            return nil
        }).sorted()
    }

    /// The data rules with application references replaced by ids.
    ///
    /// - Parameter applicationID: the id of an Application of the policy's zone, by name (the
    ///   live id, or a placeholder for one not yet created).
    public func resolvedRules(applicationID: (String) -> String) -> [String: RegoValue] {
        var resolved = rules
        if let appIDs {
            var members: [String: RegoValue] = [:]
            for (key, value) in appIDs {
                switch value {
                case .literal(let id): members[key] = .string(id)
                case .application(let name): members[key] = .string(applicationID(name))
                }
            }
            resolved["app_ids"] = .object(members)
        }
        return resolved
    }
}

extension PolicyData {
    /// The stable id a not-yet-created Application stands in with, in `app_ids` and in test
    /// inputs alike, so tests in a pull request answer as they will after apply.
    public static func placeholderID(zone: String, application: String) -> String {
        "pending:\(zone)/\(application)"
    }
}
