import Foundation
import Manifest

/// Decides JSON Lines of policy inputs (recorded traffic replayed against a policy) and renders
/// one answer a line, in the order of the inputs.
///
/// Each line is decided without a trace exactly as `DecisionEngine.decide(_:)` decides
/// `JSONReader.value(from: line)`: a `PolicyInputSkimmer` reads the fields the contract needs
/// from the common shape of input, and `JSONReader` reads every other line. Blank lines are
/// skipped (but counted). Each distinct outcome is rendered once per worker, and a large input
/// is split at line ends and decided on several threads.
public struct DecisionReplay: Sendable {
    /// A line that is not JSON.
    public struct LineFailure: Error, Sendable {
        /// The line's number, from 1.
        public let line: Int
        /// What is wrong with it; the column counts from the line's start.
        public let error: JSONSyntaxError
    }

    /// What a replay produced.
    public struct Output: Sendable {
        /// One rendered answer and a newline for every line before the first failure, in
        /// pieces to be written one after the other.
        public var pieces: [[UInt8]]
        /// The first line that is not JSON, if any.
        public var failure: LineFailure?
    }

    /// The engine that decides.
    public let engine: DecisionEngine
    /// How many threads decide at most.
    public let threads: Int

    /// Inputs smaller than this are not worth a second thread.
    private static let minimumChunkBytes = 1 << 18

    /// A replay through `engine` on up to `threads` threads (default: one per processor).
    public init(engine: DecisionEngine, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.engine = engine
        self.threads = max(1, threads)
    }

    /// Decides every line of `text`.
    ///
    /// - Parameters:
    ///   - text: JSON Lines, one policy input a line.
    ///   - render: The answer for a decision, without its newline. It must depend on the
    ///     decision's outcome only: it is called once for each distinct outcome.
    public func run(_ text: UnsafeRawBufferPointer, render: @escaping @Sendable (Decision) -> [UInt8]) -> Output {
        let buffer = text.assumingMemoryBound(to: UInt8.self)
        let ranges = Self.chunks(of: buffer, count: min(threads, max(1, buffer.count / Self.minimumChunkBytes)))
        let chunks: [Chunk]
        if ranges.count == 1 {
            chunks = [decide(buffer, range: ranges[0], render: render)]
        } else {
            // Every worker initializes only its own slot.
            nonisolated(unsafe) let slots = UnsafeMutableBufferPointer<Chunk>.allocate(capacity: ranges.count)
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                (slots.baseAddress! + index).initialize(to: decide(buffer, range: ranges[index], render: render))
            }
            chunks = Array(slots)
            _ = slots.deinitialize()
            slots.deallocate()
        }
        return Self.join(chunks)
    }

    /// The answers of one chunk of lines.
    private struct Chunk {
        var bytes: [UInt8]
        /// How many lines the chunk has (up to its failure).
        var lines: Int
        /// The failing line's number within the chunk, and the error.
        var failure: (line: Int, error: JSONSyntaxError)?
    }

    /// `count` ranges of about equal size that end at line ends.
    private static func chunks(of text: UnsafeBufferPointer<UInt8>, count: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for part in 1...count {
            var end = part == count ? text.count : max(start, text.count / count * part)
            while end < text.count, end > 0, text[end - 1] != UInt8(ascii: "\n") { end += 1 }
            if end > start { ranges.append(start..<end) }
            start = end
        }
        return ranges.isEmpty ? [0..<0] : ranges
    }

    private func decide(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, render: @escaping (Decision) -> [UInt8]) -> Chunk {
        var output: [UInt8] = []
        output.reserveCapacity(range.count / 3)
        // Replayed traffic repeats its outcomes: each is rendered once.
        var rendered = RenderedOutcomes(render: render)
        var skimmer = PolicyInputSkimmer()
        var lines = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = Self.lineEnd(in: text, from: start, before: range.upperBound)
            lines += 1
            let line = UnsafeBufferPointer(rebasing: text[start..<end])
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if skimmer.read(line), let fields = skimmer.fields() {
                output.append(contentsOf: rendered.answer(engine.decide(fields)))
                output.append(UInt8(ascii: "\n"))
                continue
            }
            do {
                output.append(contentsOf: rendered.answer(engine.decide(try JSONReader.value(from: line))))
                output.append(UInt8(ascii: "\n"))
            } catch {
                return Chunk(bytes: output, lines: lines, failure: (lines, error))
            }
        }
        return Chunk(bytes: output, lines: lines, failure: nil)
    }

    /// The index of the next newline at or after `start`, or `end` when there is none.
    @inline(__always)
    private static func lineEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int {
        guard let found = memchr(text.baseAddress! + start, Int32(UInt8(ascii: "\n")), end - start) else { return end }
        return text.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The chunks' answers in order, up to the first failure.
    private static func join(_ chunks: [Chunk]) -> Output {
        var output = Output(pieces: [], failure: nil)
        var linesBefore = 0
        for chunk in chunks {
            output.pieces.append(chunk.bytes)
            if let failure = chunk.failure {
                output.failure = LineFailure(line: linesBefore + failure.line, error: failure.error)
                break
            }
            linesBefore += chunk.lines
        }
        return output
    }
}
