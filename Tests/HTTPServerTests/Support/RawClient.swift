import Foundation
import Glibc
import Synchronization

/// A raw TCP client for the tests, so they can send bytes no HTTP client library would.
///
/// Every call that can block runs on a thread of its own (see `onThread`), never on Swift's
/// cooperative pool, which the server's handlers need. Reads give up after 10 seconds, so a
/// server bug fails a test instead of hanging it.
final class RawClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let fd: Int32
    private let pending = Mutex<[UInt8]>([])
    private let closed = Mutex(false)

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        disconnect()
    }

    /// Closes the socket (once; later calls do nothing).
    func disconnect() {
        let wasClosed = closed.withLock { closed in
            defer { closed = true }
            return closed
        }
        if !wasClosed { close(fd) }
    }

    /// Connects to this IPv4 or IPv6 address and port.
    static func connect(port: UInt16, host: String = "127.0.0.1") async throws -> RawClient {
        try await onThread { try connectNow(port: port, host: host) }
    }

    /// Connects on the calling thread; for code already running on a thread of its own.
    static func connectNow(port: UInt16, host: String = "127.0.0.1") throws -> RawClient {
        var storage = sockaddr_storage()
        let length: Int
        let family: Int32
        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in6.self) }
            (length, family) = (MemoryLayout<sockaddr_in6>.size, AF_INET6)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in.self) }
            (length, family) = (MemoryLayout<sockaddr_in>.size, AF_INET)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        let connected = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(length))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: code == ECONNREFUSED ? "connection refused" : "connect: errno \(code)")
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return RawClient(fd: fd)
    }

    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await onThread { try self.sendNow(bytes) }
    }

    func sendNow(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Closes the sending side, so the server reads end of input.
    func finishSending() {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads one response; `nil` when the connection ends before a response starts.
    ///
    /// - Parameter forHEAD: the response has no body whatever its Content-Length says.
    func readResponse(forHEAD: Bool = false) async throws -> RawResponse? {
        try await onThread { try self.readResponseNow(forHEAD: forHEAD) }
    }

    func readResponseNow(forHEAD: Bool = false) throws -> RawResponse? {
        var buffer = pending.withLock { $0 }
        defer { pending.withLock { [buffer] in $0 = buffer } }
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            if let range = buffer.firstRange(of: separator) {
                headEnd = range.upperBound
                break
            }
            guard try receive(into: &buffer) else {
                if buffer.isEmpty { return nil }
                throw Failure(description: "connection ended inside a response head: \(String(decoding: buffer, as: UTF8.self))")
            }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd!)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst()
        let statusParts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line: \(statusLine)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":")!
            return (
                name: line[..<colon].lowercased(),
                value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        var response = RawResponse(statusLine: statusLine, status: status, headers: headers, body: [])
        if forHEAD || status < 200 || status == 204 || status == 304 { return response }
        guard let lengthText = response.header("content-length"), let length = Int(lengthText) else {
            throw Failure(description: "response without Content-Length: \(head)")
        }
        while buffer.count < length {
            guard try receive(into: &buffer) else { throw Failure(description: "connection ended inside a body") }
        }
        response.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Reads until the server closes; returns everything not yet read as responses.
    func readToEnd() async throws -> [UInt8] {
        try await onThread { try self.readToEndNow() }
    }

    func readToEndNow() throws -> [UInt8] {
        var buffer = pending.withLock { $0 }
        while try receive(into: &buffer) {}
        pending.withLock { $0 = [] }
        return buffer
    }

    /// Appends what arrives; false at end of input (or a reset, which the server may send
    /// after closing with input unread).
    private func receive(into buffer: inout [UInt8]) throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer.append(contentsOf: chunk[..<received])
                return true
            }
            if received == 0 { return false }
            switch errno {
            case EINTR: continue
            case ECONNRESET: return false
            case EAGAIN: throw Failure(description: "timed out waiting for the server")
            default: throw Failure(description: "recv failed: errno \(errno)")
            }
        }
    }
}

/// A response as the raw client read it.
struct RawResponse: Sendable {
    var statusLine: String
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Runs blocking work on a new thread and waits for it without blocking the cooperative pool.
func onThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
