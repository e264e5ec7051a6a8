import Foundation
import Testing

/// Compares output with a golden file in `Fixtures/`, printing a line diff when they differ.
///
/// Run with `CARACAL_UPDATE_GOLDEN=1` to rewrite the fixture in the source tree (the test still
/// fails once, so an update is never silent).
enum Golden {
    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if ProcessInfo.processInfo.environment["CARACAL_UPDATE_GOLDEN"] == "1" {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record(Comment(rawValue: "Updated golden file \(name); run again without CARACAL_UPDATE_GOLDEN."), sourceLocation: sourceLocation)
            } catch {
                Issue.record(Comment(rawValue: "Cannot write golden file \(name): \(error)"), sourceLocation: sourceLocation)
            }
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
              let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(Comment(rawValue: "Missing golden file Fixtures/\(name). Actual output:\n\(actual)"), sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record(Comment(rawValue: "Output differs from Fixtures/\(name) (- expected, + actual):\n\(diff(expected: expected, actual: actual))"), sourceLocation: sourceLocation)
        }
    }

    /// A line-by-line diff showing only differing lines, with their 1-based line numbers.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? String(old[index]) : nil
            let after = index < new.count ? String(new[index]) : nil
            guard before != after else { continue }
            if let before { lines.append("\(index + 1) - \(before.debugDescription)") }
            if let after { lines.append("\(index + 1) + \(after.debugDescription)") }
        }
        return lines.joined(separator: "\n")
    }
}
