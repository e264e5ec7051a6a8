import CaracalRuntime

/// The errors about state files, with what to do about them.
enum StateErrors {
    static func corrupt(_ path: String, _ why: String) -> RuntimeError {
        RuntimeError(
            status: 500, code: "state_corrupt",
            message: "The embedded state file '\(path)' cannot be read: \(why). It was left untouched; restore it from the backup ('state.json.bak' in the same folder) or move the folder away to start with an empty state.")
    }
}
