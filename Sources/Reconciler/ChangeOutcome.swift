import CaracalRuntime
import Planner

/// What happened to one change of a plan during apply.
public struct ChangeOutcome: Sendable {
    /// How the change ended.
    public enum Status: Sendable {
        /// Done; the object's id.
        case succeeded(id: String)
        /// The runtime refused or failed it.
        case failed(RuntimeError)
        /// Not attempted, because something it depends on failed or was blocked.
        case skipped(reason: String)
        /// A policy set's tests failed, so its new version was not activated.
        case blocked(reason: String)
    }

    public var change: PlanChange
    public var status: Status
    /// Things worth knowing that did not stop the change (a read-back after a timeout).
    public var notes: [String]

    public init(change: PlanChange, status: Status, notes: [String] = []) {
        self.change = change
        self.status = status
        self.notes = notes
    }

    /// Whether the change took effect.
    public var succeeded: Bool {
        if case .succeeded = status { return true }
        return false
    }

    /// `created Zone/quickstart (id …)`, `failed …: message`, for one line of progress.
    public var line: String {
        let verb: String
        switch change.action {
        case .create: verb = "created"
        case .update: verb = "updated"
        case .delete: verb = "deleted"
        case .newVersion: verb = "added a version to"
        case .activate: verb = "activated"
        }
        switch status {
        case .succeeded(let id): return "\(verb) \(change.address) (id \(id))"
        case .failed(let error): return "failed to \(change.action.rawValue) \(change.address): \(error)"
        case .skipped(let reason): return "skipped \(change.action.rawValue) \(change.address): \(reason)"
        case .blocked(let reason): return "kept the active version of \(change.address): \(reason)"
        }
    }
}
