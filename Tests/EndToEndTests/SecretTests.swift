import Foundation
import Testing

/// Resolved secret values never appear in any output, plan file, state file or log (SPEC §3).
@Suite struct SecretTests {
    /// Fails the test for every place `secret` (or its base64 or hex form) shows up.
    static func expectAbsent(_ secret: String, from results: [Binary.Result], files: [(path: String, data: Data)], sourceLocation: SourceLocation = #_sourceLocation) {
        let forms = [
            Data(secret.utf8),
            Data(Data(secret.utf8).base64EncodedString().utf8),
            Data(secret.utf8.map { String(format: "%02x", $0) }.joined().utf8),
        ]
        for result in results {
            for form in forms {
                #expect(result.stdoutData.range(of: form) == nil, "stdout of: \(result)", sourceLocation: sourceLocation)
                #expect(result.stderrData.range(of: form) == nil, "stderr of: \(result)", sourceLocation: sourceLocation)
            }
        }
        for (path, data) in files {
            for form in forms {
                #expect(data.range(of: form) == nil, "the secret is in \(path)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func noResolvedSecretInAnyOutputPlanFileOrStateFile() async throws {
        let workspace = try Workspace.quickstart("secrets")
        defer { workspace.remove() }
        let secret = "e2e-first-secret-\(UUID().uuidString)"
        let rotated = "e2e-rotated-secret-\(UUID().uuidString)"
        // A second provider reads its key from a file beside the manifests.
        let fileSecret = "e2e-file-secret-\(UUID().uuidString)"
        try workspace.write("caracal/keys/backup.key", fileSecret + "\n")
        try workspace.write("caracal/backup.yaml", """
            apiVersion: caracal-apply/v1
            kind: Provider
            metadata: {name: backup-key, zone: quickstart}
            spec:
              kind: api_key
              config: {header_name: X-Backup-Key}
              secrets: {api_key: "${file:keys/backup.key}"}

            """)
        var results: [Binary.Result] = []
        func run(_ key: String, _ arguments: String...) async throws -> Binary.Result {
            let result = try await Binary.runAsync(arguments, in: workspace.url, environment: ["PIPERNET_API_KEY": key])
            results.append(result)
            return result
        }

        // Before anything exists: every plan format, verbose, and a saved plan.
        for format in ["text", "json", "markdown"] {
            let plan = try await run(secret, "plan", "--format", format, "-v")
            #expect(plan.status == 0, "\(plan)")
        }
        #expect(try await run(secret, "plan", "--out", "plan.json", "--verbose").status == 0)
        let applied = try await run(secret, "apply", "plan.json", "-v")
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stderr.contains("runtime: create Provider"), "the verbose trace shows runtime calls: \(applied)")
        for format in ["text", "json", "markdown"] {
            #expect(try await run(secret, "drift", "--format", format, "-v").status == 0)
        }

        // The key is rotated: the embedded runtime notices the new value, but never prints it.
        let rotatedPlan = try await run(rotated, "plan", "--detailed-exitcode", "-v")
        #expect(rotatedPlan.status == 2, "\(rotatedPlan)")
        #expect(rotatedPlan.stdout.contains("secrets.api_key"), "\(rotatedPlan)")
        #expect(rotatedPlan.stdout.contains("(sensitive)"), "\(rotatedPlan)")
        let rotatedJSON = try await run(rotated, "plan", "--format", "json")
        let changes = try parseJSON(rotatedJSON.stdout)["changes"] as? [[String: Any]] ?? []
        let secretFields = changes.flatMap { $0["fields"] as? [[String: Any]] ?? [] }.filter { $0["path"] as? String == "secrets.api_key" }
        #expect(secretFields.count == 1 && secretFields.allSatisfy { $0["sensitive"] as? Bool == true }, "\(rotatedJSON)")
        #expect(try await run(rotated, "plan", "--format", "markdown").status == 0)
        for format in ["text", "json", "markdown"] {
            let drift = try await run(rotated, "drift", "--format", format, "-v")
            #expect(drift.status == 2, "\(drift)")
        }
        // A plan file with a secret change, then a stale one (an error message).
        #expect(try await run(rotated, "plan", "--out", "rotate.json").status == 0)
        #expect(try await run(rotated, "apply", "rotate.json", "-v").status == 0)
        let stale = try await run(rotated, "apply", "rotate.json")
        #expect(stale.status == 1, "\(stale)")
        #expect(try await run(rotated, "drift", "-v").status == 0)
        #expect(try await run(rotated, "apply", "--auto-approve", "-v").status == 0)
        let destroyed = try await run(rotated, "destroy", "--auto-approve", "-v")
        #expect(destroyed.status == 0, "\(destroyed)")
        #expect(destroyed.stderr.contains("runtime: delete Provider"), "\(destroyed)")

        let files = try workspace.allFiles().filter { !$0.path.hasSuffix("/caracal/keys/backup.key") }
        #expect(files.contains { $0.path.hasSuffix("/plan.json") })
        #expect(files.contains { $0.path.hasSuffix("/.caracal/state.json") })
        Self.expectAbsent(secret, from: results, files: files)
        Self.expectAbsent(rotated, from: results, files: files)
        Self.expectAbsent(fileSecret, from: results, files: files)
    }

    @Test func aLiteralSecretIsInvalidAndIsNotEchoed() async throws {
        let workspace = try Workspace.quickstart("literal")
        defer { workspace.remove() }
        let literal = "LiteralSecret\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        try workspace.edit(
            "caracal/pipernet.yaml", replacing: "api_key: ${env:PIPERNET_API_KEY}",
            with: "api_key: \(literal)")
        // A second provider writes its literal in flow style and quoted.
        try workspace.write("caracal/more.yaml", """
            apiVersion: caracal-apply/v1
            kind: Provider
            metadata: {name: backup-key, zone: quickstart}
            spec:
              kind: api_key
              config: {header_name: X-Backup-Key}
              secrets: {api_key: "\(literal)-2"}

            """)
        var results: [Binary.Result] = []
        for arguments in [["validate"], ["plan"], ["plan", "--format", "json"], ["apply", "--auto-approve"], ["drift"], ["destroy", "--auto-approve"]] {
            let result = try await Binary.runAsync(arguments, in: workspace.url, environment: ["PIPERNET_API_KEY": "unused"])
            results.append(result)
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.stderr.contains("caracal/pipernet.yaml:21:14: error: Secret 'api_key' of Provider 'pipernet-key' is written as a literal value"), "\(result)")
            #expect(result.stderr.contains("caracal/more.yaml:7:22: error: Secret 'api_key' of Provider 'backup-key' is written as a literal value"), "\(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.stateDirectory), "invalid manifests never open the runtime")
        // Only the manifests themselves hold the literal.
        let files = try workspace.allFiles().filter { !$0.path.contains("/caracal/") }
        Self.expectAbsent(literal, from: results, files: files)
    }
}
