import Foundation
import Testing

/// Compares text with a golden file in `Fixtures/traces`, printing a line diff on mismatch.
/// `UPDATE_GOLDEN=1` rewrites the file in the source tree instead.
enum Golden {
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let sourceFile = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/traces/\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: sourceFile, atomically: true, encoding: .utf8)
            return
        }
        guard let url = Bundle.module.url(forResource: "Fixtures/traces/\(name)", withExtension: "txt") else {
            Issue.record("missing golden file Fixtures/traces/\(name).txt; run with UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            Issue.record("golden \(name).txt differs:\n\(diff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
        }
    }

    /// A minimal line diff: `-` golden lines, `+` actual lines, around the first difference.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < min(old.count, new.count), old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(old.count, new.count) - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var lines = ["@@ line \(prefix + 1) @@"]
        lines += old[prefix..<(old.count - suffix)].map { "- \($0)" }
        lines += new[prefix..<(new.count - suffix)].map { "+ \($0)" }
        return lines.joined(separator: "\n")
    }
}
