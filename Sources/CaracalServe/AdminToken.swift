import Foundation
import Manifest

/// An admin token `serve` accepts, with the Admin API's scope and capability (reference §0).
struct AdminToken: Sendable, Equatable {
    enum Scope: String, Sendable { case global, zone }
    enum Capability: String, Sendable { case write, read, approve }

    var id: String
    var name: String
    var scope: Scope
    /// The one zone a zone-scoped token may reach.
    var zoneID: String?
    var capability: Capability
    /// The secret text, `cat_…`; never logged or returned except once, when minted.
    var secret: String

    /// A new random token secret: `cat_` and 32 random bytes in hex.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "cat_" + SHA256.hexString((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Whether `candidate` is this token's secret, compared in time independent of where they differ.
    func matches(_ candidate: String) -> Bool {
        let lhs = Array(secret.utf8)
        let rhs = Array(candidate.utf8)
        var difference = UInt8(lhs.count == rhs.count ? 0 : 1)
        for index in 0..<min(lhs.count, rhs.count) { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
