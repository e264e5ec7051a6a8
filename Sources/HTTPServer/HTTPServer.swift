import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets that passes each request to an async handler.
///
/// It knows nothing about what it serves: it reads requests (with `Content-Length` or chunked
/// bodies), enforces the limits in `Configuration`, answers protocol errors itself with a JSON
/// envelope such as `{"error":"bad_request","error_description":"…"}`, and keeps connections
/// alive between requests. HTTP/1.1 requests must carry exactly one `Host` field (RFC 9112
/// §3.2); `Expect: 100-continue` is answered before the body is read.
///
/// Each connection gets its own thread doing blocking reads and writes with `poll` timeouts,
/// so a slow client delays nobody else and no blocking I/O touches Swift's cooperative pool;
/// one more thread accepts connections. The handler runs as a task while the connection's
/// thread waits for its response.
///
/// ```swift
/// let server = HTTPServer(configuration: .init()) { request in
///     .json(status: 200, #"{"path":"\(request.path)"}"#)
/// }
/// let port = try server.start()
/// …
/// await server.shutdown()
/// ```
public final class HTTPServer: Sendable {
    /// The lifecycle: `idle` until `start()`, `running`, `stopping` from `shutdown()` until the
    /// last connection closes, then `stopped`.
    private enum Phase {
        case idle
        case running
        case stopping
        case stopped
    }

    /// Everything shared between the caller, the accept thread and the connection threads.
    private struct State {
        var phase = Phase.idle
        /// The listening socket; -1 once the accept thread has closed it.
        var listenFD: Int32 = -1
        /// A pipe whose read end becomes readable (and stays so) when shutdown begins; it wakes
        /// the accept thread and every idle connection at once.
        var wakeRead: Int32 = -1
        var wakeWrite: Int32 = -1
        var accepting = false
        var connections = 0
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let configuration: Configuration
    private let handler: @Sendable (HTTPRequest) async -> HTTPResponse
    private let state = Mutex(State())

    /// Creates a server; nothing is bound until `start()`.
    ///
    /// - Parameters:
    ///   - configuration: the address and the limits.
    ///   - handler: answers each request; requests on one connection are handled one at a time,
    ///     requests on different connections concurrently.
    public init(
        configuration: Configuration,
        handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
    ) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds and listens. Returns the bound port (useful with port 0).
    ///
    /// - Throws: `HTTPServerError` with a message such as
    ///   `address already in use: 127.0.0.1:3000`, for an invalid configuration, or when the
    ///   server was started before.
    public func start() throws(HTTPServerError) -> UInt16 {
        if let problem = configuration.problem() {
            throw HTTPServerError(message: "invalid server configuration: \(problem)")
        }
        let display = SocketAddress.describe(host: configuration.host, port: configuration.port)
        guard let address = SocketAddress(host: configuration.host, port: configuration.port) else {
            throw HTTPServerError(
                message: "invalid host '\(configuration.host)': expected an IPv4 or IPv6 address literal such as 127.0.0.1 or ::1"
            )
        }
        return try state.withLock { state throws(HTTPServerError) -> UInt16 in
            switch state.phase {
            case .idle: break
            case .running: throw HTTPServerError(message: "the server is already running")
            case .stopping, .stopped: throw HTTPServerError(message: "the server was shut down and cannot start again")
            }
            let (listenFD, port) = try Self.listen(on: address, display: display)
            var pipeFDs: [Int32] = [-1, -1]
            guard pipe(&pipeFDs) == 0 else {
                let reason = Self.errorText()
                close(listenFD)
                throw HTTPServerError(message: "cannot create the server's wake-up pipe: \(reason)")
            }
            for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            state.phase = .running
            state.listenFD = listenFD
            state.wakeRead = pipeFDs[0]
            state.wakeWrite = pipeFDs[1]
            state.accepting = true
            let wakeFD = pipeFDs[0]
            let thread = Thread { [self] in
                acceptConnections(listenFD: listenFD, wakeFD: wakeFD)
            }
            thread.name = "HTTPServer accept \(port)"
            thread.start()
            return port
        }
    }

    /// Stops accepting, lets requests in flight finish and be answered (closing idle keep-alive
    /// connections), and returns when every connection is closed.
    ///
    /// Connections are closed after their current response. Safe to call more than once and
    /// from any task; calling it before `start()` marks the server stopped.
    public func shutdown() async {
        beginShutdown()
        await waitUntilStopped()
    }

