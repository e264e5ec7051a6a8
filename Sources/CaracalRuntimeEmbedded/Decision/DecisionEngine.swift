import Manifest

/// Evaluates the platform decision contract against one policy bundle.
///
/// Everything that depends only on the data is resolved once, when the engine is built, so a
/// decision without a trace only looks up what the input names.
public struct DecisionEngine: Sendable {
    /// The bundle the engine evaluates.
    public let bundle: PolicyBundle

    let appIDs: RegoValue?
    /// Principal id → the `app_ids` keys bound to it, for traces.
    let keysByPrincipalID: [RegoValue: [RegoValue]]
    /// `grants` when it is an object: the resource identifiers, and the grant of each by its number.
    let grantIdentifiers: StringTable
    let compiledGrants: LazyGrants
    /// The same grants, laid out for decisions without a trace.
    let grantTable: GrantTable
    /// The mint and use policies of grant `n` at `2n` and `2n + 1`.
    private(set) var grantPolicies: [String]
    /// `grants` when it is written as something other than an object.
    let unindexedGrants: RegoValue?
    let confinementRules: [ConfinementRule]
    let restrict: RegoValue?
    /// Whether the bundle defines any rule the contract reads; a zone without any denies everything.
    let definesContractData: Bool
    let restricted: Bool
    /// Why `risk` is malformed, or `nil` when it is not.
    let riskProblem: String?
    /// Why `approval_tiers` is malformed, or `nil` when it is not.
    let approvalsProblem: String?
    /// The scopes well-formed `risk` rules give a tier, and the tier of each by its number.
    let tierScopes: StringTable
    let tierEntries: [TierEntry]
    /// Tier → the distinct declarations naming it, in Rego order.
    let declarationsByTier: [String: [RegoValue]]

    /// One `confinement` rule.
    struct ConfinementRule: Sendable {
        /// The rule's position in `confinement`, for traces.
        let index: Int
        /// `label_prefix` when it is a string; other prefixes match no label.
        let prefix: String?
        let scopes: ScopeMatcher
        let value: RegoValue
    }

    /// What `tier(scope)` gives.
    enum TierEntry: Sendable {
        case tier(String)
        /// Rules give the scope these different tiers (sorted).
        case ambiguous([String])
    }

    /// Compiles `bundle` for evaluation.
    public init(bundle: PolicyBundle) {
        self.init(bundle: bundle, flatGrants: true)
    }

    /// Compiles `bundle`; with `flatGrants` false every grant is read through its
    /// `CompiledGrant`, the reference the flat layout is tested against.
    init(bundle: PolicyBundle, flatGrants: Bool) {
        self.bundle = bundle
        let rules = bundle.rules

        appIDs = rules["app_ids"]
        var keysByPrincipalID: [RegoValue: [RegoValue]] = [:]
        switch appIDs {
        case .object(let members)?:
            for key in members.keys.sorted(by: { RegoValue.compareBytes($0, $1) < 0 }) {
                keysByPrincipalID[members[key]!, default: []].append(.string(key))
            }
        case .array(let elements)?:
            for (index, element) in elements.enumerated() { keysByPrincipalID[element, default: []].append(.int(index)) }
        case .set(let set)?:
            for element in set.elements { keysByPrincipalID[element, default: []].append(element) }
        default:
            break
        }
        self.keysByPrincipalID = keysByPrincipalID

        if case .object(let members)? = rules["grants"] {
            let identifiers = Array(members.keys)
            grantIdentifiers = StringTable(identifiers)
            let values = identifiers.map { members[$0]! }
            compiledGrants = LazyGrants(values, appIDs: appIDs)
            grantTable = GrantTable(values, appIDs: appIDs, flat: flatGrants)
            grantPolicies = values.flatMap { grant in
                let names = CompiledGrant.policies(of: grant)
                return [names.mint, names.use]
            }
            unindexedGrants = nil
        } else {
            grantIdentifiers = StringTable([])
            compiledGrants = LazyGrants([], appIDs: appIDs)
            grantTable = GrantTable([], appIDs: appIDs)
            grantPolicies = []
            unindexedGrants = rules["grants"]
        }

        confinementRules = (rules["confinement"]?.elementsInIterationOrder ?? []).enumerated().map { index, rule in
            ConfinementRule(
                index: index,
                prefix: rule["label_prefix"]?.stringValue,
                scopes: ScopeMatcher(rule["scopes"] ?? .null),
                value: rule
            )
        }

        restrict = rules["restrict"]
        definesContractData = Self.contractRules.contains { rules[$0] != nil }
        restricted = restrict?.anyElement { _ in true } ?? false

        riskProblem = Self.riskProblem(rules["risk"])
        approvalsProblem = Self.approvalsProblem(rules["approval_tiers"])

        var tiers: [String: Set<String>] = [:]
        if riskProblem == nil, case .array(let risk)? = rules["risk"] {
            for rule in risk {
                if let scope = rule["scope"]?.stringValue, let tier = rule["tier"]?.stringValue {
                    tiers[scope, default: []].insert(tier)
                }
            }
        }
        let entries = tiers.mapValues { tiers -> TierEntry in
            tiers.count == 1 ? .tier(tiers.first!) : .ambiguous(tiers.sorted { RegoValue.compareBytes($0, $1) < 0 })
        }
        tierScopes = StringTable(Array(entries.keys))
        tierEntries = Array(entries.values)

        var declarations: [String: [RegoValue]] = [:]
        if approvalsProblem == nil, case .array(let list)? = rules["approval_tiers"] {
            for declaration in list {
                if let tier = declaration["tier"]?.stringValue { declarations[tier, default: []].append(declaration) }
            }
        }
        declarationsByTier = declarations.mapValues { RegoSet($0).elements }
    }

