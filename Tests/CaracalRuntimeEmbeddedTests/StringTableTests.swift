import Testing
@testable import CaracalRuntimeEmbedded

/// A string table finds every string it numbers by its bytes, and nothing else, whether it
/// scans (few strings) or hashes (many).
struct StringTableTests {
    @Test(arguments: [0, 1, 8, 9, 100, 1_000])
    func findsEveryStringAndNothingElse(count: Int) {
        let strings = (0..<count).map { "resource://r\($0)" } + (count > 0 ? ["", "é", String(repeating: "x", count: 40)] : [])
        let table = StringTable(strings)
        #expect(table.count == strings.count)
        for (index, string) in strings.enumerated() {
            #expect(table.index(of: string) == index, "\(string)")
        }
        for absent in ["resource://r", "resource://r\(count)", "resource://r0 ", "x", String(repeating: "x", count: 39)] {
            #expect(table.index(of: absent) == nil, "\(absent)")
        }
    }

    @Test func aStringGivenTwiceKeepsItsFirstNumber() {
        for strings in [["a", "b", "a"], (0..<20).map { "s\($0 % 10)" }] {
            let table = StringTable(strings)
            for string in Set(strings) {
                #expect(table.index(of: string) == strings.firstIndex(of: string))
            }
        }
    }
}
