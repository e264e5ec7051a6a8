import CaracalRuntime
import Foundation
import Manifest

/// Keyset pagination as the Admin API does it (reference §0.1): `limit` 1…500 (default 200),
/// an opaque `cursor` — base64url of `{"ts","id"}` of the last row sent — and `next_cursor`
/// `null` once a page has fewer than `limit` rows.
struct PageCursor: Sendable, Equatable {
    var createdAt: String
    var id: String

    static let defaultLimit = 200
    static let maximumLimit = 500
    static let maximumCursorLength = 512

    /// The page of `items` (ordered `created_at DESC, id DESC`) that `query` asks for, as the
    /// `{"items", "next_cursor"}` body.
    static func page(_ items: [LiveObject], query: [String: String]) throws(RuntimeError) -> RegoValue {
        let limit = try Self.limit(query["limit"])
        var start = 0
        if let text = query["cursor"] {
            let cursor = try PageCursor(text: text)
            start = items.firstIndex { cursor.precedes($0) } ?? items.count
        }
        let rows = items[start..<min(items.count, start + limit)]
        var next = RegoValue.null
        if rows.count == limit, let last = rows.last {
            next = .string(PageCursor(createdAt: last.string("created_at") ?? "", id: last.id).text)
        }
        return .object(["items": .array(rows.map { .object($0.fields) }), "next_cursor": next])
    }

    init(createdAt: String, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    /// Decodes a cursor; 400 `invalid_cursor` when it is not one this server made.
    init(text: String) throws(RuntimeError) {
        let invalid = RuntimeError.invalid("invalid_cursor", "The cursor is not one this server returned; start the listing again without it.")
        guard text.count <= Self.maximumCursorLength, let data = Self.base64URLDecoded(text),
              let value = try? JSONReader.value(from: [UInt8](data)),
              let createdAt = value["ts"]?.stringValue, let id = value["id"]?.stringValue else { throw invalid }
        self.init(createdAt: createdAt, id: id)
    }

    /// The cursor's text: base64url of `{"id","ts"}`, without padding.
    var text: String {
        let json = JSONWriter.compact(.object(["ts": .string(createdAt), "id": .string(id)]))
        return Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `object` comes after the cursor's row in `created_at DESC, id DESC` order.
    func precedes(_ object: LiveObject) -> Bool {
        let created = object.string("created_at") ?? ""
        return created < createdAt || (created == createdAt && object.id < id)
    }

    private static func limit(_ text: String?) throws(RuntimeError) -> Int {
        guard let text else { return defaultLimit }
        guard let limit = Int(text), (1...maximumLimit).contains(limit) else {
            throw RuntimeError.invalid("invalid_query", "'limit' must be a whole number from 1 to \(maximumLimit), not '\(text)'.")
        }
        return limit
    }

    private static func base64URLDecoded(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
