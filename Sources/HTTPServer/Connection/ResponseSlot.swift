import Dispatch
import Synchronization

/// Hands a handler's response from its task to the connection thread that waits for it.
final class ResponseSlot: Sendable {
    private let filled = DispatchSemaphore(value: 0)
    private let response = Mutex<HTTPResponse?>(nil)

    /// Stores the response and wakes the waiting thread; call once.
    func fill(_ value: HTTPResponse) {
        response.withLock { $0 = value }
        filled.signal()
    }

    /// Blocks until `fill` was called and returns its response.
    ///
    /// Only for threads outside Swift's cooperative pool, which must never block.
    func wait() -> HTTPResponse {
        filled.wait()
        return response.withLock { $0 } ?? HTTPProtocolError.internalError.response
    }
}
