/// One declared object: a document of a manifest file, decoded and validated.
public struct ManifestObject: Sendable, Hashable {
    /// The kind-specific desired state.
    public enum Spec: Sendable, Hashable {
        case zone(ZoneSpec)
        case application(ApplicationSpec)
        case provider(ProviderSpec)
        case resource(ResourceSpec)
        case policy(PolicySpec)
        case policySet(PolicySetSpec)
    }

    /// `metadata.name`.
    public var name: String
    /// The zone's slug; for a Zone, its own name.
    public var zone: String
    /// `metadata.protect`: never delete this object.
    public var protect: Bool
    public var spec: Spec
    /// Where each field was written.
    public var sourceMap: SourceMap

    public init(name: String, zone: String, protect: Bool = false, spec: Spec, sourceMap: SourceMap) {
        self.name = name
        self.zone = zone
        self.protect = protect
        self.spec = spec
        self.sourceMap = sourceMap
    }

    public var kind: ManifestKind {
        switch spec {
        case .zone: return .zone
        case .application: return .application
        case .provider: return .provider
        case .resource: return .resource
        case .policy: return .policy
        case .policySet: return .policySet
        }
    }

    public var address: ObjectAddress { ObjectAddress(kind: kind, zone: zone, name: name) }

    /// The value that finds the object's live twin (SPEC §3 identity table).
    public var identity: String {
        switch spec {
        case .provider(let provider): return provider.identifier
        case .resource(let resource): return resource.identifier
        case .zone, .application, .policy, .policySet: return name
        }
    }
}
