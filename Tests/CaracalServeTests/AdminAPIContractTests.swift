import Foundation
import Manifest
import Testing

/// The Admin API as `serve` answers it over HTTP, checked against the reference: pagination,
/// error envelopes and codes, activation (reference §0, §6).
@Suite struct AdminAPIContractTests {
    static let policy = "# caracal:data-document\npackage caracal.authz\n\nrestrict := set()\n"

    @Test func listsPageThroughCursorsUntilNextCursorIsNull() async throws {
        let serve = try ServeFixture.start()
        do {
            let zone = try await serve.json("POST", "/v1/zones", body: #"{"name":"Paging","slug":"paging"}"#)
            let zoneID = try #require(zone["id"]?.stringValue)
            var created: [String] = []
            for index in 0..<5 {
                let app = try await serve.json("POST", "/v1/zones/\(zoneID)/applications", body: #"{"name":"app-\#(index)","registration_method":"managed"}"#)
                created.append(try #require(app["id"]?.stringValue))
            }
            var seen: [String] = []
            var cursor: String?
            var pages: [Int] = []
            repeat {
                let page = try await serve.json("GET", "/v1/zones/\(zoneID)/applications?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                guard case .array(let items)? = page["items"] else { Issue.record("no items"); break }
                pages.append(items.count)
                seen += items.compactMap { $0["id"]?.stringValue }
                cursor = page["next_cursor"]?.stringValue
                if cursor == nil { #expect(page["next_cursor"] == .null) }
            } while cursor != nil && pages.count < 10
            // Newest first, every application exactly once, and null after the short last page.
            #expect(pages == [2, 2, 1])
            #expect(seen == created.reversed())

            // A full last page is followed by one empty page (reference §0.1).
            let four = try await serve.json("GET", "/v1/zones/\(zoneID)/applications?limit=5")
            #expect(four["next_cursor"]?.stringValue != nil)
            let after = try await serve.json("GET", "/v1/zones/\(zoneID)/applications?limit=5&cursor=\(four["next_cursor"]?.stringValue ?? "")")
            #expect(after["items"] == .array([]))
            #expect(after["next_cursor"] == .null)

            // Without a limit, 200 a page.
            let all = try await serve.json("GET", "/v1/zones/\(zoneID)/applications")
            if case .array(let items)? = all["items"] { #expect(items.count == 5) } else { Issue.record("no items") }

            let badLimit = try await serve.request("GET", "/v1/zones?limit=501")
            #expect(badLimit.status == 400)
            #expect(badLimit.errorCode == "invalid_query")
            let badCursor = try await serve.request("GET", "/v1/zones?cursor=not-a-cursor")
            #expect(badCursor.status == 400)
            #expect(badCursor.errorCode == "invalid_cursor")
        } catch {
            Issue.record(error)
        }
        await serve.stop()
    }

    @Test func errorsCarryTheEnvelopeAndTheReferenceCodes() async throws {
        let serve = try ServeFixture.start()
        do {
            let zone = try await serve.json("POST", "/v1/zones", body: #"{"name":"Errors","slug":"errors"}"#)
            let zoneID = try #require(zone["id"]?.stringValue)
            let readToken = try #require(try await serve.json("POST", "/v1/admin-tokens", body: #"{"name":"reader","scope":"global","capability":"read"}"#)["token"]?.stringValue)
            let zoneToken = try #require(try await serve.json("POST", "/v1/admin-tokens", body: #"{"name":"zoned","scope":"zone","zone_id":"\#(zoneID)"}"#)["token"]?.stringValue)

            let cases: [(RawResponse, Int, String)] = [
                (try await serve.request("POST", "/v1/zones", body: #"{"name":"X","slug":"x","color":"red"}"#), 400, "invalid_zone"),
                (try await serve.request("GET", "/v1/zones/bad%20id"), 400, "invalid_params"),
                (try await serve.request("POST", "/v1/zones", body: "{not json"), 400, "internal_error"),
                (try await serve.request("GET", "/v1/zones", token: nil), 401, "unauthorized"),
                (try await serve.request("GET", "/v1/zones", token: "cat_wrong"), 401, "invalid_admin_token"),
                (try await serve.request("POST", "/v1/zones", body: #"{"name":"R","slug":"r"}"#, token: readToken), 403, "admin_token_read_only"),
                (try await serve.request("GET", "/v1/zones", token: zoneToken), 403, "admin_token_zone_mismatch"),
                (try await serve.request("GET", "/v1/zones/01a2288e-0000-7000-8000-000000000000"), 404, "zone_not_found"),
                (try await serve.request("GET", "/v1/nothing-here"), 404, "not_found"),
                (try await serve.request("POST", "/v1/zones", body: #"{"name":"Again","slug":"errors"}"#), 409, "zone_slug_conflict"),
                (try await serve.request("POST", "/v1/zones/\(zoneID)/policies", body: #"{"name":"p","content":"package other\n"}"#), 422, "invalid_rego"),
                (try await serve.request("POST", "/v1/policies/validate", body: #"{"content":"package caracal.authz\nresult := 1\n"}"#), 422, "invalid_rego"),
            ]
            for (response, status, code) in cases {
                #expect(response.status == status, "\(code): \(response)")
                #expect(response.errorCode == code, "\(status): \(response)")
                // The envelope names the request, as the header does.
                #expect(response.json?["requestId"]?.stringValue == response.requestID, "\(code)")
                if status != 422 || code != "invalid_rego" {
                    #expect((response.json?["error_description"]?.stringValue ?? "").count > 10, "\(code): \(response)")
                }
            }
            // A zone token reaches its own zone; a read token can read.
            #expect(try await serve.request("GET", "/v1/zones/\(zoneID)/applications", token: zoneToken).status == 200)
            #expect(try await serve.request("GET", "/v1/zones", token: readToken).status == 200)
            // Deletes answer 204 with no body; the archived zone is then 404.
            let deleted = try await serve.request("DELETE", "/v1/zones/\(zoneID)")
            #expect(deleted.status == 204)
            #expect(deleted.bodyBytes == 0)
            #expect(try await serve.request("GET", "/v1/zones/\(zoneID)").status == 404)
        } catch {
            Issue.record(error)
        }
        await serve.stop()
    }

    @Test func activationAnswers202AndTheStatusHasEveryField() async throws {
        let serve = try ServeFixture.start()
        do {
            let zoneID = try #require(try await serve.json("POST", "/v1/zones", body: #"{"name":"Act","slug":"act"}"#)["id"]?.stringValue)
            let content = JSONWriter.quoted(Self.policy)
            let policy = try await serve.json("POST", "/v1/zones/\(zoneID)/policies", body: #"{"name":"base","content":\#(content)}"#)
            let policyVersion = try #require(policy["version_id"]?.stringValue)
            #expect(policy["version"]?["content_sha256"]?.stringValue == SHA256.hex(Self.policy))
            let setID = try #require(try await serve.json("POST", "/v1/zones/\(zoneID)/policy-sets", body: #"{"name":"main"}"#)["id"]?.stringValue)
            let version = try await serve.json("POST", "/v1/zones/\(zoneID)/policy-sets/\(setID)/versions", body: #"{"manifest":[{"policy_version_id":"\#(policyVersion)"}]}"#)
            let versionID = try #require(version["version_id"]?.stringValue)

            let activation = try await serve.request("POST", "/v1/zones/\(zoneID)/policy-sets/\(setID)/activate", body: #"{"version_id":"\#(versionID)"}"#)
            #expect(activation.status == 202)
            for field in ["activated", "version_id", "outbox_id", "status_url"] {
                #expect(activation.json?[field] != nil, "missing \(field)")
            }
            let outboxID = activation.json?["outbox_id"]?.stringValue ?? ""
            let status = try await serve.json("GET", "/v1/zones/\(zoneID)/policy-sets/\(setID)/activation-status?version_id=\(versionID)&outbox_id=\(outboxID)")
            for field in ["zone_id", "policy_set_id", "version_id", "active", "active_version_id", "manifest_sha256", "propagation_status", "outbox", "sts"] {
                #expect(status[field] != nil, "missing \(field)")
            }
            #expect(status["propagation_status"]?.stringValue == "loaded")
            #expect(status["active"] == .bool(true))
            #expect(status["outbox"]?["state"]?.stringValue == "dispatched")
            #expect(status["sts"]?["state"]?.stringValue == "loaded")

            let versions = try await serve.json("GET", "/v1/zones/\(zoneID)/policy-sets/\(setID)/versions")
            if case .array(let items)? = versions["items"] {
                #expect(items.compactMap { $0["version_id"]?.stringValue } == [versionID])
            } else {
                Issue.record("no versions")
            }
            let simulated = try await serve.json("POST", "/v1/zones/\(zoneID)/policy-sets/\(setID)/simulate", body: #"{"version_id":"\#(versionID)"}"#)
            #expect(simulated["dry_run"] == .bool(true))
            let missing = try await serve.request("GET", "/v1/zones/\(zoneID)/policy-sets/\(setID)/activation-status")
            #expect(missing.status == 400)
        } catch {
            Issue.record(error)
        }
        await serve.stop()
    }

    @Test func healthAndReadinessNeedNoToken() async throws {
        let serve = try ServeFixture.start()
        #expect(try await serve.request("GET", "/health", token: nil).json?["status"]?.stringValue == "ok")
        #expect(try await serve.request("GET", "/ready", token: nil).status == 200)
        await serve.stop()
    }
}
