import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes its output, where it reads answers from, and what it knows about the terminal.
///
/// `TerminalIO.standard` is the real process; `TerminalIO.capturing(...)` records everything for tests.
public struct TerminalIO: Sendable {
    /// Writes text to standard output, as is (callers add the newlines).
    public var writeOut: @Sendable (String) -> Void
    /// Writes UTF-8 bytes to standard output, as is: output that is bytes already (a replay
    /// writes megabytes at once) need not become a string first.
    public var writeOutBytes: @Sendable (UnsafeRawBufferPointer) -> Void
    /// Writes text to standard error, as is (callers add the newlines).
    public var writeErr: @Sendable (String) -> Void
    /// Reads one line from standard input without its newline; `nil` at end of input.
    public var readLine: @Sendable () -> String?
    /// Whether standard output is a terminal.
    public var stdoutIsTerminal: Bool
    /// Whether standard error is a terminal.
    public var stderrIsTerminal: Bool
    /// Whether standard input is a terminal (a person could answer a prompt).
    public var stdinIsTerminal: Bool

    /// Creates an I/O from its parts; nothing is a terminal and input is empty unless said otherwise.
    ///
    /// Without `writeOutBytes`, bytes are decoded and handed to `writeOut`.
    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeOutBytes: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil,
        writeErr: @escaping @Sendable (String) -> Void,
        readLine: @escaping @Sendable () -> String? = { nil },
        stdoutIsTerminal: Bool = false,
        stderrIsTerminal: Bool = false,
        stdinIsTerminal: Bool = false
    ) {
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes ?? { writeOut(String(decoding: $0, as: UTF8.self)) }
        self.writeErr = writeErr
        self.readLine = readLine
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.stdinIsTerminal = stdinIsTerminal
    }

    /// The process's standard output, error and input, with `isatty(3)` for each.
    public static var standard: TerminalIO {
        TerminalIO(
            writeOut: { writeAll($0, to: STDOUT_FILENO) },
            writeOutBytes: { writeAll($0, to: STDOUT_FILENO) },
            writeErr: { writeAll($0, to: STDERR_FILENO) },
            readLine: { Swift.readLine(strippingNewline: true) },
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            stderrIsTerminal: isatty(STDERR_FILENO) == 1,
            stdinIsTerminal: isatty(STDIN_FILENO) == 1
        )
    }

    /// Writes all of `text` to `descriptor` straight from the string's storage.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes all of `bytes` to `descriptor`; it stops at the first error other than an interruption.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// An I/O that records what is written and answers `readLine` from `input`, for tests.
    ///
    /// - Parameters:
    ///   - input: The lines standard input yields, in order.
    ///   - terminal: Whether all three streams claim to be terminals.
    /// - Returns: The I/O to hand to the code under test, and the recorder to inspect afterwards.
    public static func capturing(input: [String] = [], terminal: Bool = false) -> (io: TerminalIO, output: CapturedOutput) {
        let output = CapturedOutput(input: input)
        let io = TerminalIO(
            writeOut: { output.appendOut($0) },
            writeErr: { output.appendErr($0) },
            readLine: { output.nextInputLine() },
            stdoutIsTerminal: terminal,
            stderrIsTerminal: terminal,
            stdinIsTerminal: terminal
        )
        return (io, output)
    }
}
