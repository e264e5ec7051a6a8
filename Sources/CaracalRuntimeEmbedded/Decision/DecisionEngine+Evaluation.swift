import Manifest

// The contract (decision-contract.md §3–§6), written once. Facts are computed in the order the
// contract needs them and reported to the recorder; a `SilentRecorder` makes every report and
// every detail computation vanish, so the untraced path only does the checks themselves.

private let lifecycleScope: StaticString = "agent:lifecycle"

extension DecisionEngine {
    /// The contract's outcome for `fields`; `input` (the whole policy input) is only read for the trace.
    func evaluate<Value: ContractValue, R: TraceRecorder>(_ fields: borrowing PolicyInput<Value>, input: RegoValue?, recorder: inout R) -> Decision.Outcome {
        // Taken apart at once: keeping the struct alive makes the optimizer copy it whole.
        let (principalID, labels, resourceID, req, edgeScopes, claimMembers, flags) = fields.parts
        let claimsSet = flags.claimsSet
        let edgeSet = flags.edgeSet
        let sessionSet = flags.sessionSet
        let edgeIDSet = flags.edgeIDSet
        // Values only the trace shows; the decision itself reads the flags above.
        let context = R.isRecording ? input?["context"] : nil
        let claims = context?["subject_claims"]
        let sessionID = context?["agent_session_id"]
        let edge = R.isRecording ? input?["delegation_edge"] : nil

        recorder.fact(
            "restricted", restricted,
            restrict == nil ? ["restrict is not defined"] : ["restrict = \(trace: restrict)"],
            data: ["restrict": restrict ?? .null]
        )
        if restricted {
            recorder.suggest(["The zone is restricted (restrict = \(trace: restrict)\(origin(of: "restrict"))); every request is denied until the restrict rule is removed or emptied."])
            return .denied(.restrictionActive)
        }

        // Contract §2: a zone whose policy set defines none of the data denies everything, even
        // the workload path that would otherwise need no data.
        if !definesContractData {
            recorder.fact("data defined", false, ["the policy set defines none of \(Self.contractRules.joined(separator: ", ")); a zone without data denies everything"], data: [:])
            recorder.suggest(["Activate a policy set whose data documents define the zone's app_ids and grants."])
            return .denied(.noRuleMatched)
        }

        // grant, principal keys, owns
        let access = grant(for: resourceID)
        let owns = owns(access, principalID: principalID)
        // The grant's whole record, which traces read.
        let grant = R.isRecording ? access.map(compiled) : nil
        if R.isRecording {
            recorder.fact(
                "grant present", grant != nil,
                grantDetails(resourceID.rego, grant),
                data: ["resource_identifier": resourceID.rego ?? .null, "grant": grant?.value ?? .null]
            )
            let keys = principalKeys(principalID.rego)
            recorder.fact(
                "principal keys found", !keys.isEmpty,
                ["principal.id = \(trace: principalID.rego) matches app_ids keys \(trace: keys)"],
                data: ["principal_id": principalID.rego ?? .null, "keys": .array(keys)]
            )
            recorder.fact(
                "owns", owns,
                [ownsDetail(grant, principalID.rego, keys, owns)],
                data: ["application": grant?.application ?? .null, "keys": .array(keys)]
            )
        }

        // bootstrap
        var reqHasElements = false
        let reqOnlyLifecycle = req?.allElements { element in
            reqHasElements = true
            return element.isString(lifecycleScope)
        } ?? false
        let bootstrap = reqOnlyLifecycle && reqHasElements && !claimsSet && !edgeSet && !sessionSet
        // The bootstrap and workload facts both show this line.
        let notSet: TraceText? = R.isRecording
            ? "subject_claims \(Self.setText(claims)), delegation_edge \(Self.setText(edge)), agent_session_id \(Self.setText(sessionID)) (all must be not set)"
            : nil
        recorder.fact(
            "bootstrap", bootstrap,
            [
                "requested_scopes = \(trace: req.rego); as a set \(trace: Self.elementSet(req.rego)) (needs exactly {\"agent:lifecycle\"})",
                notSet!,
            ],
            data: ["requested_scopes": req.rego ?? .null]
        )

        // mint request
        let reqCounted = req?.hasPositiveCount ?? false
        let lifecycleRequested = req?.anyElement { $0.isString(lifecycleScope) } ?? false
        let edgeID = edge?["id"]
        let mintRequest = edgeIDSet && sessionSet && !claimsSet && reqCounted && !lifecycleRequested
        recorder.fact(
            "mint request", mintRequest,
            [
                "delegation_edge.id \(Self.setText(edgeID)) (must be set), agent_session_id \(Self.setText(sessionID)) (must be set), subject_claims \(Self.setText(claims)) (must be not set)",
                "count(requested_scopes) > 0 is \(reqCounted); \"agent:lifecycle\" in requested_scopes is \(lifecycleRequested) (must be false)",
            ],
            data: ["delegation_edge_id": edgeID ?? .null, "agent_session_id": sessionID ?? .null]
        )

        // workload
        let principalType = R.isRecording ? input?["principal"]?["type"] : nil
        let actionID = R.isRecording ? input?["action"]?["id"] : nil
        let isWorkloadPrincipal = flags.isWorkloadPrincipal
        let isInjection = flags.isInjection
        let workload = isWorkloadPrincipal && isInjection && !claimsSet && !edgeSet && !sessionSet
        recorder.fact(
            "workload", workload,
            [
                "principal.type = \(trace: principalType) (needs \"Workload\"), action.id = \(trace: actionID) (needs \"CredentialInjection\")",
                notSet!,
            ],
            data: ["principal_type": principalType ?? .null, "action_id": actionID ?? .null]
        )

        // presented, use
        let presentedScopes = PresentedScopes(claimMembers.scope)
        let edgeIDClaim = claimMembers.edgeID
        let edgeIDClaimPresent = edgeIDClaim.map { !$0.isString("") } ?? false
        let presented = edgeIDClaimPresent && !reqCounted && !presentedScopes.isEmpty
        let target = claimMembers.target
        let use = presented && resourceID != nil && (target?.anyElement { $0.isEqual(to: resourceID!) } ?? false)
        if R.isRecording, claimsSet {
            recorder.fact(
                "presented scopes found", !presentedScopes.isEmpty,
                ["subject_claims.scope = \(trace: claimMembers.scope.rego) gives \(trace: presentedScopes.elements.map(RegoValue.string))"],
                data: ["scopes": .array(presentedScopes.elements.map(RegoValue.string))]
            )
            recorder.fact(
                "presented", presented,
                ["subject_claims.delegation_edge_id = \(trace: edgeIDClaim.rego) (must exist and not be \"\"), count(requested_scopes) > 0 is \(reqCounted) (must be false), presented scopes \(presentedScopes.isEmpty ? "empty" : "non-empty")"],
                data: ["delegation_edge_id": edgeIDClaim.rego ?? .null]
            )
            if presented {
                recorder.fact(
                    "use", use,
                    ["subject_claims.target = \(trace: target.rego); resource.identifier = \(trace: resourceID.rego)"],
                    data: ["target": target.rego ?? .null, "resource_identifier": resourceID.rego ?? .null]
                )
            }
        }

        let malformed = riskProblem != nil || approvalsProblem != nil
        if R.isRecording {
            recorder.fact("risk malformed", riskProblem != nil, [TraceText(riskProblem ?? (bundle.rules["risk"] == nil ? "risk is not defined" : "risk is a well-formed array"))], data: ["risk": bundle.rules["risk"] ?? .null])
            recorder.fact("approvals malformed", approvalsProblem != nil, [TraceText(approvalsProblem ?? (bundle.rules["approval_tiers"] == nil ? "approval_tiers is not defined" : "approval_tiers is a well-formed array"))], data: ["approval_tiers": bundle.rules["approval_tiers"] ?? .null])
        }

        // A3, and its conflict with A1.
        if workload && !malformed {
            let diagnostics: [DecisionDiagnostic]
            switch mintDiagnostics(req, recorder: &recorder) {
            case .success(let found): diagnostics = found
            case .failure(let failure): return failure.outcome
            }
            if bootstrap && owns {
                recorder.suggest(["A Workload asking only for agent:lifecycle on a resource its application owns matches both allow paths; request the workload's own scopes, or drop the app_ids binding that makes it the owner."])
                return .failed(detail: "allow paths A1 (policy caracal-bootstrap) and A3 (policy caracal-workload-mint) both hold: a Workload principal asks only for agent:lifecycle on resource \(resourceID.rego.traceText), which its application owns")
            }
            return .allowed(.workload, policy: "caracal-workload-mint", diagnostics: diagnostics)
        }
        if bootstrap && owns {
            return .allowed(.bootstrap, policy: "caracal-bootstrap", diagnostics: [])
        }

        if !bootstrap && (mintRequest || workload) {
            if let riskProblem {
                recorder.suggest(["Fix the risk data\(origin(of: "risk")): \(riskProblem). risk must be an array of {\"scope\": non-empty string, \"tier\": non-empty string}."])
                return .denied(.malformedRiskData)
            }
            if let approvalsProblem {
                recorder.suggest(["Fix the approval_tiers data\(origin(of: "approval_tiers")): \(approvalsProblem). Each declaration needs a non-empty string tier; approver, privacy and ttl_seconds may be left out for their defaults."])
                return .denied(.malformedApprovalData)
            }
        }

        if mintRequest {
            guard owns, let access else {
                recorder.suggest(notOwnedSuggestions(resourceID.rego, grant, principalID.rego))
                return .denied(.resourceNotGranted)
            }
            let narrowed = req!.allElements { edgeScopes?.hasMember($0) ?? false }
            if R.isRecording {
                let edgeScopes = edgeScopes.rego
                let outside = req!.regoValue.elementsInIterationOrder.filter { !(edgeScopes?.hasMember($0) ?? false) }
                recorder.fact(
                    "narrowed", narrowed,
                    ["delegation_edge.scopes = \(trace: edgeScopes); requested scopes outside it: \(trace: outside)"],
                    data: ["edge_scopes": edgeScopes ?? .null, "outside": .array(outside)]
                )
                if !narrowed {
                    recorder.suggest(["Requested scopes \(trace: outside) lie outside the delegation edge's scopes \(trace: edgeScopes); request only scopes the edge delegates, or delegate them on the edge."])
                }
            }
            if !narrowed { return .denied(.delegationScopeExceeded) }

            if !confined(req!, labels: labels, recorder: &recorder) { return .denied(.confinementViolation) }
            recorder.fact("mint", true, ["mint request ∧ narrowed ∧ confined"], data: [:])

            let roleAllows = labels?.anyElement { label in
                guard let scopes = scopes(of: access, forRole: label) else { return false }
                return req!.allElements { scopes.contains($0) }
            } ?? false
            if R.isRecording, let grant {
                let requested = req!.regoValue.elementsInIterationOrder
                let lines = roleLines(grant, labels: labels.rego, resourceID: resourceID.rego) { scopes in
                    requested.filter { !scopes.contains($0) }
                }
                recorder.fact("role allows mint", roleAllows, lines, data: ["labels": labels.rego ?? .null, "roles": grant.roles ?? .null])
                if !roleAllows {
                    recorder.suggest(roleSuggestions(grant, labels: labels.rego, resourceID: resourceID.rego, scopes: requested, kind: "requested"))
                }
            }
            if !roleAllows { return .denied(.roleScopeMismatch) }

            switch mintDiagnostics(req, recorder: &recorder) {
            case .success(let diagnostics): return .allowed(.mint, policy: policy(access, use: false), diagnostics: diagnostics)
            case .failure(let failure): return failure.outcome
            }
        }

        if presented {
            if !use {
                recorder.suggest(["The presented mandate targets \(trace: target.rego), which does not include the resource identifier \(trace: resourceID.rego); present a mandate issued for this resource."])
                return .denied(.mandateTargetMismatch)
            }
            guard owns, let access else {
                recorder.suggest(notOwnedSuggestions(resourceID.rego, grant, principalID.rego))
                return .denied(.resourceNotGranted)
            }
            let roleAllows = labels?.anyElement { label in
                guard let scopes = scopes(of: access, forRole: label) else { return false }
                return presentedScopes.allSatisfy { scopes.contains($0) }
            } ?? false
            if R.isRecording, let grant {
                let lines = roleLines(grant, labels: labels.rego, resourceID: resourceID.rego) { scopes in
                    presentedScopes.elements.map(RegoValue.string).filter { !scopes.contains($0) }
                }
                recorder.fact("role allows use", roleAllows, lines, data: ["labels": labels.rego ?? .null, "roles": grant.roles ?? .null])
                if !roleAllows {
                    recorder.suggest(roleSuggestions(grant, labels: labels.rego, resourceID: resourceID.rego, scopes: presentedScopes.elements.map(RegoValue.string), kind: "presented"))
                }
            }
            if !roleAllows { return .denied(.roleScopeMismatch) }
            return .allowed(.use, policy: policy(access, use: true), diagnostics: [])
        }

        if R.isRecording {
            var nearMisses: [TraceText] = []
            if edgeIDSet || sessionSet {
                var failing: [String] = []
                if !edgeIDSet { failing.append("delegation_edge.id is not set") }
                if !sessionSet { failing.append("context.agent_session_id is not set") }
                if claimsSet { failing.append("context.subject_claims is set") }
                if !reqCounted { failing.append("requested_scopes is missing or empty") }
                if lifecycleRequested { failing.append("requested_scopes contains \"agent:lifecycle\"") }
                nearMisses.append("As a mint request it fails because \(failing.joined(separator: ", ")).")
            }
            if isWorkloadPrincipal || isInjection {
                var failing: [String] = []
                if !isWorkloadPrincipal { failing.append("principal.type is not \"Workload\"") }
                if !isInjection { failing.append("action.id is not \"CredentialInjection\"") }
                if claimsSet { failing.append("context.subject_claims is set") }
                if edgeSet { failing.append("delegation_edge is set") }
                if sessionSet { failing.append("context.agent_session_id is set") }
                if failing.isEmpty, malformed { failing.append("the risk or approval data is malformed") }
                nearMisses.append("As a workload injection it fails because \(failing.joined(separator: ", ")).")
            }
            if claimsSet {
                var failing: [String] = []
                if !edgeIDClaimPresent { failing.append("subject_claims.delegation_edge_id is missing or \"\"") }
                if reqCounted { failing.append("requested_scopes is not empty") }
                if presentedScopes.isEmpty { failing.append("subject_claims.scope presents no scopes (it must be a space-separated string)") }
                nearMisses.append("As a presented mandate it fails because \(failing.joined(separator: ", ")).")
            }
            recorder.suggest(noRuleMatchedSuggestions(bootstrap: bootstrap, workload: workload, owns: owns, resourceID: resourceID.rego, grant: grant, principalID: principalID.rego) + nearMisses)
        }
        return .denied(.noRuleMatched)
    }

