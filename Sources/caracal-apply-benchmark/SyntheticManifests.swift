import Foundation

/// Generates a realistic manifest set of a given size: zones of 100 objects each (an api_key
/// provider, an application and a resource per service, one grants policy and one set).
struct SyntheticManifests {
    /// Objects per zone: the zone, 32 providers, 32 applications, 32 resources, 1 policy, 1 set, plus 1 spare resource.
    static let objectsPerZone = 100
    static let servicesPerZone = 32

    let objects: Int

    var zoneCount: Int { max(1, objects / Self.objectsPerZone) }

    /// Writes one file per zone into `directory`; returns the file paths and total bytes.
    func write(to directory: URL) throws -> (files: [String], bytes: Int) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [String] = []
        var bytes = 0
        for zone in 0..<zoneCount {
            let text = document(zone: zone)
            let url = directory.appendingPathComponent(String(format: "zone-%05d.yaml", zone))
            try text.write(to: url, atomically: false, encoding: .utf8)
            files.append(url.path)
            bytes += text.utf8.count
        }
        return (files, bytes)
    }

    /// The environment the generated secret references need.
    static let environment = ["BENCH_API_KEY": "bench-key-0123456789"]

    func document(zone index: Int) -> String {
        let zone = "tenant-\(index)"
        var out = """
            apiVersion: caracal-apply/v1
            kind: Zone
            metadata:
              name: \(zone)
            spec:
              name: Tenant \(index)
              prune: true

            """
        for service in 0..<Self.servicesPerZone {
            out += """
                ---
                apiVersion: caracal-apply/v1
                kind: Provider
                metadata:
                  name: svc-\(service)-key
                  zone: \(zone)
                spec:
                  kind: api_key
                  config:
                    header_name: X-Api-Key
                  secrets:
                    api_key: ${env:BENCH_API_KEY}
                ---
                apiVersion: caracal-apply/v1
                kind: Application
                metadata:
                  name: agent-\(service)
                  zone: \(zone)
                spec:
                  traits: [bench, tier-\(service % 4)]
                ---
                apiVersion: caracal-apply/v1
                kind: Resource
                metadata:
                  name: svc-\(service)
                  zone: \(zone)
                spec:
                  upstream_url: https://svc-\(service).tenant-\(index).example.com
                  provider: svc-\(service)-key
                  scopes: [svc-\(service):read, svc-\(service):write]
                  operations:
                    - {method: GET, path: /items, scope: svc-\(service):read}
                    - {method: POST, path: /items, scope: svc-\(service):write}

                """
        }
        out += """
            ---
            apiVersion: caracal-apply/v1
            kind: Resource
            metadata:
              name: shared
              zone: \(zone)
            spec:
              upstream_url: https://shared.tenant-\(index).example.com
              provider: svc-0-key
              scopes: [shared:read]
              operation_enforcement: transport_uniform
            ---
            apiVersion: caracal-apply/v1
            kind: Policy
            metadata:
              name: grants
              zone: \(zone)
            spec:
              data:
                app_ids:

            """
        for service in 0..<Self.servicesPerZone {
            out += "      agent-\(service): {application: agent-\(service)}\n"
        }
        out += "    grants:\n"
        for service in 0..<Self.servicesPerZone {
            out += """
                      resource://svc-\(service):
                        application: agent-\(service)
                        roles:
                          reader: [svc-\(service):read]
                          writer: [svc-\(service):read, svc-\(service):write]

                """
        }
        out += """
            ---
            apiVersion: caracal-apply/v1
            kind: PolicySet
            metadata:
              name: main
              zone: \(zone)
            spec:
              policies: [grants]

            """
        return out
    }
}
