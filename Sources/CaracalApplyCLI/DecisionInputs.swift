import CaracalRuntimeEmbedded
import Foundation
import Manifest

/// The requests a `decide` run answers: one input, or a stream of JSON Lines.
enum DecisionInputs {
    /// One policy input.
    case single(RegoValue)
    /// JSON Lines: one input a line.
    case lines(file: String, bytes: Data)

    /// Reads `--input FILE`, or builds the input from the request flags.
    static func read(context: CommandContext, source: DecisionSource) throws(CommandFailure) -> DecisionInputs {
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
            guard let data = Data(mapping: absolute) ?? (try? Data(contentsOf: URL(fileURLWithPath: absolute))) else {
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
