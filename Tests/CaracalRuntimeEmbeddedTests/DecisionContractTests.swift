import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

/// Every line of decision-contract.md §3–§7, as rows of `Fixtures/contract-cases.json`.
struct DecisionContractTests {
    @Test(arguments: try ContractCase.all())
    func decidesAsTheContractStates(_ row: ContractCase) throws {
        let engine = DecisionEngine(bundle: row.bundle)
        let decision = engine.decide(row.input)
        var actual = decision.resultValue
        if !row.detailFragments.isEmpty {
            // The detail is free text: check what it must name, then compare the rest exactly.
            guard case .failed(let detail) = decision.outcome else {
                Issue.record("expected an evaluation error, got \(actual.traceText)")
                return
            }
            for fragment in row.detailFragments {
                #expect(detail.contains(fragment), "detail \(detail.quotedForTrace) does not name \(fragment)")
            }
            actual = Decision.withoutDetail(actual)
        }
        // Text comparison pins order and number literals; value comparison pins structure.
        #expect(actual.traceText == row.expected.traceText)
        #expect(actual == row.expected)
    }

    @Test(arguments: try ContractCase.all())
    func traceAgreesWithTheUntracedDecision(_ row: ContractCase) throws {
        let engine = DecisionEngine(bundle: row.bundle)
        let silent = engine.decide(row.input, explain: false)
        let explained = engine.decide(row.input, explain: true)
        #expect(silent.trace == nil)
        #expect(silent.outcome == explained.outcome)
        #expect(engine.decide(DecisionRequest(row.input)).outcome == silent.outcome)
        let trace = try #require(explained.trace)
        #expect(trace.outcome == explained.outcome)
        #expect(trace.policySetVersionID == ContractCase.goldenVersionID)
        #expect(!trace.facts.isEmpty)
        if explained.verdict == .deny {
            #expect(!trace.suggestions.isEmpty, "a denial should say what to change")
        }
    }

    @Test(arguments: try ContractCase.all().filter { $0.golden != nil })
    func traceTextMatchesGolden(_ row: ContractCase) throws {
        let decision = DecisionEngine(bundle: row.bundle).decide(row.input, explain: true)
        let trace = try #require(decision.trace)
        try Golden.check(trace.renderText(), named: row.golden!)
    }

    @Test func everyDenyReasonHasAGoldenTrace() throws {
        let golden = try ContractCase.all().filter { $0.golden != nil }
        let engineReasons = Set(golden.compactMap { DecisionEngine(bundle: $0.bundle).decide($0.input).denyReason })
        #expect(engineReasons == Set(DenyReason.allCases))
        let outcomes = golden.map { DecisionEngine(bundle: $0.bundle).decide($0.input) }
        #expect(outcomes.contains { $0.verdict == .allow })
        #expect(outcomes.contains { $0.evaluationStatus == .error })
    }
}

extension Decision {
    /// The result with the `detail` of an evaluation error removed.
    static func withoutDetail(_ result: RegoValue) -> RegoValue {
        guard case .object(var members) = result, case .array(let diagnostics)? = members["diagnostics"] else { return result }
        members["diagnostics"] = .array(diagnostics.map { diagnostic in
            guard case .object(var fields) = diagnostic else { return diagnostic }
            fields["detail"] = nil
            return .object(fields)
        })
        return .object(members)
    }
}
