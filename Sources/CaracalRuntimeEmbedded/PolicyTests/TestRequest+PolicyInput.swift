import Manifest

extension TestRequest {
    /// The policy input Caracal's token service would send for this request (decision
    /// contract §3, reference §7).
    ///
    /// - Parameters:
    ///   - principalID: the application's id (``principalID`` when the request names one).
    ///   - zoneID: the zone's id, or a placeholder.
    ///   - resourceID: the resource's id, or a placeholder.
    public func policyInput(principalID: String, zoneID: String, resourceID: String) -> RegoValue {
        let strings = { (values: [String]) in RegoValue.array(values.map(RegoValue.string)) }
        var principal: [String: RegoValue] = [
            "type": .string(kind == .workload ? "Workload" : "Application"),
            "id": .string(principalID), "zone_id": .string(zoneID), "labels": strings(labels),
        ]
        if kind != .workload { principal["registration_method"] = .string("managed") }
        var context: [String: RegoValue] = ["actor_claims": .object([:]), "challenge_resolved": .bool(false)]
        var input: [String: RegoValue] = [
            "schema_version": .string(EmbeddedRuntime.schemaVersion),
            "principal": .object(principal),
            "resource": .object(["type": .string("Resource"), "id": .string(resourceID), "identifier": .string(resource), "scopes": strings(Self.unique(scopes))]),
            "action": .object(["id": .string(kind == .workload ? "CredentialInjection" : "TokenExchange")]),
            "session": .null,
            "delegation_edge": .null,
        ]
        switch kind {
        case .mint:
            let edge = "edge:\(principalID)"
            input["delegation_edge"] = .object([
                "id": .string(edge), "scopes": strings(delegationScopes ?? scopes), "resource_id": .string(resourceID),
                "issuer_application_id": .string(principalID), "receiver_application_id": .string(principalID),
            ])
            context["agent_session_id"] = .string("session:\(principalID)")
            context["delegation_edge_id"] = .string(edge)
            context["requested_scopes"] = strings(scopes)
        case .use:
            // A presented mandate: the scopes travel in the token, none are requested.
            context["requested_scopes"] = .array([])
            context["subject_claims"] = .object([
                "delegation_edge_id": .string("edge:\(principalID)"),
                "scope": .string(scopes.joined(separator: " ")),
                "target": .array([.string(resource)]),
            ])
        case .bootstrap:
            context["requested_scopes"] = .array([.string("agent:lifecycle")])
        case .workload:
            context["requested_scopes"] = strings(scopes)
        }
        input["context"] = .object(context)
        return .object(input)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