    // MARK: - Confinement

    private func confined<Value: ContractValue, R: TraceRecorder>(_ req: Value, labels: Value?, recorder: inout R) -> Bool {
        var confined = true
        var lines: [TraceText] = []
        var suggestions: [TraceText] = []
        for rule in confinementRules {
            guard let prefix = rule.prefix,
                  labels?.anyElement({ $0.startsWith(prefix) }) ?? false
            else { continue }
            if req.allElements({ rule.scopes.contains($0) }) { continue }
            confined = false
            if !R.isRecording { break }
            let matching = labels!.regoValue.elementsInIterationOrder.filter { $0.startsWith(prefix) }
            let outside = req.regoValue.elementsInIterationOrder.filter { !rule.scopes.contains($0) }
            lines.append("confinement[\(rule.index)] (label_prefix \(prefix.quotedForTrace), scopes \(rule.scopes.valueText)) fires for labels \(trace: matching); requested scopes outside it: \(trace: outside)")
            suggestions.append("confinement[\(rule.index)] fires for labels \(trace: matching) and allows only \(rule.scopes.valueText); request none of \(trace: outside), add them to confinement[\(rule.index)].scopes, or remove those labels from the principal.")
        }
        if R.isRecording {
            if confinementRules.isEmpty { lines.append("no confinement rules") } else if confined {
                lines.append("no confinement rule that fires is violated (\(confinementRules.count) rule(s) checked)")
            }
            recorder.fact("confined", confined, lines, data: ["labels": labels.rego ?? .null])
            if !confined { recorder.suggest(suggestions) }
        }
        return confined
    }

