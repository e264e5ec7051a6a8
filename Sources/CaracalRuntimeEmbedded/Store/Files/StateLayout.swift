/// The files of a state directory.
struct StateLayout: Sendable {
    /// The absolute directory.
    var directory: String
    var snapshot: String { directory + "/state.json" }
    var backup: String { directory + "/state.json.bak" }
    var journal: String { directory + "/journal.jsonl" }
    var lock: String { directory + "/lock" }
}
