import Foundation

/// The value formats and limits the Caracal Admin API enforces (reference §1–§6).
///
/// Each check returns `nil` when the value is acceptable, or the end of a sentence saying what
/// is wrong, for the caller to prefix with the field's name. The embedded runtime applies the
/// same rules, so manifests and the store refuse exactly the same values.
public enum AdminAPIFormats {
    static let zoneNameMax = 120
    static let applicationNameMax = 200
    static let resourceNameMax = 200
    static let identifierMax = 512
    static let scopesMax = 64
    static let scopeMax = 200
    static let operationsMax = 256
    static let methodMax = 16
    static let pathMax = 512
    static let traitsMax = 64
    static let traitMax = 128
    static let policySetPoliciesMax = 256

    /// Whether `id` may stand in an Admin API path: `^[A-Za-z0-9_.\-:]{1,128}$` (else 400
    /// `invalid_params`).
    public static func isPathID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { byte in
            isAlpha(byte) || isDigit(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
        }
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// `^provider://[a-z0-9]+(-[a-z0-9]+)*$`
    static func isProviderIdentifier(_ text: String) -> Bool {
        guard text.hasPrefix("provider://") else { return false }
        let rest = text.dropFirst("provider://".count)
        // Runs of [a-z0-9] joined by single hyphens: no hyphen first, last or next to another.
        var previous = UInt8(ascii: "-")
        for byte in rest.utf8 {
            guard isLowerAlnum(byte) || (byte == UInt8(ascii: "-") && previous != UInt8(ascii: "-")) else { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "-")
    }

    /// Why `text` is not a resource identifier, or `nil`.
    static func resourceIdentifierProblem(_ text: String) -> String? {
        if text.isEmpty || text.count > identifierMax {
            return "must be 1 to \(identifierMax) characters long"
        }
        if let scheme = plainURLScheme(text) {
            return scheme == "provider" ? "must not use the 'provider:' scheme, which names credential providers" : nil
        }
        guard let colon = text.firstIndex(of: ":"), isURLScheme(text[..<colon].utf8),
              text.index(after: colon) < text.endIndex, let url = URL(string: text) else {
            return "must be an absolute URL such as 'resource://name' or 'https://api.example.com'"
        }
        if text[..<colon].lowercased() == "provider" {
            return "must not use the 'provider:' scheme, which names credential providers"
        }
        if url.user != nil || url.password != nil {
            return "must not contain a user name or password"
        }
        return nil
    }

    /// Why `text` is not an upstream URL, or `nil`.
    static func upstreamURLProblem(_ text: String) -> String? {
        if let scheme = plainURLScheme(text) {
            return scheme == "http" || scheme == "https" ? nil : "must be an http or https URL such as 'https://api.example.com'"
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            return "must be an http or https URL such as 'https://api.example.com'"
        }
        return nil
    }

    /// Why `text` is not an https URL (OAuth endpoints), or `nil`.
    static func httpsURLProblem(_ text: String) -> String? {
        if let scheme = plainURLScheme(text) {
            return scheme == "https" ? nil : "must be an https URL"
        }
        guard let url = URL(string: text), url.scheme?.lowercased() == "https", let host = url.host, !host.isEmpty else {
            return "must be an https URL"
        }
        return nil
    }

    static func isTrait(_ text: String) -> Bool {
        guard let first = text.utf8.first, isAlpha(first), text.utf8.count <= traitMax else { return false }
        return text.utf8.allSatisfy { isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
            || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") }
    }

    /// Why `text` is not a usable HTTP header name, or `nil`.
    public static func headerNameProblem(_ text: String) -> String? {
        let tokenSymbols = Array("!#$%&'*+-.^_`|~".utf8)
        guard !text.isEmpty, text.utf8.allSatisfy({ isAlpha($0) || isDigit($0) || tokenSymbols.contains($0) }) else {
            return "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)"
        }
        let lower = text.lowercased()
        if reservedHeaderNames.contains(lower) || lower.hasPrefix("content-") || lower.hasPrefix("x-caracal-")
            || lower.hasPrefix("x-forwarded-") || lower.hasPrefix("proxy-") {
            return "names a header the Gateway reserves for itself"
        }
        return nil
    }

    /// Header names the Gateway sets itself.
    private static let reservedHeaderNames: Set<String> = [
        "host", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "traceparent", "x-request-id",
    ]

    /// OAuth parameter names `token_params`/`authorization_params` may not set.
    static let reservedOAuthParameters: Set<String> = [
        "grant_type", "client_id", "client_secret", "client_assertion", "client_assertion_type", "code",
        "code_verifier", "redirect_uri", "refresh_token", "response_type", "scope", "state", "assertion",
        "nonce", "code_challenge", "code_challenge_method",
    ]

    /// Why `text` is not an OAuth parameter name, or `nil`.
    public static func oauthParameterProblem(_ text: String) -> String? {
        let symbols = Array("._~-".utf8)
        guard !text.isEmpty, text.utf8.allSatisfy({ isAlpha($0) || isDigit($0) || symbols.contains($0) }) else {
            return "must be letters, digits and ._~- only"
        }
        if reservedOAuthParameters.contains(text) {
            return "is set by the OAuth flow itself and cannot be overridden"
        }
        return nil
    }

    /// The scheme of `text`, in lower case, when `text` is plainly `scheme://host` or
    /// `scheme://host/path` with only letters, digits and `-._~` in the host (and `/` in the
    /// path); `nil` otherwise.
    ///
    /// Foundation's URL parser accepts every such text, with that scheme, that host and no user,
    /// password or port, so the checks above answer for it without parsing, which cost as much
    /// as decoding the rest of a Resource; any other text is left to the parser. The bytes are
    /// read in place, which costs a fraction of walking the string's views.
    static func plainURLScheme(_ text: String) -> String? {
        let slash = UInt8(ascii: "/")
        let scheme = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), isURLScheme(bytes[..<colon]),
                  colon + 3 < bytes.count, bytes[colon + 1] == slash, bytes[colon + 2] == slash else { return nil }
            let path = bytes[(colon + 3)...].firstIndex { !isUnreserved($0) } ?? bytes.count
            guard path > colon + 3, bytes[path...].allSatisfy({ isUnreserved($0) || $0 == slash }) else { return nil }
            return String(decoding: bytes[..<colon].map { isAlpha($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return scheme ?? nil
    }

    /// RFC 3986's unreserved characters: letters, digits and `-._~`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    /// Whether `bytes` are a URL scheme: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, as
    /// RFC 3986 has it.
    public static func isURLScheme(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first, isAlpha(first) else { return false }
        return bytes.allSatisfy { isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || isDigit(byte)
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
