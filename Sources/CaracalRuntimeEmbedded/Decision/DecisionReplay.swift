import Foundation
import Manifest
import Synchronization

/// Decides JSON Lines of policy inputs (recorded traffic replayed against a policy) and writes
/// one answer a line, in the order of the inputs.
///
/// Each line is decided without a trace exactly as `DecisionEngine.decide(_:)` decides
/// `JSONReader.value(from: line)`: a `PolicyInputSkimmer` reads the fields the contract needs
/// from the common shape of input, and `JSONReader` reads every other line. Blank lines are
/// skipped (but counted). Each distinct outcome is rendered once per worker.
///
/// The text is cut at line ends into pieces that the workers take as they come free; a piece's
/// answers are written as soon as the pieces before it are, so writing overlaps deciding and
/// only the answers of the few pieces in flight are held.
public struct DecisionReplay: Sendable {
    /// A line that is not JSON.
    public struct LineFailure: Error, Sendable {
        /// The line's number, from 1.
        public let line: Int
        /// What is wrong with it; the column counts from the line's start.
        public let error: JSONSyntaxError
    }

    /// The engine that decides.
    public let engine: DecisionEngine
    /// How many threads decide at most.
    public let threads: Int
    /// About how many bytes of text a piece has.
    let pieceBytes: Int

    /// A replay through `engine` on up to `threads` threads (default: one per processor).
    public init(engine: DecisionEngine, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.init(engine: engine, threads: threads, pieceBytes: 1 << 18)
    }

    /// A replay that cuts the text into pieces of about `pieceBytes` bytes.
    init(engine: DecisionEngine, threads: Int, pieceBytes: Int) {
        self.engine = engine
        self.threads = max(1, threads)
        self.pieceBytes = max(1, pieceBytes)
    }

