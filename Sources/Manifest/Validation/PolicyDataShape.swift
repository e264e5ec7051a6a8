/// Checks structured policy data against the shapes the decision contract expects (§2–§3).
///
/// Data that would make Caracal's engine deny as malformed, or fail on an ambiguous tier, is
/// reported here, before it can ever be activated.
struct PolicyDataShape {
    static let approvers = ["operator", "subject", "any"]
    static let privacies = ["identified", "pseudonymous", "anonymous"]

    var context: DecodingContext

    mutating func check(rule: String, value: RegoValue, path: FieldPath) {
        switch rule {
        case "grants": checkGrants(value, path: path)
        case "confinement":
            for (element, elementPath) in listItems(value, path: path) { checkConfinementRule(element, path: elementPath) }
        case "restrict": checkRestrict(value, path: path)
        case "risk": checkRisk(value, path: path)
        case "approval_tiers":
            for (element, elementPath) in listItems(value, path: path) { checkApprovalTier(element, path: elementPath) }
        default: break
        }
    }

    private mutating func problem(_ message: String, at path: FieldPath, code: String = "invalid_policy_data") {
        context.error(code, message, at: context.sourceMap[path.description])
    }

    private mutating func checkGrants(_ value: RegoValue, path: FieldPath) {
        guard case .object(let grants) = value else {
            return problem("'\(path)' must map resource identifiers to grants, not \(value.typeName) data.", at: path)
        }
        for (identifier, grant) in grants.sorted(by: { $0.key < $1.key }) {
            let grantPath = FieldPath.member(path, identifier)
            guard case .object(let fields) = grant else {
                problem("The grant for '\(identifier)' must be a mapping with 'application' and 'roles'.", at: grantPath)
                continue
            }
            for key in fields.keys.sorted() where key != "application" && key != "roles" {
                problem("Unknown field '\(key)' in the grant for '\(identifier)'\(Suggestion.phrase(for: key, in: ["application", "roles"], otherwise: "; a grant has 'application' and 'roles'."))", at: .member(grantPath, key))
            }
            if fields["application"]?.stringValue == nil {
                problem("The grant for '\(identifier)' needs 'application', the app_ids binding key it grants to.", at: grantPath)
            }
            guard case .object(let roles)? = fields["roles"] else {
                problem("The grant for '\(identifier)' needs 'roles', a mapping from label to the scopes it allows.", at: grantPath)
                continue
            }
            for (label, scopes) in roles.sorted(by: { $0.key < $1.key }) {
                checkStrings(scopes, path: .member(.member(grantPath, "roles"), label), what: "Role '\(label)' in the grant for '\(identifier)'")
            }
        }
    }

    /// The items of a list rule with their paths; reports a rule that is not a list.
    private mutating func listItems(_ value: RegoValue, path: FieldPath) -> [(RegoValue, FieldPath)] {
        guard case .array(let items) = value else {
            problem("'\(path)' must be a list, not \(value.typeName) data; Caracal denies every mint when it is not.", at: path)
            return []
        }
        return items.enumerated().map { ($1, .item(path, $0)) }
    }

    private mutating func checkConfinementRule(_ value: RegoValue, path: FieldPath) {
        guard case .object(let fields) = value else {
            return problem("Each confinement rule must be a mapping with 'label_prefix' and 'scopes'.", at: path)
        }
        for key in fields.keys.sorted() where key != "label_prefix" && key != "scopes" {
            problem("Unknown field '\(key)' in a confinement rule\(Suggestion.phrase(for: key, in: ["label_prefix", "scopes"], otherwise: "; a rule has 'label_prefix' and 'scopes'."))", at: .member(path, key))
        }
        if fields["label_prefix"]?.stringValue == nil {
            problem("A confinement rule needs 'label_prefix', a string; without it the rule never applies.", at: path)
        }
        if let scopes = fields["scopes"] {
            checkStrings(scopes, path: .member(path, "scopes"), what: "The confinement rule's 'scopes'")
        } else {
            problem("A confinement rule needs 'scopes', the scopes labels with its prefix may use.", at: path)
        }
    }

