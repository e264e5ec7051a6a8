import CaracalRuntimeEmbedded
import Foundation
import Manifest
import Synchronization

/// The requests a `decide` run answers: one input, or a stream of JSON Lines.
enum DecisionInputs {
    /// One policy input.
    case single(RegoValue)
    /// JSON Lines: one input a line.
    case lines(file: String, bytes: Data)

    /// `--input FILE` mapped on another thread, with its first pages loaded, while the caller
    /// loads the policy; `nil` for standard input or the request flags.
    ///
    /// A replay's input is mostly far larger than the policy, and loading its pages takes
    /// milliseconds that the policy's loading, on one thread, leaves the other processors.
    static func preload(context: CommandContext) -> Preload? {
        guard let path = context.arguments.value("input"), path != "-" else { return nil }
        return Preload(path: context.absolutePath(path))
    }

    /// A file being mapped on another thread.
    final class Preload: Sendable {
        private let mapped = Mutex<Data?>(nil)
        private let done = DispatchSemaphore(value: 0)
        /// At most this many bytes are loaded ahead: a larger file is loaded by the replay as it
        /// comes to each piece, rather than all of it before it is read.
        private static let loadedBytes = 1 << 30

        init(path: String) {
            // A thread of its own: the dispatch threads may all be taken by the policy's loading.
            Thread { [self] in
                if let data = Data(mapping: path) {
                    data.withUnsafeBytes { bytes in
                        let text = bytes.assumingMemoryBound(to: UInt8.self)
                        DecisionReplay.loadPages(of: text, range: 0..<min(text.count, Self.loadedBytes))
                    }
                    mapped.withLock { $0 = data }
                }
                done.signal()
            }.start()
        }

        /// The mapped file, once it is; `nil` when it cannot be mapped.
        var data: Data? {
            done.wait()
            // Passed on, for the next to ask.
            done.signal()
            return mapped.withLock { $0 }
        }
    }

    /// Reads `--input FILE` (which `preloaded` may have mapped already), or builds the input
    /// from the request flags.
    static func read(context: CommandContext, source: DecisionSource, preloaded: Preload?) throws(CommandFailure) -> DecisionInputs {
        guard let path = context.arguments.value("input") else {
            let request = try DecisionRequestFlags.request(context.arguments)
            if request.application != nil, !source.resolvesApplications {
                throw .usage(UsageError("--application needs the zone's applications; with --policy-file, name the caller with --principal-id."))
            }
            let principal = request.principalID ?? request.application.map(source.ids.application) ?? ""
            if principal.isEmpty, let application = request.application {
                throw .failed("Application '\(application)' does not exist in the zone.")
            }
            return .single(request.policyInput(principalID: principal, zoneID: source.ids.zone, resourceID: source.ids.resource(request.resource)))
        }
        let bytes: Data
        if path == "-" {
            bytes = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            let absolute = context.absolutePath(path)
            // Mapped rather than copied: a replay reads large files once.
            guard let data = preloaded?.data ?? Data(mapping: absolute) ?? (try? Data(contentsOf: URL(fileURLWithPath: absolute))) else {
                throw .failed(message: "No such input file: '\(path)'.", exitCode: .missingInput)
            }
            bytes = data
        }
        // One JSON document (possibly over several lines) is a single input; otherwise JSON Lines.
        let document = bytes.withUnsafeBytes { text in
            try? JSONReader.value(from: text.assumingMemoryBound(to: UInt8.self))
        }
        if let value = document {
            guard case .object = value else {
                throw .failed("The input in '\(path)' is \(value.typeName) data; a policy input is a JSON object.")
            }
            return .single(value)
        }
        return .lines(file: path, bytes: bytes)
    }
}