    /// Decides one policy input.
    ///
    /// - Parameters:
    ///   - input: The policy input (`caracal-policy-input-2026-05-20`).
    ///   - explain: Whether to build the explain trace.
    public func decide(_ input: RegoValue, explain: Bool = false) -> Decision {
        let fields = PolicyInput(input)
        return explain ? explained(fields, input: input) : decide(fields)
    }

    /// Decides one policy input that was read ahead of time, such as a request evaluated
    /// against many bundles or a benchmark's fixed inputs.
    ///
    /// - Parameters:
    ///   - request: The policy input, read.
    ///   - explain: Whether to build the explain trace.
    public func decide(_ request: borrowing DecisionRequest, explain: Bool = false) -> Decision {
        let storage = request.storage
        if explain { return explained(storage.fields, input: storage.input) }
        if let flattened = storage.flattened { return decide(flattened.fields) }
        return decide(storage.fields)
    }

    /// Decides `input`, whose fields are `fields`, with its trace.
    private func explained(_ fields: PolicyInput<RegoValue>, input: RegoValue) -> Decision {
        var recorder = CollectingRecorder()
        let outcome = evaluate(fields, input: input, recorder: &recorder)
        let trace = DecisionTrace(
            policySetVersionID: bundle.policySetVersionID,
            manifestSHA256: bundle.manifestSHA256,
            facts: recorder.facts,
            outcome: outcome,
            suggestions: recorder.suggestions
        )
        return Decision(outcome: outcome, trace: trace)
    }

    /// Decides, without a trace, an input of which only the fields the contract reads are known.
    func decide<Value: ContractValue>(_ fields: borrowing PolicyInput<Value>) -> Decision {
        var recorder = SilentRecorder()
        return Decision(outcome: evaluate(fields, input: nil, recorder: &recorder))
    }

    /// This engine with its own copies of the policy names its decisions carry.
    ///
    /// An allow holds its policy's name, and a string's reference count is shared memory: threads
    /// that decide with one engine keep taking that count's cache line from each other. A thread
    /// that decides many inputs gives itself its own names.
    func withOwnPolicyNames() -> DecisionEngine {
        var engine = self
        engine.grantPolicies = grantPolicies.map { String(decoding: Array($0.utf8), as: UTF8.self) }
        return engine
    }

    /// `tier(scope)` for the scope whose UTF-8 bytes are `scope`, when some rule gives it a tier.
    @inline(__always)
    func tier(of scope: UnsafeRawBufferPointer) -> TierEntry? {
        tierScopes.index(of: scope).map { tierEntries[$0] }
    }


    static func riskProblem(_ risk: RegoValue?) -> String? {
        guard let risk else { return nil }
        guard case .array(let rules) = risk else {
            return "risk is \(risk.describedWithType), not an array"
        }
        for (index, rule) in rules.enumerated() {
            guard case .object = rule else {
                return "risk[\(index)] is \(rule.describedWithType), not an object"
            }
            for field in ["scope", "tier"] where !(rule[field]?.isNonEmptyString ?? false) {
                return "risk[\(index)].\(field) is \(rule[field].describedForTrace), not a non-empty string"
            }
        }
        return nil
    }

    /// The data rules the contract reads (contract §2).
    static let contractRules = ["app_ids", "grants", "confinement", "restrict", "risk", "approval_tiers"]

    static let approvers: Set<String> = ["operator", "subject", "any"]
    static let privacies: Set<String> = ["identified", "pseudonymous", "anonymous"]

    static func approvalsProblem(_ approvalTiers: RegoValue?) -> String? {
        guard let approvalTiers else { return nil }
        guard case .array(let declarations) = approvalTiers else {
            return "approval_tiers is \(approvalTiers.describedWithType), not an array"
        }
        for (index, declaration) in declarations.enumerated() {
            let name = "approval_tiers[\(index)]"
            guard case .object = declaration else {
                return "\(name) is \(declaration.describedWithType), not an object"
            }
            if !(declaration["tier"]?.isNonEmptyString ?? false) {
                return "\(name).tier is \(declaration["tier"].describedForTrace), not a non-empty string"
            }
            if let approver = declaration["approver"], !(approver.stringValue.map(approvers.contains) ?? false) {
                return "\(name).approver is \(approver.traceText), not one of \"any\", \"operator\", \"subject\" (or absent for \"operator\")"
            }
            if let privacy = declaration["privacy"], !(privacy.stringValue.map(privacies.contains) ?? false) {
                return "\(name).privacy is \(privacy.traceText), not one of \"anonymous\", \"identified\", \"pseudonymous\" (or absent for \"identified\")"
            }
            if let ttl = declaration["ttl_seconds"] {
                guard case .number(let number) = ttl, number.isWhole, number.value > 0 else {
                    return "\(name).ttl_seconds is \(ttl.traceText), not a whole number greater than 0 (or absent for 1800)"
                }
            }
        }
        return nil
    }
}

extension RegoValue {
    var isNonEmptyString: Bool {
        if case .string(let string) = self { return !string.isEmpty }
        return false
    }

    /// `null`, `false`, `a set {"a"}`, `an object {…}`: the value with its type, for sentences.
    var describedWithType: String {
        switch self {
        case .null, .bool: return traceText
        case .array, .object: return "an \(typeName) \(traceText)"
        default: return "a \(typeName) \(traceText)"
        }
    }
}

extension Optional where Wrapped == RegoValue {
    /// "missing", or the value's text.
    var describedForTrace: String { map(\.traceText) ?? "missing" }
}
