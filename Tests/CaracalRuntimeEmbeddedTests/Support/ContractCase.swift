import Foundation
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

/// One row of `Fixtures/contract-cases.json`: data, input and the exact expected result.
struct ContractCase: Sendable, CustomTestStringConvertible {
    let name: String
    let data: RegoValue
    let input: RegoValue
    /// The expected result object; for evaluation errors the `detail` is checked separately.
    let expected: RegoValue
    /// Substrings the `detail` of an evaluation error must contain.
    let detailFragments: [String]
    /// The golden trace file name (without `.txt`), when the case pins one.
    let golden: String?

    var testDescription: String { name }

    /// The provenance golden traces are rendered with.
    static let goldenVersionID = "psv-0192f3a4-golden"
    static let goldenManifestSHA256 = "9f2c6d1e0b7a4c3d8e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5"

    var bundle: PolicyBundle {
        guard case .object(let rules) = data else { return .empty }
        return PolicyBundle(rules: rules, policySetVersionID: Self.goldenVersionID, manifestSHA256: Self.goldenManifestSHA256)
    }

    static func all() throws -> [ContractCase] {
        let url = try need(Bundle.module.url(forResource: "Fixtures/contract-cases", withExtension: "json"), "fixture file")
        let file = try TestJSON.parse(String(contentsOf: url, encoding: .utf8))
        let dataSets = try need(file["data"], "data sets")
        let inputs = try need(file["inputs"], "inputs")
        guard case .array(let rows)? = file["cases"] else { throw FixtureError("no cases") }
        return try rows.map { row in
            let name = try need(row["name"]?.stringValue, "a case name")
            let dataName = try need(row["data"]?.stringValue, "\(name): data")
            let inputName = try need(row["input"]?.stringValue, "\(name): input")
            var data = try need(dataSets[dataName], "\(name): data set \(dataName)")
            var input = try need(inputs[inputName], "\(name): input \(inputName)")
            try apply(row["dataSet"], row["dataRemove"], to: &data)
            try apply(row["inputSet"], row["inputRemove"], to: &input)
            let (expected, fragments) = try expectation(row, name: name)
            return ContractCase(
                name: name, data: data, input: input, expected: expected,
                detailFragments: fragments, golden: row["golden"]?.stringValue
            )
        }
    }

    private static func apply(_ sets: RegoValue?, _ removals: RegoValue?, to value: inout RegoValue) throws {
        if case .object(let members)? = sets {
            for (path, newValue) in members { value.set(path.split(separator: ".").map(String.init)[...], to: newValue) }
        }
        if case .array(let paths)? = removals {
            for path in paths {
                value.set(try need(path.stringValue, "a removal path").split(separator: ".").map(String.init)[...], to: nil)
            }
        }
    }

    private static func expectation(_ row: RegoValue, name: String) throws -> (RegoValue, [String]) {
        if let result = row["result"] { return (result, []) }
        let expect = try need(row["expect"], "\(name): an expectation")
        if let policy = expect["allow"] {
            return (result("allow", "complete", [.object(["policy": policy])], expect["diagnostics"] ?? .array([])), [])
        }
        if let reason = expect["deny"] {
            return (result("deny", "complete", [], .array([.object(["reason": reason])])), [])
        }
        if case .array(let fragments)? = expect["error"] {
            return (result("deny", "error", [], .array([.object(["reason": .string("evaluation_conflict")])])),
                    fragments.compactMap(\.stringValue))
        }
        throw FixtureError("\(name): unknown expectation \(expect.traceText)")
    }

    private static func result(_ decision: String, _ status: String, _ policies: [RegoValue], _ diagnostics: RegoValue) -> RegoValue {
        .object([
            "decision": .string(decision),
            "evaluation_status": .string(status),
            "determining_policies": .array(policies),
            "diagnostics": diagnostics,
        ])
    }
}

/// `value`, or a `FixtureError` naming what was missing.
func need<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw FixtureError("fixture lacks \(what)") }
    return value
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension RegoValue {
    /// Sets (or with `nil` removes) the member at `path`, creating objects on the way.
    mutating func set(_ path: ArraySlice<String>, to newValue: RegoValue?) {
        guard let key = path.first else { return }
        var members: [String: RegoValue] = [:]
        if case .object(let existing) = self { members = existing }
        if path.count == 1 {
            members[key] = newValue
        } else {
            var child = members[key] ?? .object([:])
            child.set(path.dropFirst(), to: newValue)
            members[key] = child
        }
        self = .object(members)
    }
}