    // MARK: - Mint diagnostics

    struct TierFailure: Error {
        let scope: String
        let tiers: [String]

        var outcome: Decision.Outcome {
            .failed(detail: "scope \(scope.quotedForTrace) has ambiguous risk tiers \(tiers.map(RegoValue.string).traceText); give each scope exactly one tier in risk")
        }
    }

    /// The step-up and risk diagnostics of a mint (contract §4).
    private func mintDiagnostics<Value: ContractValue, R: TraceRecorder>(_ req: Value?, recorder: inout R) -> Result<[DecisionDiagnostic], TierFailure> {
        guard tierScopes.count > 0, let req else {
            recorder.fact("tiers unambiguous", true, ["no risk rules: no scope has a tier"], data: [:])
            return .success([])
        }
        var assessments: [RiskAssessment] = []
        var failure: TierFailure?
        _ = req.allElements { element in
            element.withUTF8 { scope in
                switch tier(of: scope) {
                case nil:
                    return true
                case .tier(let tier):
                    assessments.append(RiskAssessment(scope: String(decoding: scope, as: UTF8.self), tier: tier))
                    return true
                case .ambiguous(let tiers):
                    failure = TierFailure(scope: String(decoding: scope, as: UTF8.self), tiers: tiers)
                    return false
                }
            } ?? true
        }
        if let failure {
            recorder.fact("tiers unambiguous", false, ["risk gives scope \(failure.scope.quotedForTrace) the tiers \(trace: failure.tiers.map(RegoValue.string))"], data: [:])
            recorder.suggest(["Give scope \(failure.scope.quotedForTrace) a single tier in risk (validation should reject such data before activation)."])
            return .failure(failure)
        }
        if assessments.isEmpty {
            recorder.fact("tiers unambiguous", true, ["no requested scope has a risk tier"], data: [:])
            return .success([])
        }
        assessments.sort { RegoValue.compareBytes($0.scope, $1.scope) < 0 }

        var tierNames: [String] = []
        for assessment in assessments where !tierNames.contains(assessment.tier) { tierNames.append(assessment.tier) }
        var declarations: [RegoValue]
        if tierNames.count == 1 {
            declarations = declarationsByTier[tierNames[0]] ?? []
        } else {
            declarations = RegoSet(tierNames.flatMap { declarationsByTier[$0] ?? [] }).elements
        }

        recorder.fact(
            "tiers unambiguous", true,
            assessments.map { "tier(\($0.scope.quotedForTrace)) = \($0.tier.quotedForTrace)" }
                + ["approval_tiers declarations for tiers \(trace: tierNames.map(RegoValue.string)): \(trace: declarations)"],
            data: ["risk": .array(assessments.map(\.regoValue)), "declarations": .array(declarations)]
        )
        var diagnostics: [DecisionDiagnostic] = []
        if !declarations.isEmpty { diagnostics.append(.stepUpRequired(tiers: declarations)) }
        diagnostics.append(.risk(assessments))
        return .success(diagnostics)
    }

