import Manifest

/// Renders a plan for people: terminal text or Markdown for a pull-request comment (SPEC §4).
public struct PlanRenderer: Sendable {
    /// Whether to colour text output (only on a terminal, never with `NO_COLOR`).
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    // MARK: Text

    /// The summary line, then every change (deletions first) with its field diffs, unmanaged
    /// objects and notes.
    public func text(_ plan: Plan) -> String {
        var out = paint(plan.summaryLine, "1") + "\n"
        for change in plan.changes {
            out += "\n" + paint("\(Self.symbol(change.action)) \(change.action.rawValue) \(change.address)", Self.color(change.action)) + "\n"
            for field in change.fields {
                out += fieldText(field, action: change.action)
            }
            if !change.dependsOn.isEmpty {
                out += "    (after \(change.dependsOn.map(\.description).joined(separator: ", ")))\n"
            }
        }
        if !plan.unmanaged.isEmpty {
            out += "\nUnmanaged objects (no manifest declares them):\n"
            for item in plan.unmanaged {
                let fate = item.keptBecause.map { "kept: \($0)" } ?? "deleted: the zone prunes"
                out += "  \(item.address) (id \(item.id)), \(fate)\n"
            }
        }
        if !plan.notes.isEmpty {
            out += "\nNotes:\n"
            for note in plan.notes { out += "  \(note.address): \(note.message)\n" }
        }
        return out
    }

    private func fieldText(_ field: FieldChange, action: PlanChange.Action) -> String {
        if field.path == "content", case .value(.string(let after)) = field.after {
            let before: String
            if case .value(.string(let text)) = field.before { before = text } else { before = "" }
            return "    content:\n" + contentDiff(before, after).map { "      \($0)\n" }.joined()
        }
        switch action {
        case .create:
            return "    \(field.path): \(field.after.display)\n"
        case .delete:
            return "    \(field.path): \(field.before.display)\n"
        case .update, .newVersion, .activate:
            return "    \(field.path): \(field.before.display) → \(field.after.display)\n"
        }
    }

    private func contentDiff(_ before: String, _ after: String) -> [String] {
        guard let lines = LineDiff.lines(before, after) else {
            return ["(\(before.split(separator: "\n").count) lines → \(after.split(separator: "\n").count) lines)"]
        }
        return LineDiff.hunks(lines).map { line in
            switch line {
            case nil: return "…"
            case .same(let text)?: return "  \(text)"
            case .removed(let text)?: return paint("- \(text)", "31")
            case .added(let text)?: return paint("+ \(text)", "32")
            }
        }
    }

    // MARK: Markdown

    /// A summary table and one collapsible section per change, for a pull-request comment.
    public func markdown(_ plan: Plan, title: String = "caracal-apply plan") -> String {
        var out = "### \(title)\n\n**\(plan.summaryLine)**\n"
        if !plan.changes.isEmpty {
            out += "\n| | Action | Object | Fields |\n|---|---|---|---|\n"
            for change in plan.changes {
                out += "| \(Self.symbol(change.action)) | \(change.action.rawValue) | `\(change.address)` | \(change.fields.map { "`\($0.path)`" }.joined(separator: ", ")) |\n"
            }
            for change in plan.changes {
                out += "\n<details><summary><code>\(Self.symbol(change.action)) \(change.action.rawValue) \(change.address)</code></summary>\n\n```diff\n"
                for field in change.fields {
                    out += markdownField(field, action: change.action)
                }
                out += "```\n"
                if !change.dependsOn.isEmpty {
                    out += "\nAfter: \(change.dependsOn.map { "`\($0)`" }.joined(separator: ", "))\n"
                }
                out += "\n</details>\n"
            }
        }
        if !plan.unmanaged.isEmpty {
            out += "\n**Unmanaged objects** (no manifest declares them):\n\n"
            for item in plan.unmanaged {
                out += "- `\(item.address)` (id `\(item.id)`): \(item.keptBecause.map { "kept, \($0)" } ?? "deleted, the zone prunes")\n"
            }
        }
        if !plan.notes.isEmpty {
            out += "\n**Notes**\n\n"
            for note in plan.notes { out += "- `\(note.address)`: \(note.message)\n" }
        }
        return out
    }

    private func markdownField(_ field: FieldChange, action: PlanChange.Action) -> String {
        if field.path == "content", case .value(.string(let after)) = field.after {
            let before: String
            if case .value(.string(let text)) = field.before { before = text } else { before = "" }
            guard let lines = LineDiff.lines(before, after) else { return "  content: (changed)\n" }
            return LineDiff.hunks(lines).map { line -> String in
                switch line {
                case nil: return "  …\n"
                case .same(let text)?: return "  \(text)\n"
                case .removed(let text)?: return "- \(text)\n"
                case .added(let text)?: return "+ \(text)\n"
                }
            }.joined()
        }
        switch action {
        case .create: return "+ \(field.path): \(field.after.display)\n"
        case .delete: return "- \(field.path): \(field.before.display)\n"
        case .update, .newVersion, .activate:
            return "- \(field.path): \(field.before.display)\n+ \(field.path): \(field.after.display)\n"
        }
    }

    // MARK: Helpers

    static func symbol(_ action: PlanChange.Action) -> String {
        switch action {
        case .create: return "+"
        case .update: return "~"
        case .delete: return "-"
        case .newVersion: return "^"
        case .activate: return ">"
        }
    }

    private static func color(_ action: PlanChange.Action) -> String {
        switch action {
        case .create: return "32"
        case .update, .newVersion: return "33"
        case .delete: return "31"
        case .activate: return "36"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
