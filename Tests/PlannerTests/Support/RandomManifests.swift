import TestSupport
import Foundation
@testable import Manifest


/// A random but valid manifest set: zones with providers, applications, resources, a grants
/// policy and an activating set, written as YAML the way users write it.
struct RandomManifests {
    struct Zone {
        var slug: String
        var display: String
        var prune: Bool
        var providers: [Provider]
        var applications: [Application]
        var resources: [Resource]
        var grantedRoles: [String: [String]]
    }

    struct Provider {
        var name: String
        var display: String
        var kind: String
    }

    struct Application {
        var name: String
        var traits: [String]
    }

    struct Resource {
        var name: String
        var provider: String
        var upstream: String
        var scopes: [String]
    }

    var zones: [Zone]

    static let secretValue = "property-secret-0123456789"
    static let environment = ["PROPERTY_SECRET": secretValue]

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        zones = (0..<Int.random(in: 1...3, using: &random)).map { index in
            let slug = "zone-\(index)-\(Int.random(in: 0...999, using: &random))"
            let providers = (0..<Int.random(in: 1...3, using: &random)).map { p in
                Provider(name: "provider-\(p)", display: "Provider \(p)", kind: ["api_key", "bearer_token", "caracal_mandate"].randomElement(using: &random)!)
            }
            let applications = (0..<Int.random(in: 1...4, using: &random)).map { a in
                Application(name: "app-\(a)", traits: Array(["read", "write", "ops", "audit"].shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))))
            }
            let resources = (0..<Int.random(in: 1...4, using: &random)).map { r in
                Resource(
                    name: "svc-\(r)", provider: providers.randomElement(using: &random)!.name,
                    upstream: "https://svc-\(r).example.com", scopes: ["svc-\(r):read", "svc-\(r):write"].shuffled(using: &random))
            }
            return Zone(slug: slug, display: "Zone \(index)", prune: Bool.random(using: &random), providers: providers,
                        applications: applications, resources: resources, grantedRoles: ["reader": ["read"], "writer": ["read", "write"]])
        }
    }

    /// The number of objects declared.
    var objectCount: Int {
        zones.reduce(0) { $0 + 3 + $1.providers.count + $1.applications.count + $1.resources.count }
    }

    /// The manifests as YAML, one file per zone.
    var files: [(file: String, bytes: [UInt8])] {
        zones.map { ("caracal/\($0.slug).yaml", Array(yaml(for: $0).utf8)) }
    }

    /// Loads the manifests; a generated set always validates.
    func load() -> ManifestLoadResult {
        ManifestLoader(scope: VariableScope(environment: Self.environment)).load(files)
    }

    private func yaml(for zone: Zone) -> String {
        var out = """
            apiVersion: caracal-apply/v1
            kind: Zone
            metadata: {name: \(zone.slug)}
            spec: {name: \(zone.display), prune: \(zone.prune)}

            """
        for provider in zone.providers {
            out += "---\napiVersion: caracal-apply/v1\nkind: Provider\nmetadata: {name: \(provider.name), zone: \(zone.slug)}\nspec:\n  name: \(provider.display)\n  kind: \(provider.kind)\n"
            switch provider.kind {
            case "api_key": out += "  config: {header_name: X-Key}\n  secrets:\n    api_key: ${env:PROPERTY_SECRET}\n"
            case "bearer_token": out += "  secrets:\n    bearer_token: ${env:PROPERTY_SECRET}\n"
            default: break
            }
        }
        for application in zone.applications {
            out += "---\napiVersion: caracal-apply/v1\nkind: Application\nmetadata: {name: \(application.name), zone: \(zone.slug)}\nspec: {traits: [\(application.traits.joined(separator: ", "))]}\n"
        }
        for resource in zone.resources {
            out += """
                ---
                apiVersion: caracal-apply/v1
                kind: Resource
                metadata: {name: \(resource.name), zone: \(zone.slug)}
                spec:
                  upstream_url: \(resource.upstream)
                  provider: \(resource.provider)
                  scopes: [\(resource.scopes.joined(separator: ", "))]
                  operation_enforcement: transport_uniform

                """
        }
        out += "---\napiVersion: caracal-apply/v1\nkind: Policy\nmetadata: {name: grants, zone: \(zone.slug)}\nspec:\n  data:\n    app_ids:\n"
        for application in zone.applications {
            out += "      \(application.name): {application: \(application.name)}\n"
        }
        out += "    grants:\n"
        for (index, resource) in zone.resources.enumerated() {
            let owner = zone.applications[index % zone.applications.count].name
            out += "      resource://\(resource.name):\n        application: \(owner)\n        roles:\n"
            for (role, verbs) in zone.grantedRoles.sorted(by: { $0.key < $1.key }) {
                let scopes = verbs.map { "\(resource.name):\($0)" }
                out += "          \(role): [\(scopes.joined(separator: ", "))]\n"
            }
        }
        out += "---\napiVersion: caracal-apply/v1\nkind: PolicySet\nmetadata: {name: main, zone: \(zone.slug)}\nspec: {policies: [grants]}\n"
        return out
    }
}

extension RandomManifests {
    /// One random change to the manifests, and the addresses a plan must then change.
    mutating func edit(using random: inout SplitMix64) -> Set<ObjectAddress> {
        let z = Int.random(in: 0..<zones.count, using: &random)
        let slug = zones[z].slug
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            zones[z].display += " (renamed)"
            return [ObjectAddress(kind: .zone, zone: slug, name: slug)]
        case 1:
            let a = Int.random(in: 0..<zones[z].applications.count, using: &random)
            zones[z].applications[a].traits.append("edited")
            return [ObjectAddress(kind: .application, zone: slug, name: zones[z].applications[a].name)]
        case 2:
            let p = Int.random(in: 0..<zones[z].providers.count, using: &random)
            zones[z].providers[p].display += " v2"
            return [ObjectAddress(kind: .provider, zone: slug, name: zones[z].providers[p].name)]
        case 3:
            let r = Int.random(in: 0..<zones[z].resources.count, using: &random)
            zones[z].resources[r].upstream = "https://moved-\(r).example.com"
            return [ObjectAddress(kind: .resource, zone: slug, name: zones[z].resources[r].name)]
        default:
            // A policy edit gives the policy a new version, and its set a new active version.
            zones[z].grantedRoles["auditor"] = ["read"]
            return [ObjectAddress(kind: .policy, zone: slug, name: "grants"), ObjectAddress(kind: .policySet, zone: slug, name: "main")]
        }
    }
}