    /// Returns when the server has shut down (after shutdown() completes).
    ///
    /// Any number of tasks may wait; for a server that never started, this returns once
    /// `shutdown()` is called.
    public func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = state.withLock { state in
                if state.phase == .stopped { return true }
                state.stopWaiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    /// Begins shutting down without waiting: once this returns, the listening socket no
    /// longer accepts connections (new ones are refused).
    func beginShutdown() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            switch state.phase {
            case .idle:
                state.phase = .stopped
                defer { state.stopWaiters = [] }
                return state.stopWaiters
            case .running:
                state.phase = .stopping
                if state.listenFD >= 0 {
                    // On Linux this stops the listener at once and wakes the accept thread;
                    // that thread closes the descriptor, so it cannot be reused under it.
                    _ = Glibc.shutdown(state.listenFD, Int32(SHUT_RDWR))
                }
                var byte: UInt8 = 1
                _ = write(state.wakeWrite, &byte, 1)
                return finishIfDone(&state)
            case .stopping, .stopped:
                return []
            }
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether shutdown has begun (connections close after their current response).
    var isStopping: Bool {
        state.withLock { $0.phase != .running }
    }

    /// Marks the server stopped once nothing runs any more, and returns the waiters to resume.
    private func finishIfDone(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        guard state.phase == .stopping, !state.accepting, state.connections == 0 else { return [] }
        state.phase = .stopped
        close(state.wakeRead)
        close(state.wakeWrite)
        state.wakeRead = -1
        state.wakeWrite = -1
        defer { state.stopWaiters = [] }
        return state.stopWaiters
    }

    /// Creates, binds and listens on a socket; returns it and the bound port.
    private static func listen(on address: SocketAddress, display: String) throws(HTTPServerError) -> (Int32, UInt16) {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw HTTPServerError(message: "cannot create a socket for \(display): \(errorText())")
        }
        Socket.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
        if address.withSockaddr({ bind(fd, $0, $1) }) != 0 {
            let code = errno
            close(fd)
            switch code {
            case EADDRINUSE: throw HTTPServerError(message: "address already in use: \(display)")
            case EACCES: throw HTTPServerError(message: "permission denied to listen on \(display)")
            case EADDRNOTAVAIL: throw HTTPServerError(message: "address not available on this machine: \(display)")
            default: throw HTTPServerError(message: "cannot bind \(display): \(errorText(code))")
            }
        }
        guard Glibc.listen(fd, SOMAXCONN) == 0 else {
            let reason = errorText()
            close(fd)
            throw HTTPServerError(message: "cannot listen on \(display): \(reason)")
        }
        // Non-blocking, so a connection that vanishes between poll and accept cannot block us.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let reason = errorText()
            close(fd)
            throw HTTPServerError(message: "cannot read the bound address of \(display): \(reason)")
        }
        return (fd, SocketAddress(storage: bound).port)
    }

    /// The accept thread: hands each new connection to a thread of its own until shutdown.
    private func acceptConnections(listenFD: Int32, wakeFD: Int32) {
        while true {
            var descriptors = [
                pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if descriptors[1].revents != 0 { break }
            if descriptors[0].revents & Int16(POLLIN) == 0 {
                if descriptors[0].revents != 0 { break }
                continue
            }
            var peer = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listenFD, $0, &length)
                }
            }
            if fd < 0 {
                switch errno {
                case EINTR, EAGAIN, ECONNABORTED, EPROTO, EPERM:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors or memory: wait a little (or for shutdown) and retry.
                    var wake = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
                    _ = poll(&wake, 1, 100)
                    continue
                default:
                    break
                }
                break
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            admit(fd, remoteAddress: SocketAddress(storage: peer).description, wakeFD: wakeFD)
        }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            close(state.listenFD)
            state.listenFD = -1
            state.accepting = false
            return finishIfDone(&state)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Starts a thread for a new connection, or answers 503 when too many are open.
    private func admit(_ fd: Int32, remoteAddress: String, wakeFD: Int32) {
        let admitted = state.withLock { state in
            guard state.phase == .running, state.connections < configuration.maxConnections else { return false }
            state.connections += 1
            return true
        }
        guard admitted else {
            Self.refuseBusy(fd)
            return
        }
        Socket.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
        Socket.setSendTimeout(fd, seconds: configuration.idleTimeout)
        let thread = Thread { [self] in
            var connection = HTTPConnection(
                fd: fd,
                remoteAddress: remoteAddress,
                configuration: configuration,
                handler: handler,
                wakeFD: wakeFD,
                isStopping: { self.isStopping }
            )
            connection.run()
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.connections -= 1
                return finishIfDone(&state)
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = "HTTPServer \(remoteAddress)"
        thread.start()
    }

    /// Answers 503 without blocking the accept thread, and closes.
    private static func refuseBusy(_ fd: Int32) {
        let bytes = HTTPProtocolError.serverBusy.response.serialized(
            omitBody: false, closing: true, announceKeepAlive: false, date: HTTPDate.now()
        )
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        // Discard what already arrived, so that closing does not reset the connection.
        // Bounded, so a client that keeps sending cannot hold the accept thread.
        var scratch = [UInt8](repeating: 0, count: 16 << 10)
        for _ in 0..<16 {
            let received = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if received <= 0 { break }
        }
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        close(fd)
    }

    private static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