    // MARK: - Trace details (only built when recording)

    static func elementSet(_ value: RegoValue?) -> RegoValue {
        .set(RegoSet(value?.elementsInIterationOrder ?? []))
    }

    static func setText(_ value: RegoValue?) -> TraceText {
        switch value {
        case nil: return "is missing"
        case .bool(false)?: return "is false"
        case .object?: return "is set (an object)"
        case .array?: return "is set (an array)"
        case let value?: return "is set (\(trace: value))"
        }
    }

    /// ` (defined by policy 'p')` when the bundle knows which policy defined `rule`.
    func origin(of rule: String) -> String {
        bundle.definingPolicies[rule].map { " (defined by policy '\($0)')" } ?? ""
    }

    func principalKeys(_ principalID: RegoValue?) -> [RegoValue] {
        principalID.flatMap { keysByPrincipalID[$0] } ?? []
    }

    func grantDetails(_ resourceID: RegoValue?, _ grant: CompiledGrant?) -> [TraceText] {
        guard let resourceID else { return ["the input has no resource.identifier"] }
        guard let grant else {
            if bundle.rules["grants"] == nil { return ["grants is not defined, so no resource is granted"] }
            return ["grants has no entry for resource \(trace: resourceID)"]
        }
        guard let application = grant.application, case .object? = grant.roles else {
            return ["grants[\(trace: resourceID)] = \(trace: grant.value)"]
        }
        return ["grants[\(trace: resourceID)] names application \(trace: application) with roles \(grant.roleNamesText)"]
    }

