import Manifest

/// The request flags of `decide`, which build a policy input the way test requests do.
struct DecisionRequestFlags {
    static let declarations: [OptionDeclaration] = [
        .value("application", placeholder: "NAME", help: "The calling Application's name in the zone."),
        .value("principal-id", placeholder: "ID", help: "The caller's id, instead of --application."),
        .value("labels", placeholder: "A,B", help: "The caller's labels, comma-separated."),
        .value("resource", placeholder: "IDENTIFIER", help: "The resource asked for, such as resource://pipernet."),
        .value("scopes", placeholder: "A,B", help: "The scopes asked for, comma-separated."),
        .value("delegation-scopes", placeholder: "A,B", help: "The delegation edge's scopes (default: the same as --scopes)."),
        .value("kind", placeholder: "KIND", help: "mint (default), use, bootstrap or workload."),
    ]

    /// Whether any request flag was given.
    static func given(_ arguments: ParsedArguments) -> Bool {
        declarations.contains { arguments.value($0.long) != nil }
    }

    /// The request the flags describe.
    static func request(_ arguments: ParsedArguments) throws(CommandFailure) -> TestRequest {
        func list(_ name: String) -> [String]? {
            arguments.value(name).map { $0.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty } }
        }
        guard let resource = arguments.value("resource") else {
            throw .usage(UsageError("A request needs --resource IDENTIFIER (or give a raw policy input with --input FILE)."))
        }
        let application = arguments.value("application")
        let principal = arguments.value("principal-id")
        guard (application == nil) != (principal == nil) else {
            throw .usage(UsageError("Name the caller with exactly one of --application NAME or --principal-id ID."))
        }
        var kind = TestRequest.Kind.mint
        if let text = arguments.value("kind") {
            guard let parsed = TestRequest.Kind(rawValue: text) else {
                let kinds = TestRequest.Kind.allCases.map(\.rawValue)
                throw .usage(UsageError("Invalid value '\(text)' for '--kind': use \(kinds.joined(separator: ", "))\(Suggestion.phrase(for: text, in: kinds, otherwise: "."))"))
            }
            kind = parsed
        }
        let scopes = list("scopes") ?? []
        if scopes.isEmpty, kind != .bootstrap {
            throw .usage(UsageError("A \(kind.rawValue) request needs --scopes A,B."))
        }
        return TestRequest(application: application, principalID: principal, labels: list("labels") ?? [], resource: resource,
                           scopes: scopes, delegationScopes: list("delegation-scopes"), kind: kind)
    }
}
