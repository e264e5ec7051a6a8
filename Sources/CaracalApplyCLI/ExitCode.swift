/// A process exit status, with the meanings the command line documents.
///
/// Commands return one of these from `run`; `CLI.run` turns it into the process status.
public struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric status handed to `exit(3)`.
    public var rawValue: Int32

    /// Wraps a numeric status.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Wraps a numeric status.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// Success, or no changes.
    public static let success = ExitCode(0)
    /// An operational failure (runtime unreachable, a write failed, a stale plan …).
    public static let failure = ExitCode(1)
    /// Changes are present: `plan --detailed-exitcode`, and `drift` always.
    public static let changesPresent = ExitCode(2)
    /// Policy tests failed (`test`, and `apply` when the test gate blocks an activation).
    public static let testsFailed = ExitCode(3)
    /// The command line was wrong (sysexits `EX_USAGE`).
    public static let usage = ExitCode(64)
    /// The manifests are invalid (sysexits `EX_DATAERR`).
    public static let invalidManifests = ExitCode(65)
    /// An input file or directory does not exist (sysexits `EX_NOINPUT`).
    public static let missingInput = ExitCode(66)

    /// The numeric status as text.
    public var description: String { String(rawValue) }
}