    func ownsDetail(_ grant: CompiledGrant?, _ principalID: RegoValue?, _ keys: [RegoValue], _ owns: Bool) -> TraceText {
        guard let grant else { return "no grant for the resource, so nothing is owned" }
        let application = grant.applicationText
        if owns { return "grant.application \(application) is among the principal's keys \(trace: keys)" }
        return "grant.application \(application) is not among the keys \(trace: keys) that principal.id \(trace: principalID) matches in app_ids"
    }

    func notOwnedSuggestions(_ resourceID: RegoValue?, _ grant: CompiledGrant?, _ principalID: RegoValue?) -> [TraceText] {
        let keys = principalKeys(principalID)
        guard let resourceID else { return ["The input has no resource.identifier; name the resource being requested."] }
        guard let grant else {
            let key = keys.first.map(\.traceText) ?? "<binding key>"
            return ["grants has no entry for resource \(trace: resourceID); add grants[\(trace: resourceID)] = {\"application\": \(key), \"roles\": {<label>: [<scopes>]}}."]
        }
        guard let principalID else {
            return ["The input has no principal.id, so it matches no key in app_ids; send the principal's application id."]
        }
        let application = grant.applicationText
        var fix: TraceText = "grant for resource \(trace: resourceID) names application key \(application), but the principal id \(trace: principalID) matches keys \(trace: keys) in app_ids; "
        if case .string(let key)? = grant.application {
            fix += "add app_ids.\(key) = \(trace: principalID)"
            if let owner = grant.ownerID { fix += " (it is \(trace: owner) now)" }
        } else {
            fix += "make grant.application a binding key of app_ids"
        }
        fix += keys.isEmpty ? "." : ", or change grants[\(trace: resourceID)].application to one of \(trace: keys)."
        return [fix]
    }

