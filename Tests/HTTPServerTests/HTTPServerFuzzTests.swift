import HTTPServer
import Testing
import TestSupport

/// Random and mutated input: the server answers with a status line or closes, never crashes,
/// and keeps serving.
struct HTTPServerFuzzTests {
    /// What a fuzzed exchange may get back: nothing (the server closed), a refusal, or an
    /// answer when the mutation happened to leave a valid request.
    private static let acceptableStatuses: Set<Int> = [200, 400, 408, 413, 431, 501, 505]

    private static let validRequests = [
        "GET /v1/zones?limit=2&cursor=abc HTTP/1.1\r\nHost: localhost:3000\r\nAccept: application/json\r\nAuthorization: Bearer cat_x\r\n\r\n",
        "POST /v1/zones HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"slug\":\"prod\"}",
        "PATCH /v1/zones/1 HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n",
        "PUT /x HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    ].map { Array($0.utf8) }

    /// Bytes that matter to the grammar, to make mutations more likely to hit edge cases.
    private static let interestingBytes: [UInt8] = Array(" \t\r\n:;,=?%/0\u{0}\u{7F}".utf8) + [0x80, 0xFF]

    @Test func randomAndMutatedInputNeverBreaksTheServer() async throws {
        try await withServer({ $0.maxBodyBytes = 4096; $0.maxHeaderBytes = 2048 }) { _, port in
            let (failures, outcomes) = try await onThread { () -> ([String], [String: Int]) in
                var random = SplitMix64(seed: 0x4854_5450)
                var failures: [String] = []
                var outcomes: [String: Int] = [:]
                for round in 0..<600 {
                    let input = round < 200
                        ? Self.randomBytes(using: &random)
                        : Self.mutated(Self.validRequests[round % Self.validRequests.count], using: &random)
                    let client = try RawClient.connectNow(port: port)
                    // The peer may already have closed (and reset) after refusing a prefix.
                    try? client.sendNow(input)
                    client.finishSending()
                    let answer = try client.readToEndNow()
                    client.disconnect()
                    if let problem = Self.problem(with: answer) {
                        failures.append("round \(round), input \(input): \(problem)")
                    }
                    outcomes[answer.count < 12 ? "closed" : String(decoding: answer[9..<12], as: UTF8.self), default: 0] += 1
                }
                return (failures, outcomes)
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
            // The inputs reach past the request line: some are refused, some still served.
            #expect(outcomes["400", default: 0] > 100)
            #expect(outcomes["200", default: 0] > 20, "\(outcomes)")
            #expect(try await exchange(port, get("/still/alive"))?.text == "GET /still/alive [] ")
        }
    }

    /// Why an answer is not acceptable, or `nil` when it is.
    private static func problem(with answer: [UInt8]) -> String? {
        if answer.isEmpty { return nil }
        let text = String(decoding: answer.prefix(64), as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 "), let status = Int(text.dropFirst(9).prefix(3)) else {
            return "not a status line: \(text)"
        }
        // An interim 100 Continue may come first.
        if status == 100 {
            guard let end = answer.firstRange(of: Array("\r\n\r\n".utf8)) else { return "truncated 100 Continue" }
            return problem(with: Array(answer[end.upperBound...]))
        }
        return acceptableStatuses.contains(status) ? nil : "unexpected status \(status)"
    }

    private static func randomBytes(using random: inout SplitMix64) -> [UInt8] {
        let count = Int.random(in: 1...600, using: &random)
        return (0..<count).map { _ in
            Bool.random(using: &random)
                ? interestingBytes.randomElement(using: &random)!
                : UInt8.random(in: 0...255, using: &random)
        }
    }

    private static func mutated(_ request: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = request
        for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
            let index = Int.random(in: 0..<bytes.count, using: &random)
            let byte = Bool.random(using: &random)
                ? interestingBytes.randomElement(using: &random)!
                : UInt8.random(in: 0...255, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: bytes[index] = byte
            case 1: bytes.insert(byte, at: index)
            case 2: bytes.remove(at: index)
            case 3: bytes.removeSubrange(index...)
            default:
                let end = min(bytes.count, index + Int.random(in: 1...20, using: &random))
                bytes.insert(contentsOf: bytes[index..<end], at: index)
            }
        }
        return bytes
    }
}
