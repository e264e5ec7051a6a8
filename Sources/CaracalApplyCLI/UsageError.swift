/// A mistake on the command line. `CLI` prints it as `Error:`, `Usage:` and `See …` lines and exits 64.
///
/// Messages never repeat the value of an option that may hold a secret (`--token`, `--var`).
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sentence after `Error: `.
    public let message: String

    /// A usage error with a free-form message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " Did you mean '\($0)'?" } ?? ""
    }

    /// An unknown command, with a suggestion when one is close.
    public static func unknownCommand(_ name: String, suggestion: String?) -> UsageError {
        UsageError("Unknown command '\(name)'." + didYouMean(suggestion))
    }

    /// An unknown option, with a suggestion when one is close.
    public static func unknownOption(_ spelling: String, suggestion: String?) -> UsageError {
        UsageError("Unknown option '\(spelling)'." + didYouMean(suggestion))
    }

    /// An option that needs a value got none (`spelling` includes the placeholder, e.g. `-f PATH`).
    public static func missingValue(_ spelling: String) -> UsageError {
        UsageError("Missing value for '\(spelling)'.")
    }

    /// A flag was written as `--flag=value`.
    public static func flagTakesNoValue(_ spelling: String) -> UsageError {
        UsageError("The flag '\(spelling)' does not take a value.")
    }

    /// A positional argument the command does not take.
    public static func unexpectedArgument(_ argument: String) -> UsageError {
        UsageError("Unexpected argument '\(argument)'.")
    }

    /// A required positional argument is missing.
    public static func missingArgument(_ name: String) -> UsageError {
        UsageError("Missing argument \(name).")
    }

    /// Someone tried to pass the admin token on the command line. The value is never echoed.
    public static func tokenOption(_ spelling: String) -> UsageError {
        UsageError("There is no '\(spelling)' option: set the CARACAL_ADMIN_TOKEN environment variable instead, so the token stays out of shell history and process listings.")
    }
}