    /// Decides every line of `text`, up to the first line that is not JSON.
    ///
    /// - Parameters:
    ///   - text: JSON Lines, one policy input a line.
    ///   - render: The answer for a decision, without its newline. It must depend on the
    ///     decision's outcome only: it is called once for each distinct outcome.
    ///   - write: Takes the answers, each followed by a newline, in the order of the lines;
    ///     called from one thread at a time.
    /// - Returns: The first line that is not JSON, if any; the answers before it are written.
    public func run(
        _ text: UnsafeRawBufferPointer,
        render: @escaping @Sendable (Decision) -> [UInt8],
        write: @Sendable (UnsafeRawBufferPointer) -> Void
    ) -> LineFailure? {
        nonisolated(unsafe) let buffer = text.assumingMemoryBound(to: UInt8.self)
        let pieces = Self.pieces(of: buffer, size: pieceBytes)
        let workers = min(threads, pieces.count)
        let next = Atomic<Int>(0)
        let writer = Mutex(OrderedWriter())
        // Workers take the next piece as they come free, so none waits for another: the
        // worker that completes the run of pieces not yet written writes them, in order, outside
        // the lock, so that the others hand in their pieces meanwhile without waiting.
        @Sendable func work() {
            var worker = Worker(engine: engine, render: render)
            while !writer.withLock({ $0.stopped }) {
                let piece = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard piece < pieces.count else { return }
                var result = OrderedWriter.Finished(output: writer.withLock { $0.spareBuffer() })
                (result.lines, result.failure) = worker.decide(buffer, range: pieces[piece], into: &result.output)
                var ready = writer.withLock { $0.finish(piece, taking: &result) }
                while !ready.isEmpty {
                    for done in ready { done.output.withUnsafeBytes(write) }
                    writer.withLock { $0.written(&ready) }
                }
            }
        }
        if workers == 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        }
        return writer.withLock { $0.failure }
    }

    /// The answers of finished pieces, handed out to be written in the order of the pieces, to
    /// one writer at a time.
    private struct OrderedWriter {
        struct Finished {
            var output: [UInt8]
            var lines = 0
            var failure: (line: Int, error: JSONSyntaxError)?
        }

        private var finished: [Int: Finished] = [:]
        private var nextToWrite = 0
        private var linesBefore = 0
        /// Whether a worker is writing pieces handed out to it.
        private var writing = false
        /// Output buffers already written, to be filled again.
        private var spares: [[UInt8]] = []
        private(set) var failure: LineFailure?
        /// Set once a failure is handed out to be written: nothing after it is.
        var stopped: Bool { failure != nil }

        mutating func spareBuffer() -> [UInt8] {
            spares.popLast() ?? []
        }

        /// Takes piece `piece`'s answers, leaving `result` empty (so that its buffer has one
        /// owner and is reused); gives the pieces whose turn has come when no one is writing,
        /// which the caller writes, in order, and then hands back to `written(_:)`.
        mutating func finish(_ piece: Int, taking result: inout Finished) -> [Finished] {
            finished[piece] = result
            result = Finished(output: [])
            return writing ? [] : takeReady()
        }

        /// Takes back the buffers of the pieces written (each with one owner once it is out of
        /// `pieces`, so that it is emptied in place), leaving in `pieces` those whose turn has
        /// come since.
        mutating func written(_ pieces: inout [Finished]) {
            while var done = pieces.popLast() {
                done.output.removeAll(keepingCapacity: true)
                spares.append(done.output)
            }
            pieces = takeReady()
        }

        /// The run of finished pieces that come next, up to a failure; marks them as being written.
        private mutating func takeReady() -> [Finished] {
            var ready: [Finished] = []
            while !stopped, let done = finished.removeValue(forKey: nextToWrite) {
                nextToWrite += 1
                if let failure = done.failure {
                    self.failure = LineFailure(line: linesBefore + failure.line, error: failure.error)
                }
                linesBefore += done.lines
                ready.append(done)
            }
            writing = !ready.isEmpty
            return ready
        }
    }

    /// Ranges of about `size` bytes that end at line ends.
    private static func pieces(of text: UnsafeBufferPointer<UInt8>, size: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < text.count {
            var end = min(text.count, start + size)
            if end < text.count {
                end = lineEnd(in: text, from: end - 1, before: text.count)
                end = min(text.count, end + 1)
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges.isEmpty ? [0..<0] : ranges
    }

    /// Asks the kernel to map the pages of `range` in one go before they are read.
    ///
    /// The text of a replay is usually a mapped file; without this, reading it takes a page
    /// fault every few pages. Each worker loads the pages of its piece, so that the loading is
    /// shared between them; a caller that has a thread free before the replay can load the
    /// text's pages ahead of it. For memory that is loaded already, or a kernel without
    /// `MADV_POPULATE_READ` (Linux 5.14), it does nothing.
    public static func loadPages(of text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        guard !range.isEmpty, let base = text.baseAddress else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: base + range.lowerBound) & ~(pageSize - 1)
        let end = Int(bitPattern: base + range.upperBound)
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_POPULATE_READ)
    }

    /// The index of the next newline at or after `start`, or `end` when there is none.
    @inline(__always)
    static func lineEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int {
        guard let found = memchr(text.baseAddress! + start, Int32(UInt8(ascii: "\n")), end - start) else { return end }
        return text.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// One thread's reader and rendered answers, kept from piece to piece.
    private struct Worker: ~Copyable {
        let engine: DecisionEngine
        var rendered: RenderedOutcomes
        var skimmer = PolicyInputSkimmer()

        init(engine: DecisionEngine, render: @escaping (Decision) -> [UInt8]) {
            self.engine = engine.withOwnPolicyNames()
            // Replayed traffic repeats its outcomes: each is rendered once.
            rendered = RenderedOutcomes(render: render)
        }

        /// Decides the lines in `range`, appending their answers to `output`: how many lines
        /// there were (up to the failure), and the failing line's number within the range and
        /// its error.
        mutating func decide(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, into output: inout [UInt8]) -> (lines: Int, failure: (line: Int, error: JSONSyntaxError)?) {
            DecisionReplay.loadPages(of: text, range: range)
            var lines = 0
            var start = range.lowerBound
            while start < range.upperBound {
                let end = DecisionReplay.lineEnd(in: text, from: start, before: range.upperBound)
                lines += 1
                let line = UnsafeBufferPointer(rebasing: text[start..<end])
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                if skimmer.read(line), let fields = skimmer.fields() {
                    rendered.append(engine.decide(fields), to: &output)
                    continue
                }
                do {
                    rendered.append(engine.decide(try JSONReader.value(from: line)), to: &output)
                } catch {
                    return (lines, (lines, error))
                }
            }
            return (lines, nil)
        }
    }
}
