import Foundation

/// A generated manifest set of about 2,000 objects: `zones` zones, each with its own
/// providers (api_key, secret from `${env:…}`), applications, resources that use the providers,
/// one grants policy naming every application with `{application: NAME}`, and one policy set.
struct LargeManifests {
    var zones = 20
    var providers = 30
    var applications = 30
    var resources = 37
    /// The environment variable the providers' secrets come from.
    var secretVariable = "E2E_PROVIDER_KEY"

    /// Objects per zone: the zone, providers, applications, resources, one policy and one set.
    var objectsPerZone: Int { 1 + providers + applications + resources + 2 }
    var objectCount: Int { zones * objectsPerZone }
    /// Plan changes for an empty runtime: every object, plus one activation per zone.
    var changeCount: Int { objectCount + zones }

    func zoneName(_ index: Int) -> String { "zone-\(pad(index))" }

    /// Writes one file per zone into `directory`.
    func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for zone in 0..<zones {
            try document(zone: zone).write(to: directory.appendingPathComponent("\(zoneName(zone)).yaml"), atomically: true, encoding: .utf8)
        }
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    func document(zone: Int) -> String {
        let name = zoneName(zone)
        var docs: [String] = []
        docs.append("""
            apiVersion: caracal-apply/v1
            kind: Zone
            metadata:
              name: \(name)
            spec:
              name: Generated zone \(zone)

            """)
        for p in 0..<providers {
            docs.append("""
                apiVersion: caracal-apply/v1
                kind: Provider
                metadata:
                  name: provider-\(pad(p))
                  zone: \(name)
                spec:
                  name: Provider \(p)
                  kind: api_key
                  config:
                    header_name: X-Api-Key
                  secrets:
                    api_key: ${env:\(secretVariable)}

                """)
        }
        for a in 0..<applications {
            docs.append("""
                apiVersion: caracal-apply/v1
                kind: Application
                metadata:
                  name: app-\(pad(a))
                  zone: \(name)
                spec:
                  traits: [generated]

                """)
        }
        for r in 0..<resources {
            docs.append("""
                apiVersion: caracal-apply/v1
                kind: Resource
                metadata:
                  name: api-\(pad(r))
                  zone: \(name)
                spec:
                  name: API \(r)
                  upstream_url: https://api-\(r).zone-\(zone).example.com
                  provider: provider-\(pad(r % providers))
                  scopes: [api:read, api:write]
                  operation_enforcement: transport_uniform

                """)
        }
        let appIDs = (0..<applications).map { "      app-\(pad($0)): {application: app-\(pad($0))}" }.joined(separator: "\n")
        let grants = (0..<resources).map { r in
            """
                  resource://api-\(pad(r)):
                    application: app-\(pad(r % applications))
                    roles:
                      reader: [api:read]
                      writer: [api:read, api:write]
            """
        }.joined(separator: "\n")
        docs.append("""
            apiVersion: caracal-apply/v1
            kind: Policy
            metadata:
              name: grants
              zone: \(name)
            spec:
              data:
                app_ids:
            \(appIDs)
                grants:
            \(grants)

            """)
        docs.append("""
            apiVersion: caracal-apply/v1
            kind: PolicySet
            metadata:
              name: main
              zone: \(name)
            spec:
              policies: [grants]

            """)
        return docs.joined(separator: "---\n")
    }
}
