/// Decodes one YAML document into a ``ManifestObject`` (SPEC §3), collecting every problem.
struct ManifestDecoder {
    static let apiVersion = "caracal-apply/v1"
    static let envelopeFields = ["apiVersion", "kind", "metadata", "spec"]
    static let metadataFields = ["name", "zone", "protect"]

    let interpolation: Interpolation
    /// The manifest file's folder, for reading `source:` paths.
    let directory: String
    /// The manifest file's folder as the user named it, for printing `source:` paths.
    let displayDirectory: String
    /// The manifest file's text, to place diagnostics inside inline Rego.
    let source: String

    /// The object the document declares, or `nil` when it has errors that prevent decoding;
    /// the diagnostics say why either way.
    func decode(_ document: YAMLDocument) -> Decoded {
        guard let root = document.root else { return Decoded(object: nil, diagnostics: [], redactions: []) }
        var context = DecodingContext(document: root.location, interpolation: interpolation)
        let object = decode(root, context: &context)
        return Decoded(object: object, diagnostics: context.diagnostics, redactions: context.redactions)
    }

    /// What decoding one document produced.
    struct Decoded {
        var object: ManifestObject?
        var diagnostics: [Diagnostic]
        /// Literal secrets to mask wherever the source is printed.
        var redactions: [Redaction]
    }

    private func decode(_ root: YAMLNode, context: inout DecodingContext) -> ManifestObject? {
        guard let fields = context.fields(of: root, path: "", allowed: Self.envelopeFields, required: ["apiVersion", "kind", "metadata"]) else {
            return nil
        }
        if let node = fields["apiVersion"], let version = context.string(node, path: "apiVersion"), version != Self.apiVersion {
            context.error("unknown_api_version", "apiVersion '\(version)' is not supported; use '\(Self.apiVersion)'.", at: node.location)
        }
        var kind: ManifestKind?
        if let node = fields["kind"], let text = context.string(node, path: "kind") {
            kind = ManifestKind(rawValue: text)
            if kind == nil {
                let names = ManifestKind.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: text, in: names).map { "; did you mean '\($0)'?" }
                    ?? ". Kinds are \(names.joined(separator: ", "))."
                context.error("unknown_kind", "Unknown kind '\(text)'\(hint)", at: node.location)
            }
        }
        guard let kind, let metadataNode = fields["metadata"],
              let metadata = decodeMetadata(metadataNode, kind: kind, context: &context) else {
            return nil
        }
        context.declared = (kind, metadata.name)
        let specNode: YAMLNode
        if let node = fields["spec"] {
            specNode = node
        } else if kind.specIsOptional {
            specNode = YAMLNode(.mapping([]), location: root.location, end: root.location)
        } else {
            context.error("missing_field", "\(context.subject) is missing the required field 'spec'.", at: root.location)
            return nil
        }
        let spec: ManifestObject.Spec?
        switch kind {
        case .zone: spec = decodeZone(specNode, name: metadata.name, context: &context).map(ManifestObject.Spec.zone)
        case .application: spec = decodeApplication(specNode, context: &context).map(ManifestObject.Spec.application)
        case .provider: spec = decodeProvider(specNode, name: metadata.name, context: &context).map(ManifestObject.Spec.provider)
        case .resource: spec = decodeResource(specNode, name: metadata.name, context: &context).map(ManifestObject.Spec.resource)
        case .policy: spec = decodePolicy(specNode, context: &context).map(ManifestObject.Spec.policy)
        case .policySet: spec = decodePolicySet(specNode, context: &context).map(ManifestObject.Spec.policySet)
        }
        guard let spec else { return nil }
        let object = ManifestObject(
            name: metadata.name, zone: metadata.zone ?? metadata.name, protect: metadata.protect,
            spec: spec, sourceMap: context.sourceMap)
        return context.diagnostics.contains { $0.severity == .error } ? nil : object
    }

    private struct Metadata {
        var name: String
        var zone: String?
        var protect: Bool
    }

    private func decodeMetadata(_ node: YAMLNode, kind: ManifestKind, context: inout DecodingContext) -> Metadata? {
        guard let fields = context.fields(of: node, path: "metadata", allowed: Self.metadataFields, required: ["name"]) else {
            return nil
        }
        var name: String?
        if let nameNode = fields["name"], let value = context.string(nameNode, path: "metadata.name") {
            if value.isEmpty {
                context.error("invalid_value", "'metadata.name' must not be empty.", at: nameNode.location)
            } else {
                name = value
            }
        }
        var zone: String?
        if let zoneNode = fields["zone"] {
            if kind == .zone {
                context.error("unknown_field", "A Zone has no 'metadata.zone'; its own name is its slug.", at: context.sourceMap["metadata.zone"])
            } else {
                zone = context.string(zoneNode, path: "metadata.zone")
            }
        } else if kind != .zone, let name {
            context.error("missing_field", "\(kind.rawValue) '\(name)' is missing the required field 'metadata.zone' (the slug of a declared Zone).", at: node.location)
            return nil
        }
        let protect = fields["protect"].flatMap { context.bool($0, path: "metadata.protect") } ?? false
        guard let name else { return nil }
        return Metadata(name: name, zone: zone, protect: protect)
    }
}

extension ManifestKind {
    /// Kinds whose spec may be left out entirely (every field has a default).
    var specIsOptional: Bool { self == .zone || self == .application }
}
