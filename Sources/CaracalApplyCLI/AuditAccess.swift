import CaracalRuntimeEmbedded

/// The audit log of the embedded runtime a command points at.
struct AuditAccess {
    let context: CommandContext

    func log() throws(CommandFailure) -> AuditLog {
        guard case .embedded(let directory) = context.global.runtime else {
            throw .failed("The audit log is kept by the embedded runtime; a remote Caracal keeps its own decision records.")
        }
        return AuditLog(directory: context.absolutePath(directory))
    }

    func entries() throws(CommandFailure) -> [AuditEntry] {
        do {
            return try log().entries()
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw .failed("\(error)")
        }
    }
}
