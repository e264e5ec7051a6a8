import HTTPServer
import Manifest

/// `POST /v1/policies/validate` (reference §5): the Rego rules' verdict on a policy's content.
enum PolicyValidation {
    static let schemaVersion = "2026-05-20"

    /// 200 with the contract and a preview when `content` passes the rules, else 422
    /// `{valid: false, error: "invalid_rego", error_description: RULE_ID, requestId}`.
    static func response(content: String, requestID: String) -> HTTPResponse {
        if let violation = RegoPolicyRules.firstViolation(in: content) {
            return AdminAPIRouter.json(422, .object([
                "valid": .bool(false), "error": .string("invalid_rego"), "error_description": .string(violation.ruleID),
                "requestId": .string(requestID),
            ]))
        }
        let rules = Set(RegoDataDocumentParser.parse(content, file: "content").document?.rules.map(\.name) ?? []).sorted()
        let strings = { (values: [String]) in RegoValue.array(values.map(RegoValue.string)) }
        return AdminAPIRouter.json(200, .object([
            "valid": .bool(true),
            "schema_version": .string(schemaVersion),
            "input_schema_version": .string(schemaVersion),
            "output_contract": .object([
                "package": .string(RegoPolicyRules.requiredPackage), "rule": .string("result"),
                "decision": strings(["allow", "deny"]), "evaluation_status": strings(["complete"]),
            ]),
            "preview": .object([
                "package": .string(RegoPolicyRules.requiredPackage),
                "rules": strings(rules),
                "default_result": .null,
                "decisions": strings([]),
                "inputs_referenced": strings([]),
                "data_referenced": strings(rules.map { "data.caracal.authz.\($0)" }),
            ]),
        ]))
    }
}
