/// The first line of a request: `GET /v1/zones HTTP/1.1`.
struct HTTPRequestLine: Equatable {
    var method: String
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1 (later 1.x minor versions are read as 1.1).
    var minorVersion: Int

    /// Parses a request line (without its line ending).
    ///
    /// - Throws: 400 for anything but three space-separated parts of the right shape, 505 for a
    ///   well-formed version other than HTTP/1.x.
    init(parsing line: ArraySlice<UInt8>) throws(HTTPProtocolError) {
        let parts = line.split(separator: ByteClass.space, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .badRequest("The request line must be a method, a target and a version separated by single spaces.")
        }
        let method = parts[0], target = parts[1], version = parts[2]
        guard !method.isEmpty, method.allSatisfy(ByteClass.isTokenCharacter) else {
            throw .badRequest("The request method is not a valid token.")
        }
        guard !target.isEmpty, target.allSatisfy(ByteClass.isVisible) else {
            throw .badRequest("The request target is empty or contains characters that are not allowed.")
        }
        let methodText = String(decoding: method, as: UTF8.self)
        let targetText = String(decoding: target, as: UTF8.self)
        guard target.first == UInt8(ascii: "/") || (targetText == "*" && methodText == "OPTIONS") else {
            throw .badRequest("The request target must start with '/'.")
        }
        let versionBytes = Array(version)
        guard versionBytes.count == 8,
              versionBytes[0..<5].elementsEqual("HTTP/".utf8),
              let major = ByteClass.digitValue(versionBytes[5]),
              versionBytes[6] == UInt8(ascii: "."),
              let minor = ByteClass.digitValue(versionBytes[7])
        else {
            throw .badRequest("The request line does not end with an HTTP version such as HTTP/1.1.")
        }
        guard major == 1 else { throw .versionNotSupported }
        self.method = methodText
        self.target = targetText
        self.minorVersion = min(minor, 1)
    }
}
