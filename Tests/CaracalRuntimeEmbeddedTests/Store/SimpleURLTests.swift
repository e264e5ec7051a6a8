import Testing
@testable import CaracalRuntimeEmbedded

struct SimpleURLTests {
    /// What the Admin API's checks read from a URL: scheme, host, user info, authority.
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var parts: (scheme: String, host: String, hasUserInfo: Bool, hasAuthority: Bool)?
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "https://api.example.com/v1?x=1#top", parts: ("https", "api.example.com", false, true)),
        Case(text: "HTTP://API.Example.COM:8443", parts: ("http", "api.example.com", false, true)),
        Case(text: "https://user:pw@x.example/path", parts: ("https", "x.example", true, true)),
        Case(text: "https://a@b@c.example", parts: ("https", "c.example", true, true)),
        Case(text: "https://[::1]:8080/", parts: ("https", "::1", false, true)),
        Case(text: "https://[FE80::1", parts: nil),
        Case(text: "https://host:80a/", parts: nil),
        Case(text: "https://host:/", parts: ("https", "host", false, true)),
        Case(text: "resource://pipernet", parts: ("resource", "pipernet", false, true)),
        Case(text: "urn:caracal:thing", parts: ("urn", "", false, false)),
        Case(text: "mailto:", parts: nil),
        Case(text: "no-scheme-here", parts: nil),
        Case(text: "1http://x", parts: nil),
        Case(text: "ht_tp://x", parts: nil),
        Case(text: "a+b-c.d://x", parts: ("a+b-c.d", "x", false, true)),
        Case(text: "https://exa mple.com", parts: nil),
        Case(text: "https://example.com/\u{7F}", parts: nil),
        Case(text: "https://example.com/\t", parts: nil),
        Case(text: "https://ÉXAMPLE.com/é", parts: ("https", "éxample.com", false, true)),
        Case(text: "https://", parts: ("https", "", false, true)),
        Case(text: ":x", parts: nil),
    ])
    func partsOfURLs(_ example: Case) {
        let url = SimpleURL(example.text)
        #expect(url?.scheme == example.parts?.scheme)
        #expect(url?.host == example.parts?.host)
        #expect(url?.hasUserInfo == example.parts?.hasUserInfo)
        #expect(url?.hasAuthority == example.parts?.hasAuthority)
    }
}
