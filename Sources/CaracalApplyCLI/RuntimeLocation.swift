import Foundation

/// Which runtime a command talks to: the embedded one (state in a directory) or a remote Admin API.
public enum RuntimeLocation: Sendable, Hashable, CustomStringConvertible {
    /// The embedded runtime, keeping its state in `directory` (relative paths are relative to the working directory).
    case embedded(directory: String)
    /// A Caracal deployment's Admin API at this `http` or `https` base URL.
    case remote(URL)

    /// The embedded runtime's default state directory.
    public static let defaultEmbeddedDirectory = "./.caracal"

    /// Parses a `--runtime` value: `embedded`, `embedded:DIR`, or an `http(s)://` URL with a host.
    ///
    /// - Returns: `nil` when the value is none of these.
    public init?(argument: String) {
        if argument == "embedded" {
            self = .embedded(directory: Self.defaultEmbeddedDirectory)
        } else if argument.hasPrefix("embedded:") {
            let directory = String(argument.dropFirst("embedded:".count))
            guard !directory.isEmpty else { return nil }
            self = .embedded(directory: directory)
        } else if let url = URL(string: argument),
                  let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  let host = url.host, !host.isEmpty {
            self = .remote(url)
        } else {
            return nil
        }
    }

    /// The runtime to use when `--runtime` is not given: `$CARACAL_API_URL` when set, else the embedded runtime.
    ///
    /// - Throws: A usage error when `CARACAL_API_URL` is set but is not an `http(s)` URL.
    public static func defaultLocation(environment: [String: String]) throws(UsageError) -> RuntimeLocation {
        guard let value = environment["CARACAL_API_URL"], !value.isEmpty else {
            return .embedded(directory: defaultEmbeddedDirectory)
        }
        guard let location = RuntimeLocation(argument: value), case .remote = location else {
            throw UsageError("The CARACAL_API_URL environment variable must be an http(s) URL of the Admin API, not '\(value)'.")
        }
        return location
    }

    /// The location as it would be written on the command line.
    public var description: String {
        switch self {
        case .embedded(let directory): "embedded:\(directory)"
        case .remote(let url): url.absoluteString
        }
    }
}
