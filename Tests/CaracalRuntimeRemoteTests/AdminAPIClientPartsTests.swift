import CaracalRuntime
import Foundation
import Manifest
import Testing
@testable import CaracalRuntimeRemote

/// The client's pieces that need no server: paths, backoff, Retry-After, error sentences.
struct AdminAPIClientPartsTests {
    @Test func pathsEncodeIDsSoTheyCannotChangeThePath() {
        #expect(AdminAPIPath.collection(.zone, zoneID: nil) == "/v1/zones")
        #expect(AdminAPIPath.object(.policySet, id: "s1", zoneID: "z1") == "/v1/zones/z1/policy-sets/s1")
        #expect(AdminAPIPath.segment("a/../b c") == "a%2F..%2Fb%20c")
        #expect(AdminAPIPath.query([("limit", "500"), ("cursor", "a+b=/")]) == "?limit=500&cursor=a%2Bb%3D%2F")
        #expect(AdminAPIPath.query([]) == "")
    }

    @Test func backoffGrowsIsCappedAndHonoursRetryAfterUpTo30Seconds() {
        let backoff = RetryBackoff(base: 0.2, cap: 5)
        #expect(backoff.delay(attempt: 1, retryAfter: nil, random: 1) == 0.2)
        #expect(backoff.delay(attempt: 3, retryAfter: nil, random: 1) == 0.8)
        #expect(backoff.delay(attempt: 3, retryAfter: nil, random: 0.5) == 0.4)
        #expect(backoff.delay(attempt: 30, retryAfter: nil, random: 1) == 5)
        #expect(backoff.delay(attempt: 1, retryAfter: 12, random: 1) == 12)
        #expect(backoff.delay(attempt: 1, retryAfter: 600, random: 1) == 30)
        #expect(AdminAPIClient.retryAfterSeconds(" 7 ") == 7)
        #expect(AdminAPIClient.retryAfterSeconds("soon") == nil)
        #expect(AdminAPIClient.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
    }

    @Test func errorEnvelopesBecomeSentences() {
        func error(_ status: Int, _ body: String) -> RuntimeError {
            AdminAPIFailure.error(status: status, body: Array(body.utf8), requestID: "req-h", retryAfter: nil, method: "POST", path: "/v1/zones")
        }
        let conflict = error(409, #"{"error":"zone_slug_conflict","error_description":"slug taken","requestId":"req-b"}"#)
        #expect(conflict.code == "zone_slug_conflict")
        #expect(conflict.message == "The Admin API refused POST /v1/zones: slug taken.")
        #expect(conflict.requestID == "req-b")
        #expect(conflict.description == "The Admin API refused POST /v1/zones: slug taken. (409 zone_slug_conflict, request req-b)")

        let bare = error(400, #"{"error":"invalid_zone"}"#)
        #expect(bare.message == "The Admin API refused POST /v1/zones with invalid zone.")
        #expect(bare.requestID == "req-h")

        #expect(error(403, #"{"error":"admin_token_read_only"}"#).message.contains("read-only"))
        #expect(error(403, #"{"error":"admin_token_zone_mismatch"}"#).message.contains("'external: true'"))
        #expect(error(403, #"{"error":"system_zone_read_only"}"#).message.contains("system zone"))

        let html = error(502, "<html><body>Bad gateway secret-internal-detail</body></html>")
        #expect(html.code == "server_error")
        #expect(!html.message.contains("secret-internal-detail"))
        #expect(html.isAmbiguous)
    }
}
