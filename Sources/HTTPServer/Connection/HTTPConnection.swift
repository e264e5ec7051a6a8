import Dispatch
import Glibc

/// One client connection, served on its own thread from accept to close.
///
/// Everything here runs on that thread and does blocking I/O with `poll` timeouts; only the
/// handler runs elsewhere, as a task, while the thread waits for its response.
struct HTTPConnection {
    /// Why a request could not be read.
    enum Failure: Error {
        /// The client went away or the socket failed: close without answering.
        case gone
        /// Answer with this error, then close.
        case reject(HTTPProtocolError)
    }

    /// How long the server keeps reading (and discarding) after its last response.
    static let lingerSeconds = 1.0

    let fd: Int32
    let remoteAddress: String
    let configuration: HTTPServer.Configuration
    let handler: @Sendable (HTTPRequest) async -> HTTPResponse
    /// Readable once the server shuts down.
    let wakeFD: Int32
    let isStopping: () -> Bool
    var reader: SocketReader

    init(
        fd: Int32,
        remoteAddress: String,
        configuration: HTTPServer.Configuration,
        handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse,
        wakeFD: Int32,
        isStopping: @escaping () -> Bool
    ) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.configuration = configuration
        self.handler = handler
        self.wakeFD = wakeFD
        self.isStopping = isStopping
        reader = SocketReader(fd: fd)
    }

    /// Serves requests until the connection closes, then closes the descriptor.
    mutating func run() {
        while true {
            reader.compact()
            if reader.unreadCount == 0 {
                // Idle between requests: the server's shutdown or the idle timeout ends it quietly.
                do {
                    try reader.fill(deadline: Deadline(secondsFromNow: configuration.idleTimeout), wakeFD: wakeFD)
                } catch {
                    close(fd)
                    return
                }
            }
            let deadline = Deadline(secondsFromNow: configuration.readTimeout)
            let head: HTTPRequestHead
            let body: [UInt8]
            do throws(Failure) {
                head = try readHead(deadline: deadline)
                body = try readBody(of: head, deadline: deadline)
            } catch {
                switch error {
                case .gone:
                    close(fd)
                case .reject(let problem):
                    let bytes = problem.response.serialized(
                        omitBody: false, closing: true, announceKeepAlive: false, date: HTTPDate.now()
                    )
                    if Socket.sendAll(fd, bytes) {
                        Socket.lingeringClose(fd, limit: Self.lingerSeconds)
                    } else {
                        close(fd)
                    }
                }
                return
            }
            let request = HTTPRequest(
                method: head.line.method,
                target: head.line.target,
                headers: head.headers,
                body: body,
                remoteAddress: remoteAddress
            )
            let response = Self.respond(to: request, with: handler)
            if response.dropsConnection {
                close(fd)
                return
            }
            let closing = !head.keepsAlive || isStopping()
            let bytes = response.serialized(
                omitBody: head.line.method == "HEAD",
                closing: closing,
                announceKeepAlive: !closing && head.line.minorVersion == 0,
                date: HTTPDate.now()
            )
            guard Socket.sendAll(fd, bytes) else {
                close(fd)
                return
            }
            if closing {
                Socket.lingeringClose(fd, limit: Self.lingerSeconds)
                return
            }
        }
    }

    /// Runs the async handler as a task and blocks this (non-cooperative) thread until it answers.
    ///
    /// The task runs at high priority: a client is waiting on it, so it goes ahead of
    /// background work queued on the same executor.
    static func respond(
        to request: HTTPRequest,
        with handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
    ) -> HTTPResponse {
        let slot = ResponseSlot()
        Task.detached(priority: .high) {
            slot.fill(await handler(request))
        }
        return slot.wait()
    }
}
