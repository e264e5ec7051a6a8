import CaracalRuntime
import Manifest

/// Polls an activation until its propagation status is `loaded` (SPEC §5).
struct ActivationWaiter: Sendable {
    let timeout: Duration

    func wait(_ runtime: some Runtime, zoneID: String, policySetID: String, versionID: String, outboxID: String?, address: ObjectAddress) async throws(RuntimeError) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var delay = Duration.milliseconds(250)
        var last = "unknown"
        while true {
            let status = try await runtime.activationStatus(zoneID: zoneID, policySetID: policySetID, versionID: versionID, outboxID: outboxID)
            last = status.string("propagation_status") ?? "unknown"
            switch last {
            case "loaded":
                return
            case "failed":
                let detail = status["sts"]?["detail"]?.stringValue ?? status["outbox"]?["last_error"]?.stringValue
                throw RuntimeError(status: 0, code: "activation_failed", message: "Activating \(address) failed to propagate\(detail.map { ": \($0)" } ?? "").")
            default:
                break
            }
            guard clock.now.advanced(by: delay) < deadline else {
                throw RuntimeError(status: 0, code: "activation_timeout", message: "\(address) was activated but had not loaded after \(timeout) (status '\(last)'); check again with 'caracal-apply drift', or raise --activation-timeout.")
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(2))
        }
    }
}
