import CaracalRuntimeEmbedded
import Manifest

/// Renders policy-test results: a line a test, JSON, or JUnit XML for CI systems.
struct TestReport {
    let results: [PolicyTestResult]

    var failed: [PolicyTestResult] { results.filter { !$0.passed } }

    var summaryLine: String {
        let count = results.count
        guard count > 0 else { return "No policy tests are declared." }
        return "\(count) test\(count == 1 ? "" : "s"): \(count - failed.count) passed, \(failed.count) failed."
    }

    func text(colorizer: Colorizer) -> String {
        var out = ""
        for result in results {
            let label = result.passed ? colorizer.apply(.green, to: "PASS") : colorizer.apply(.bold, .red, to: "FAIL")
            out += "\(label)  \(result.set): \(result.test.name)\n"
            guard !result.passed else { continue }
            out += "      at \(result.test.location)\n"
            out += "      expected: \(result.expected)\n"
            out += "      got:      \(result.got)\n"
            for mismatch in result.mismatches { out += "      - \(mismatch)\n" }
            if let trace = result.decision.trace {
                out += "      trace:\n" + trace.renderText().split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "        \($0)" }.joined(separator: "\n") + "\n"
            }
        }
        return out + "\n" + summaryLine + "\n"
    }

    /// The tests section of a plan: one line a test, failures with what they expected and got.
    func planText(colorizer: Colorizer) -> String {
        guard !results.isEmpty else { return "" }
        var out = "\nPolicy tests of the sets to activate (\(summaryLine.dropLast()); apply runs them again before activating):\n"
        for result in results {
            let label = result.passed ? colorizer.apply(.green, to: "PASS") : colorizer.apply(.bold, .red, to: "FAIL")
            out += "  \(label)  \(result.set): \(result.test.name)\n"
            if !result.passed { out += "        expected \(result.expected), got \(result.got)\n" }
        }
        return out
    }

    /// The tests section of a Markdown plan.
    func markdown() -> String {
        guard !results.isEmpty else { return "" }
        var out = "\n**Policy tests** (\(summaryLine.dropLast()))\n\n| | Set | Test | Expected | Got |\n|---|---|---|---|---|\n"
        for result in results {
            out += "| \(result.passed ? "✅" : "❌") | `\(result.set)` | \(result.test.name) | \(result.expected) | \(result.got) |\n"
        }
        return out
    }

    func json() -> RegoValue {
        .object([
            "format_version": .int(1),
            "passed": .int(results.count - failed.count),
            "failed": .int(failed.count),
            "tests": .array(results.map(Self.json)),
        ])
    }

    static func json(_ result: PolicyTestResult) -> RegoValue {
        var object: [String: RegoValue] = [
            "set": .string(result.set.description),
            "name": .string(result.test.name),
            "passed": .bool(result.passed),
            "expected": .string(result.expected),
            "got": .string(result.got),
            "result": result.decision.resultValue,
            "location": .string(result.test.location.description),
        ]
        if !result.passed {
            object["mismatches"] = .array(result.mismatches.map(RegoValue.string))
            if let trace = result.decision.trace { object["trace"] = trace.regoValue }
        }
        return .object(object)
    }

    /// JUnit XML: a test suite per policy set, a test case per test.
    func junit() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"caracal-apply\" tests=\"\(results.count)\" failures=\"\(failed.count)\">\n"
        var order: [ObjectAddress] = []
        var bySet: [ObjectAddress: [PolicyTestResult]] = [:]
        for result in results {
            if bySet[result.set] == nil { order.append(result.set) }
            bySet[result.set, default: []].append(result)
        }
        for set in order {
            let cases = bySet[set] ?? []
            out += "  <testsuite name=\"\(Self.escape(set.description))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.passed }.count)\">\n"
            for result in cases {
                out += "    <testcase classname=\"\(Self.escape(set.description))\" name=\"\(Self.escape(result.test.name))\""
                if result.passed {
                    out += "/>\n"
                    continue
                }
                out += ">\n      <failure message=\"\(Self.escape("expected \(result.expected), got \(result.got)"))\">"
                let detail = (result.mismatches + [""] + [result.decision.trace?.renderText() ?? ""]).joined(separator: "\n")
                out += Self.escape(detail) + "</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 cannot hold other control characters at all.
                if scalar.value < 0x20 { out += "?" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
