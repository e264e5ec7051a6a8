import CaracalRuntime
import Manifest
import Planner

/// The steps plan, apply, drift and destroy share: targets, planning, runtime errors.
enum Planning {
    /// `--target` addresses, each checked to name a declared object.
    static func targets(_ context: CommandContext, desired: DesiredState) throws(CommandFailure) -> [ObjectAddress] {
        var result: [ObjectAddress] = []
        for text in context.arguments.values("target") {
            guard let address = ObjectAddress(parsing: text) else {
                throw .usage(UsageError("'--target \(text)' is not an address; write KIND/ZONE/NAME, such as Resource/prod/billing, or Zone/NAME."))
            }
            guard desired.object(at: address) != nil else {
                let known = desired.objects.map(\.address.description)
                throw .usage(UsageError("'--target \(text)' names no declared object\(Suggestion.phrase(for: text, in: known, otherwise: "."))"))
            }
            result.append(address)
        }
        return result
    }

    /// Plans against `runtime`, turning runtime errors into exit 1.
    static func plan(_ desired: DesiredState, mode: PlanBuilder.Mode, targets: [ObjectAddress], runtime: any Runtime) async throws(CommandFailure) -> (plan: Plan, live: LiveState) {
        do {
            return try await PlanBuilder(desired: desired, mode: mode, targets: targets).plan(against: runtime)
        } catch {
            throw .failed("Could not read the live state from \(runtime.identity): \(error)")
        }
    }
}
