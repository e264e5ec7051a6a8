import Foundation
import Testing

/// Compares output with a golden file in the calling test's `Fixtures/` folder, printing a
/// line diff when they differ.
///
/// Run with `CARACAL_UPDATE_GOLDEN=1` to rewrite the fixture in the source tree (the test still
/// fails once, so an update is never silent).
public enum Golden {
    /// Checks `actual` against `Fixtures/<name>` beside the test file that calls this.
    public static func expect(
        _ actual: String, matches name: String, filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = fixture(name, filePath: filePath)
        if ProcessInfo.processInfo.environment["CARACAL_UPDATE_GOLDEN"] == "1" {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record(Comment(rawValue: "Updated golden file \(name); run again without CARACAL_UPDATE_GOLDEN."), sourceLocation: sourceLocation)
            } catch {
                Issue.record(Comment(rawValue: "Cannot write golden file \(name): \(error)"), sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(Comment(rawValue: "Missing golden file Fixtures/\(name). Actual output:\n\(actual)"), sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record(Comment(rawValue: "Output differs from Fixtures/\(name) (- expected, + actual):\n\(diff(expected: expected, actual: actual))"), sourceLocation: sourceLocation)
        }
    }

    /// The URL of `Fixtures/<name>` beside the test file at `filePath`.
    public static func fixture(_ name: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// A line-by-line diff showing only differing lines, with their 1-based line numbers.
    public static func diff(expected: String, actual: String) -> String {
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
