import Manifest

/// Admin API paths (reference §1–§6), all under `/v1`.
enum AdminAPIPath {
    /// The collection a kind lives in: `/v1/zones`, or `/v1/zones/{zone}/{kind}`.
    static func collection(_ kind: ManifestKind, zoneID: String?) -> String {
        switch kind {
        case .zone: return "/v1/zones"
        default: return "/v1/zones/\(segment(zoneID ?? ""))/\(kindSegment(kind))"
        }
    }

    /// One object: `…/{collection}/{id}`.
    static func object(_ kind: ManifestKind, id: String, zoneID: String?) -> String {
        collection(kind, zoneID: zoneID) + "/" + segment(id)
    }

    /// A policy set's sub-resource, such as `versions` or `activate`.
    static func policySet(zoneID: String, setID: String, _ tail: String) -> String {
        object(.policySet, id: setID, zoneID: zoneID) + "/" + tail
    }

    /// The collection's path segment for a zone-scoped kind.
    static func kindSegment(_ kind: ManifestKind) -> String {
        switch kind {
        case .zone: return "zones"
        case .application: return "applications"
        case .provider: return "providers"
        case .resource: return "resources"
        case .policy: return "policies"
        case .policySet: return "policy-sets"
        }
    }

    /// An id as a path segment, percent-encoded so that no id can change the path's shape.
    static func segment(_ id: String) -> String { percentEncoded(id) }

    /// `?name=value&…` with every name and value percent-encoded; empty when there are none.
    static func query(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { percentEncoded($0.0) + "=" + percentEncoded($0.1) }.joined(separator: "&")
    }

    /// The text with every byte outside the unreserved set (and `:`) percent-encoded.
    private static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
