import CaracalRuntime
import Manifest
import Testing
@testable import CaracalRuntimeEmbedded

struct ProviderStoreTests {
    @Test func apiKeyProviderIsNormalisedAndItsSecretSealed() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let secret = "sk-live-very-secret-4f1d2"
        let provider = try await runtime.create(.provider, zoneID: zone, body: [
            "name": .string(" Stripe "),
            "kind": .string("api_key"),
            "config_json": .object([
                "header_name": .string(" X-Api-Key "), "api_key": .string(" \(secret) "),
                "allowed_token_hosts": .array([.string(" API.Stripe.com ")]),
            ]),
            "ignored": .bool(true),
        ])
        #expect(provider.string("identifier") == "provider://stripe")
        #expect(provider.string("name") == "Stripe")
        #expect(provider["config_json"] == .object([
            "header_name": .string("X-Api-Key"), "auth_location": .string("header"),
            "allowed_token_hosts": .array([.string("api.stripe.com")]),
        ]))
        #expect(provider["secret_config_keys"] == .array([.string("api_key")]))
        #expect(provider["ignored"] == nil)
        #expect(try await runtime.secretsMatch(zoneID: zone, providerID: provider.id, secrets: ["api_key": secret]) == true)
        #expect(try await runtime.secretsMatch(zoneID: zone, providerID: provider.id, secrets: ["api_key": "other"]) == false)
        #expect(try await runtime.secretsMatch(zoneID: zone, providerID: provider.id, secrets: [:]) == false)
        try await runtime.close()
        let files = allFileBytes(in: directory.path)
        #expect(!files.isEmpty)
        #expect(!files.contains(text: secret))
    }

    @Test func oauthDefaultsAreFilledIn() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let provider = try await runtime.create(.provider, zoneID: zone, body: [
            "identifier": .string("provider://github"),
            "kind": .string("oauth2_client_credentials"),
            "config_json": .object([
                "token_endpoint": .string("https://Auth.Example.com/token"), "client_id": .string("abc"),
                "client_secret": .string("s3cret-value"),
            ]),
        ])
        let config = try #require(provider["config_json"])
        #expect(config["client_auth_method"] == .string("client_secret_basic"))
        #expect(config["grant_type"] == .string("client_credentials"))
        #expect(config["allowed_token_hosts"] == .array([.string("auth.example.com")]))
        #expect(config["client_secret"] == nil)
        #expect(provider["connectivity_failed_at"] != .null)
        try await runtime.close()
    }

    @Test(arguments: [
        (["identifier": RegoValue.string("provider://x"), "kind": .string("api_key"), "config_json": .object(["header_name": .string("X-K")])], 400, "invalid_provider_config"),
        (["identifier": .string("provider://x"), "kind": .string("none"), "config_json": .object(["username": .string("u")])], 400, "invalid_provider_config"),
        (["identifier": .string("provider://x"), "kind": .string("api_key"), "config_json": .object(["header_name": .string("Host"), "api_key": .string("k")])], 400, "invalid_provider_config"),
        (["identifier": .string("provider://x"), "kind": .string("bearer_token"), "config_json": .object(["bearer_token": .string("Bearer abc")])], 400, "invalid_provider_config"),
        (["identifier": .string("provider://x"), "kind": .string("oauth2_client_credentials"), "config_json": .object(["token_endpoint": .string("http://a/t"), "client_id": .string("c"), "client_secret": .string("s")])], 400, "invalid_provider_config"),
        (["identifier": .string("provider://x"), "kind": .string("oauth2_client_credentials"), "config_json": .object(["token_endpoint": .string("https://a/t"), "client_id": .string("c"), "client_auth_method": .string("private_key_jwt"), "private_key": .string("k"), "client_secret": .string("s")])], 400, "invalid_provider_config"),
        (["identifier": .string("Provider://X"), "kind": .string("none")], 400, "invalid_provider_identifier"),
        (["identifier": .string("provider://caracal-sys-x"), "kind": .string("none")], 409, "reserved_namespace"),
        (["identifier": .string("provider://x"), "kind": .string("magic")], 400, "invalid_provider"),
        (["kind": .string("none")], 400, "invalid_provider"),
    ])
    func createRefusesBadBodies(body: [String: RegoValue], status: Int, code: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let error = await runtimeError { try await runtime.create(.provider, zoneID: zone, body: body) }
        #expect(error?.status == status)
        #expect(error?.code == code)
        try await runtime.close()
    }

    @Test func identifiersAreUniqueAndDerivedWithSuffixes() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let first = try await runtime.create(.provider, zoneID: zone, body: ["name": .string("Mandate"), "kind": .string("caracal_mandate")])
        let second = try await runtime.create(.provider, zoneID: zone, body: ["name": .string("mandate"), "kind": .string("caracal_mandate")])
        #expect(first.string("identifier") == "provider://mandate")
        #expect(second.string("identifier") == "provider://mandate-2")
        let conflict = await runtimeError {
            try await runtime.create(.provider, zoneID: zone, body: ["identifier": .string("provider://mandate"), "kind": .string("none")])
        }
        #expect(conflict?.status == 409 && conflict?.code == "provider_identifier_conflict")
        try await runtime.delete(.provider, id: first.id, zoneID: zone)
        _ = try await runtime.create(.provider, zoneID: zone, body: ["identifier": .string("provider://mandate"), "kind": .string("none")])
        try await runtime.close()
    }

    @Test func patchReplacesConfigAndKeepsOrReplacesSecrets() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let runtime = try EmbeddedRuntime.open(directory: directory.path)
        let zone = try await runtime.makeZone("prod")
        let id = try await runtime.makeProvider(zone: zone, "provider://stripe", secret: "first-secret")
        // No secret in the patch: the stored one is kept and still satisfies the kind.
        let kept = try await runtime.patch(.provider, id: id, zoneID: zone, body: [
            "config_json": .object(["header_name": .string("X-Other")]),
        ])
        #expect(kept["config_json"] == .object(["header_name": .string("X-Other"), "auth_location": .string("header")]))
        #expect(kept["secret_config_keys"] == .array([.string("api_key")]))
        #expect(try await runtime.secretsMatch(zoneID: zone, providerID: id, secrets: ["api_key": "first-secret"]) == true)
        _ = try await runtime.patch(.provider, id: id, zoneID: zone, body: [
            "config_json": .object(["header_name": .string("X-Other"), "api_key": .string("second-secret")]),
        ])
        #expect(try await runtime.secretsMatch(zoneID: zone, providerID: id, secrets: ["api_key": "second-secret"]) == true)
        // A kind change must bring its secrets along.
        let missing = await runtimeError {
            try await runtime.patch(.provider, id: id, zoneID: zone, body: ["kind": .string("bearer_token"), "config_json": .object([:])])
        }
        #expect(missing?.code == "invalid_provider_config")
        let noConfig = await runtimeError { try await runtime.patch(.provider, id: id, zoneID: zone, body: ["kind": .string("none")]) }
        #expect(noConfig?.code == "provider_config_required")
        let none = try await runtime.patch(.provider, id: id, zoneID: zone, body: ["kind": .string("none"), "config_json": .object([:])])
        #expect(none["secret_config_keys"] == .array([]))
        #expect(try await runtime.secretsMatch(zoneID: zone, providerID: id, secrets: [:]) == true)
        try await runtime.close()
    }
}
