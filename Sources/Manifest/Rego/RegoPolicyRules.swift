/// The Admin API's checks on a policy's Rego content (reference §5, "Rego rules").
///
/// These are the API's own textual checks, in its order, so that a manifest that passes them
/// here is not refused with 422 `invalid_rego` at apply time. They do not parse the document;
/// ``RegoDataDocumentParser`` does that.
public enum RegoPolicyRules {
    /// The largest content the API accepts, in UTF-16 code units (JavaScript string length).
    public static let maximumLength = 262_144

    /// The built-ins Caracal refuses, in the order the API checks them.
    public static let forbiddenBuiltins = [
        "http.send", "net.lookup_ip_addr", "net.cidr_contains", "net.cidr_intersects",
        "net.cidr_expand", "net.cidr_merge", "opa.runtime", "rand.intn", "time.now_ns",
    ]

    /// The rules a data document may define, in canonical order.
    public static let allowedRules = ["app_ids", "grants", "confinement", "restrict", "risk", "approval_tiers"]

    /// The marker line every data document carries.
    public static let dataDocumentMarker = "# caracal:data-document"

    /// The package every Caracal policy uses.
    public static let requiredPackage = "caracal.authz"

    /// The first rule `content` breaks, as the API would report it; `nil` when it passes.
    public static func firstViolation(in content: String) -> RegoRuleViolation? {
        allViolations(in: content).first
    }

    /// Every rule `content` breaks, in the API's order, so the first is the API's answer.
    ///
    /// Size, emptiness, unterminated strings and unbalanced delimiters stop the checks: what
    /// follows them could not be read reliably. After those, every later check still runs.
    public static func allViolations(in content: String) -> [RegoRuleViolation] {
        let length = content.utf16.count
        if length > maximumLength {
            return [RegoRuleViolation(
                ruleID: "content_too_large",
                message: "The policy is \(length) characters long; Caracal accepts at most \(maximumLength).")]
        }
        if content.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            return [RegoRuleViolation(ruleID: "empty_policy", message: "The policy is empty.")]
        }
        let text = RegoStrippedText(content)
        if let violation = text.unterminatedString ?? text.unbalancedDelimiter {
            return [violation]
        }

        var violations: [RegoRuleViolation] = []
        let package = text.packageDeclaration()
        if package == nil {
            violations.append(RegoRuleViolation(
                ruleID: "missing_package_declaration",
                message: "The policy has no package declaration; write 'package \(requiredPackage)' at the top."))
        } else if let package, !isValidPackageName(package.name) {
            violations.append(RegoRuleViolation(
                ruleID: "invalid_package_name",
                message: "'\(package.name)' is not a valid package name.",
                line: package.line, column: package.column))
        }
        for (builtin, use) in zip(forbiddenBuiltins, text.firstUses(of: forbiddenBuiltins)) {
            if let (line, column) = use {
                violations.append(RegoRuleViolation(
                    ruleID: "forbidden_builtin:\(builtin)",
                    message: "The built-in '\(builtin)' is not allowed in Caracal policies.",
                    line: line, column: column))
            }
        }
        if let package, isValidPackageName(package.name), package.name != requiredPackage {
            violations.append(RegoRuleViolation(
                ruleID: "must_use_package_caracal_authz",
                message: "The package is '\(package.name)'; Caracal policies must use 'package \(requiredPackage)'.",
                line: package.line, column: package.column))
        }
        if !hasDataDocumentMarker(content) {
            violations.append(RegoRuleViolation(
                ruleID: "must_be_data_document",
                message: "The policy has no '\(dataDocumentMarker)' line; Caracal accepts only data documents."))
        }
        let heads = text.ruleHeads()
        if let head = heads.first(where: { $0.name == "result" }) {
            violations.append(RegoRuleViolation(
                ruleID: "data_document_must_not_define_result",
                message: "A data document must not define 'result'; the platform contract defines it.",
                line: head.line, column: head.column))
        }
        if heads.isEmpty {
            violations.append(RegoRuleViolation(
                ruleID: "data_document_must_define_data",
                message: "The data document defines no rules; define at least one of \(allowedRulesInProse).",
                line: package?.line, column: package.map { _ in 1 }))
        }
        var reported: Set<String> = []
        for head in heads where head.name != "result" && !allowedRules.contains(head.name) {
            guard reported.insert(head.name).inserted else { continue }
            violations.append(RegoRuleViolation(
                ruleID: "data_document_rule_not_allowed:\(head.name)",
                message: "Rule '\(head.name)' is not allowed in a data document; define only \(allowedRulesInProse).",
                line: head.line, column: head.column))
        }
        return violations
    }

    /// `app_ids, grants, …, risk or approval_tiers`.
    private static var allowedRulesInProse: String {
        allowedRules.dropLast().joined(separator: ", ") + " or " + allowedRules.last!
    }

    /// Whether `name` is dotted identifiers: `a.b_c.d1`.
    static func isValidPackageName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
            return part.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) }
        }
    }

    /// Whether some line is the marker comment (the API's regex accepts it on any line).
    ///
    /// Read by bytes: a data document is often one long line, and splitting it into
    /// `Character`s would cost more than the rest of the checks. Lines end at `\n`, and a
    /// `\r` before it is trailing space, as `\r\n` is one line end for `Character`s.
    static func hasDataDocumentMarker(_ content: String) -> Bool {
        var content = content
        return content.withUTF8(hasDataDocumentMarker)
    }

    private static func hasDataDocumentMarker(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        let marker = "caracal:data-document".utf8
        return content.split(separator: UInt8(ascii: "\n")).contains { line in
            var rest = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            guard rest.first == UInt8(ascii: "#") else { return false }
            rest = rest.dropFirst().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            guard rest.starts(with: marker) else { return false }
            return rest.dropFirst(marker.count).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
