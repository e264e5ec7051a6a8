import Manifest

/// What differs between the live state and the manifests, for `drift` (SPEC §6).
///
/// It is a read-only plan seen from the other side: objects out of sync (with their field
/// diffs), objects missing from the runtime, objects no manifest declares, and policy sets
/// whose active version is not the desired one.
public struct DriftReport: Sendable {
    public var plan: Plan

    public init(plan: Plan) {
        self.plan = plan
    }

    public var outOfSync: [PlanChange] { plan.changes.filter { $0.action == .update || $0.action == .newVersion } }
    public var missing: [PlanChange] { plan.changes.filter { $0.action == .create } }
    public var policySets: [PlanChange] { plan.changes.filter { $0.action == .activate } }

    /// Whether live state matches the manifests (unmanaged objects in a zone that does not
    /// prune are reported but are not drift).
    public var inSync: Bool {
        plan.changes.isEmpty
    }

    public var summaryLine: String {
        guard !inSync else { return "No drift: the live state matches the manifests." }
        var parts: [String] = []
        if !outOfSync.isEmpty { parts.append("\(outOfSync.count) out of sync") }
        if !missing.isEmpty { parts.append("\(missing.count) missing") }
        let pruned = plan.changes.filter { $0.action == .delete }.count
        if pruned > 0 { parts.append("\(pruned) unmanaged") }
        if !policySets.isEmpty { parts.append("\(policySets.count) policy set\(policySets.count == 1 ? "" : "s") not at the desired version") }
        return "Drift: \(parts.joined(separator: ", "))."
    }

    /// The report for people.
    public func text(colored: Bool = false) -> String {
        var out = summaryLine + "\n"
        func section(_ title: String, _ changes: [PlanChange]) {
            guard !changes.isEmpty else { return }
            out += "\n\(title):\n"
            for change in changes {
                out += "  \(change.address)\n"
                for field in change.fields where field.path != "content" {
                    out += "      \(field.path): live \(field.before.display), manifests \(field.after.display)\n"
                }
            }
        }
        section("Out of sync (changed outside the manifests)", outOfSync)
        section("Missing (declared, not in the runtime)", missing)
        section("Policy sets not at the desired version", policySets)
        if !plan.unmanaged.isEmpty {
            out += "\nUnmanaged (in the runtime, no manifest declares them):\n"
            for item in plan.unmanaged { out += "  \(item.address) (id \(item.id))\n" }
        }
        return out
    }

    /// The report as JSON, for alerting.
    public func json() -> RegoValue {
        func list(_ changes: [PlanChange]) -> RegoValue { .array(changes.map(PlanDocument.change)) }
        return .object([
            "format_version": .int(1),
            "runtime": .string(plan.runtime),
            "in_sync": .bool(inSync),
            "out_of_sync": list(outOfSync),
            "missing": list(missing),
            "policy_sets": list(policySets),
            "unmanaged": .array(plan.unmanaged.map(PlanDocument.unmanaged)),
        ])
    }

    /// The report as Markdown, for an issue or a chat message.
    public func markdown() -> String {
        var out = "### caracal-apply drift\n\n**\(summaryLine)**\n"
        func section(_ title: String, _ changes: [PlanChange]) {
            guard !changes.isEmpty else { return }
            out += "\n#### \(title)\n\n| Object | Field | Live | Manifests |\n|---|---|---|---|\n"
            for change in changes {
                let fields = change.fields.filter { $0.path != "content" }
                if fields.isEmpty { out += "| `\(change.address)` | | | |\n" }
                for field in fields {
                    out += "| `\(change.address)` | `\(field.path)` | `\(field.before.display)` | `\(field.after.display)` |\n"
                }
            }
        }
        section("Out of sync", outOfSync)
        section("Missing", missing)
        section("Policy sets not at the desired version", policySets)
        if !plan.unmanaged.isEmpty {
            out += "\n#### Unmanaged\n\n"
            for item in plan.unmanaged { out += "- `\(item.address)` (id `\(item.id)`)\n" }
        }
        return out
    }
}
