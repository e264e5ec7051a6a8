/// A line-by-line diff of two texts, for showing policy content changes.
enum LineDiff {
    /// One line of a diff.
    enum Line: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Texts larger than this many line pairs are summarised instead of diffed.
    static let maxCells = 4_000_000

    /// The lines of `before` and `after` aligned by their longest common subsequence; `nil` when
    /// the texts are too large to diff.
    static func lines(_ before: String, _ after: String) -> [Line]? {
        let a = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count * b.count <= maxCells else { return nil }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append(.same(a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                // Removals come before additions, as in a unified diff.
                result.append(.removed(a[i]))
                i += 1
            } else {
                result.append(.added(b[j]))
                j += 1
            }
        }
        return result
    }

    /// Only changed lines with `context` unchanged lines around them; `…` marks a gap.
    static func hunks(_ lines: [Line], context: Int = 2) -> [Line?] {
        var keep = [Bool](repeating: false, count: lines.count)
        for (index, line) in lines.enumerated() {
            if case .same = line { continue }
            for k in max(0, index - context)...min(lines.count - 1, index + context) { keep[k] = true }
        }
        var result: [Line?] = []
        var skipped = false
        for (index, line) in lines.enumerated() {
            if keep[index] {
                result.append(line)
                skipped = false
            } else if !skipped {
                result.append(nil)
                skipped = true
            }
        }
        return result
    }
}
