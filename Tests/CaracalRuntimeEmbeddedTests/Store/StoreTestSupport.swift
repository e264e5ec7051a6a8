import CaracalRuntime
import Foundation
import Glibc
import Manifest
@testable import CaracalRuntimeEmbedded

/// A fresh directory under the system's temporary folder, removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array((URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path + "/caracal-store-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: created!)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The error an operation throws, or `nil` when it succeeds.
func runtimeError<T>(_ operation: () async throws -> T) async -> RuntimeError? {
    do {
        _ = try await operation()
        return nil
    } catch let error as RuntimeError {
        return error
    } catch {
        return RuntimeError(status: -1, code: "unexpected", message: "\(error)")
    }
}

/// A data document that defines exactly `rule`.
func dataPolicy(_ rule: String = "grants", value: String = "{}") -> String {
    "# caracal:data-document\npackage caracal.authz\n\n\(rule) := \(value)\n"
}

extension EmbeddedRuntime {
    /// Creates a zone and returns its id.
    func makeZone(_ slug: String, name: String? = nil) async throws -> String {
        try await create(.zone, zoneID: nil, body: ["name": .string(name ?? slug), "slug": .string(slug)]).id
    }

    /// Creates an api_key provider and returns its id.
    func makeProvider(zone: String, _ identifier: String, secret: String = "key-value-1") async throws -> String {
        try await create(.provider, zoneID: zone, body: [
            "identifier": .string(identifier),
            "kind": .string("api_key"),
            "config_json": .object(["header_name": .string("X-Api-Key"), "api_key": .string(secret)]),
        ]).id
    }

    /// A resource create body using `provider`.
    static func resourceBody(_ identifier: String, provider: String, scopes: [String] = ["read", "write"]) -> [String: RegoValue] {
        [
            "identifier": .string(identifier),
            "scopes": .array(scopes.map(RegoValue.string)),
            "upstream_url": .string("https://api.example.com"),
            "credential_provider_id": .string(provider),
        ]
    }
}

/// Every byte of every file under `path`, concatenated.
func allFileBytes(in path: String) -> [UInt8] {
    var bytes: [UInt8] = []
    for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        if let data = FileManager.default.contents(atPath: path + "/" + name) { bytes.append(contentsOf: data) }
    }
    return bytes
}

extension Array where Element == UInt8 {
    /// Whether `needle`'s UTF-8 bytes occur in the array.
    func contains(text needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard pattern.count <= count, !pattern.isEmpty else { return false }
        for start in 0...(count - pattern.count) where self[start] == pattern[0] {
            if self[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }
}
