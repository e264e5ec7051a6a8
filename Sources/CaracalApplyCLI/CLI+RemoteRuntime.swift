import CaracalRuntime
import Foundation

/// Opens a remote runtime from its Admin API base URL and the admin token from
/// `$CARACAL_ADMIN_TOKEN` (`nil` when unset or empty).
public typealias RemoteRuntimeFactory = @Sendable (URL, String?) -> any Runtime

extension CLI {
    /// The sentence for a remote runtime this program cannot open.
    static func remoteRuntimeUnavailableMessage() -> String {
        "This program cannot open a remote runtime (--runtime URL or $CARACAL_API_URL); run 'caracal-apply-remote'."
    }
}