    func roleLines(_ grant: CompiledGrant, labels: RegoValue?, resourceID: RegoValue?, lacking: (ScopeMatcher) -> [RegoValue]) -> [TraceText] {
        let all = labels?.elementsInIterationOrder ?? []
        if all.isEmpty {
            return ["principal.labels = \(trace: labels) has no labels; roles in the grant: \(grant.rolesText)"]
        }
        return all.map { label in
            guard let scopes = grant.scopes(forRole: label) else {
                return "label \(trace: label): no role \(trace: label) in grants[\(trace: resourceID)].roles (roles: \(grant.rolesText))"
            }
            let missing = lacking(scopes)
            if missing.isEmpty { return "label \(trace: label): role \(scopes.valueText) grants every scope" }
            return "label \(trace: label): role \(scopes.valueText) lacks \(trace: missing)"
        }
    }

    func roleSuggestions(_ grant: CompiledGrant, labels: RegoValue?, resourceID: RegoValue?, scopes: [RegoValue], kind: String) -> [TraceText] {
        let rolesPath: TraceText = "grants[\(trace: resourceID)].roles"
        var lines: [TraceText] = []
        let all = labels?.elementsInIterationOrder ?? []
        if all.isEmpty {
            lines.append("The principal has no labels (principal.labels = \(trace: labels)), so no role in \(rolesPath) applies; give it a label named after a role.")
        }
        for label in all {
            guard let role = grant.scopes(forRole: label) else {
                lines.append("Label \(trace: label) names no role in \(rolesPath); add \(rolesPath).\(label.stringValue ?? label.traceText) = \(trace: RegoValue.array(RegoSet(scopes).elements)) if it should have these scopes.")
                continue
            }
            let missing = RegoSet(scopes.filter { !role.contains($0) }).elements
            lines.append("Role \(trace: label) lacks \(kind) scopes \(trace: missing); add them to \(rolesPath).\(label.stringValue ?? label.traceText) or ask for fewer scopes.")
        }
        let covering = grant.roleNames.filter { name in
            guard let role = grant.scopes(forRole: RegoValue.string(name)) else { return false }
            return scopes.allSatisfy { role.contains($0) }
        }
        if !covering.isEmpty {
            lines.append("Roles that already cover every \(kind) scope: \(trace: covering.map(RegoValue.string)); giving the principal one of these labels also works.")
        }
        return lines
    }

    func noRuleMatchedSuggestions(bootstrap: Bool, workload: Bool, owns: Bool, resourceID: RegoValue?, grant: CompiledGrant?, principalID: RegoValue?) -> [TraceText] {
        if bootstrap && !owns {
            var lines: [TraceText] = ["This is a bootstrap (only agent:lifecycle, no claims, edge or session), but the principal does not own the resource; a bootstrap without ownership has no specific deny reason."]
            if workload, riskProblem != nil || approvalsProblem != nil {
                lines.append("As a workload it would be blocked by malformed data too: \(riskProblem ?? approvalsProblem!).")
            }
            return lines + notOwnedSuggestions(resourceID, grant, principalID)
        }
        return ["The input is none of: a bootstrap, a mint request, a workload injection or a presented mandate; shape the request as one of them (the facts above show which condition failed)."]
    }
}

extension Optional where Wrapped: ContractValue {
    /// The value as a `RegoValue`, for traces.
    var rego: RegoValue? { self?.regoValue }
}
