extension HTTPConnection {
    /// Reads the request line and header section, checking each line as soon as it is complete.
    mutating func readHead(deadline: Deadline) throws(Failure) -> HTTPRequestHead {
        let origin = reader.position
        let limit = configuration.maxHeaderBytes
        var lines: [Range<Int>] = []
        var lineStart = origin
        var scan = origin
        while true {
            while let lineFeed = reader.buffer[scan...].firstIndex(of: ByteClass.lineFeed) {
                var end = lineFeed
                if end > lineStart && reader.buffer[end - 1] == ByteClass.carriageReturn { end -= 1 }
                scan = lineFeed + 1
                guard scan - origin <= limit else { throw .reject(Self.headTooLarge(limit)) }
                if end == lineStart {
                    if lines.isEmpty {
                        // RFC 9112 §2.2: empty lines before the request line are ignored.
                        lineStart = scan
                        continue
                    }
                    reader.position = scan
                    let slices = lines.map { reader.buffer[$0] }
                    do {
                        return try HTTPRequestHead(lines: slices, maxHeaderCount: configuration.maxHeaderCount)
                    } catch {
                        throw .reject(error)
                    }
                }
                lines.append(lineStart..<end)
                lineStart = scan
                if lines.count == 1 {
                    // Garbage is refused at once instead of after the read timeout.
                    do {
                        _ = try HTTPRequestLine(parsing: reader.buffer[lines[0]])
                    } catch {
                        throw .reject(error)
                    }
                } else if lines.count - 1 > configuration.maxHeaderCount {
                    throw .reject(.headerFieldsTooLarge(
                        "The request has more than \(configuration.maxHeaderCount) header fields."
                    ))
                }
            }
            scan = reader.buffer.count
            guard scan - origin <= limit else { throw .reject(Self.headTooLarge(limit)) }
            try fill(deadline: deadline, midRequest: scan > origin)
        }
    }

    /// Reads the body the head announces, sending `100 Continue` first when the client waits for it.
    mutating func readBody(of head: HTTPRequestHead, deadline: Deadline) throws(Failure) -> [UInt8] {
        let framing: BodyFraming
        do {
            framing = try head.bodyFraming(maxBodyBytes: configuration.maxBodyBytes)
        } catch {
            throw .reject(error)
        }
        if framing != .none && head.expectsContinue && reader.unreadCount == 0 {
            guard Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { throw .gone }
        }
        var body: [UInt8] = []
        switch framing {
        case .none:
            break
        case .length(let length):
            try require(length, deadline: deadline)
            body.reserveCapacity(length)
            reader.consume(length, into: &body)
        case .chunked:
            try readChunks(into: &body, deadline: deadline)
        }
        return body
    }

    /// Decodes a chunked body and reads (and discards) its trailer section.
    private mutating func readChunks(into body: inout [UInt8], deadline: Deadline) throws(Failure) {
        let maxBodyBytes = configuration.maxBodyBytes
        while true {
            let sizeLine = try readLine(
                maxLength: ChunkedCoding.maxSizeLineBytes, deadline: deadline,
                tooLong: .badRequest("A chunk-size line is too long.")
            )
            let size: Int
            do {
                size = try ChunkedCoding.chunkSize(parsing: sizeLine[...])
            } catch {
                throw .reject(error)
            }
            if size == 0 { break }
            guard size <= maxBodyBytes - body.count else { throw .reject(.payloadTooLarge(limit: maxBodyBytes)) }
            try require(size, deadline: deadline)
            reader.consume(size, into: &body)
            let ending = try readLine(
                maxLength: 0, deadline: deadline,
                tooLong: .badRequest("Chunk data is not followed by a line end.")
            )
            guard ending.isEmpty else { throw .reject(.badRequest("Chunk data is not followed by a line end.")) }
        }
        let limit = configuration.maxHeaderBytes
        var trailerBytes = 0
        while true {
            let line = try readLine(maxLength: limit, deadline: deadline, tooLong: Self.headTooLarge(limit))
            if line.isEmpty { return }
            trailerBytes += line.count + 2
            guard trailerBytes <= limit else { throw .reject(Self.headTooLarge(limit)) }
            do {
                _ = try HTTPRequestHead.parseField(line[...])
            } catch {
                throw .reject(error)
            }
        }
    }

    /// Reads more; `midRequest` tells whether part of a request has arrived already.
    private mutating func fill(deadline: Deadline, midRequest: Bool) throws(Failure) {
        do {
            try reader.fill(deadline: deadline)
        } catch {
            throw Self.failure(for: error, midRequest: midRequest)
        }
    }

    private mutating func require(_ count: Int, deadline: Deadline) throws(Failure) {
        do {
            try reader.require(count, deadline: deadline)
        } catch {
            throw Self.failure(for: error, midRequest: true)
        }
    }

    private mutating func readLine(
        maxLength: Int, deadline: Deadline, tooLong: HTTPProtocolError
    ) throws(Failure) -> [UInt8] {
        do {
            return try reader.readLine(maxLength: maxLength, deadline: deadline)
        } catch .lineTooLong {
            throw .reject(tooLong)
        } catch {
            throw Self.failure(for: error, midRequest: true)
        }
    }

    /// A read that failed: a timeout is answered with 408, and a client that stopped sending
    /// partway through a request (but may still read) with 400; otherwise the connection just
    /// closes.
    private static func failure(for error: SocketReader.Failure, midRequest: Bool) -> Failure {
        switch error {
        case .timedOut: return .reject(.requestTimeout)
        case .closed where midRequest: return .reject(.badRequest("The request ended before it was complete."))
        default: return .gone
        }
    }

    private static func headTooLarge(_ limit: Int) -> HTTPProtocolError {
        .headerFieldsTooLarge("The request line and header fields are larger than the limit of \(limit) bytes.")
    }
}