    private mutating func checkRestrict(_ value: RegoValue, path: FieldPath) {
        switch value {
        case .array, .set: break
        default: problem("'\(path)' must be a list of reasons, not \(value.typeName) data.", at: path)
        }
    }

    private mutating func checkRisk(_ value: RegoValue, path: FieldPath) {
        guard case .array(let rules) = value else {
            return problem("'\(path)' must be a list of {scope, tier}, not \(value.typeName) data; Caracal denies every mint as malformed_risk_data otherwise.", at: path, code: "malformed_risk_data")
        }
        var tiers: [String: (tier: String, path: FieldPath)] = [:]
        for (index, rule) in rules.enumerated() {
            let rulePath = FieldPath.item(path, index)
            guard case .object(let fields) = rule,
                  let scope = fields["scope"]?.stringValue, !scope.isEmpty,
                  let tier = fields["tier"]?.stringValue, !tier.isEmpty else {
                problem("Each risk rule needs a non-empty string 'scope' and 'tier'; Caracal denies every mint as malformed_risk_data otherwise.", at: rulePath, code: "malformed_risk_data")
                continue
            }
            if let known = tiers[scope], known.tier != tier {
                let line = context.sourceMap[known.path.description].line
                problem("Scope '\(scope)' is given tier '\(tier)' here and tier '\(known.tier)' at line \(line); a scope must have one tier, or Caracal fails the decision.", at: rulePath, code: "risk_tier_conflict")
            } else if tiers[scope] == nil {
                tiers[scope] = (tier, rulePath)
            }
        }
    }

    private mutating func checkApprovalTier(_ value: RegoValue, path: FieldPath) {
        let code = "malformed_approval_data"
        guard case .object(let fields) = value else {
            return problem("Each approval tier must be a mapping with 'tier' and optional 'approver', 'ttl_seconds' and 'privacy'.", at: path, code: code)
        }
        if fields["tier"]?.stringValue?.isEmpty != false {
            problem("An approval tier needs a non-empty string 'tier'.", at: path, code: code)
        }
        if let approver = fields["approver"], !(approver.stringValue.map(Self.approvers.contains) ?? false) {
            problem("'approver' must be one of \(Self.approvers.joined(separator: ", ")); an explicit null counts as malformed.", at: .member(path, "approver"), code: code)
        }
        if let privacy = fields["privacy"], !(privacy.stringValue.map(Self.privacies.contains) ?? false) {
            problem("'privacy' must be one of \(Self.privacies.joined(separator: ", ")); an explicit null counts as malformed.", at: .member(path, "privacy"), code: code)
        }
        if let ttl = fields["ttl_seconds"] {
            if case .number(let number) = ttl, number.isWhole, number.value > 0 {} else {
                problem("'ttl_seconds' must be a whole number of seconds greater than 0.", at: .member(path, "ttl_seconds"), code: code)
            }
        }
        let known = ["tier", "approver", "ttl_seconds", "privacy"]
        for key in fields.keys.sorted() where !known.contains(key) {
            problem("Unknown field '\(key)' in an approval tier\(Suggestion.phrase(for: key, in: known, otherwise: "; a tier has \(known.joined(separator: ", ")).")))", at: .member(path, key))
        }
    }

    /// Checks a list of scopes; `path` and `what` (which names the list in messages) are made
    /// only when there is a problem to report.
    private mutating func checkStrings(_ value: RegoValue, path: @autoclosure () -> FieldPath, what: @autoclosure () -> String) {
        let elements: [RegoValue]
        switch value {
        case .array(let items): elements = items
        case .set(let set): elements = set.elements
        default: return problem("\(what()) must be a list of scopes, not \(value.typeName) data.", at: path())
        }
        if elements.contains(where: { $0.stringValue == nil }) {
            problem("\(what()) must list scopes as strings.", at: path())
        }
    }
}
