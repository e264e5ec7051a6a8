import Foundation
import Testing
@testable import Manifest

struct AdminAPIFormatsTests {
    /// URLs the checks answer for without Foundation's parser.
    private static let plainURLs = [
        "resource://svc-0", "https://svc-0.tenant-0.example.com", "http://a/", "http://a//b", "http://a/./../",
        "HTTP://A", "x-y.z+w://host", "http://-", "http://..", "http://a_b~c", "https://1.2.3.4.5",
        "http://999.999.999.999", "https://xn--nxasmq6b.com", "http://a/~user/_x/-/.", "provider://x",
    ]

    /// URLs left to the parser: anything with a user, port, query, fragment, escape, space or
    /// empty host, or not of the `scheme://host` shape.
    private static let otherURLs = [
        "http://user@host", "http://user:secret@host", "http://host:8080", "http://host/a?b", "http://host/#x",
        "http://host/a%20b", "http://host/a b", "http:///path", "http://", "http:host", "mailto:a@b",
        "1http://host", "http://[::1]", "http://hóst", "resource:/x", "",
    ]

    @Test func plainURLsHaveTheSchemeAndHostFoundationFinds() throws {
        for text in Self.plainURLs {
            let scheme = try #require(AdminAPIFormats.plainURLScheme(text), "\(text)")
            let url = try #require(URL(string: text), "\(text)")
            #expect(url.scheme?.lowercased() == scheme, "\(text)")
            #expect(url.host?.isEmpty == false, "\(text)")
            #expect(url.user == nil && url.password == nil && url.port == nil, "\(text)")
        }
    }

    @Test func otherURLsAreLeftToFoundation() {
        for text in Self.otherURLs {
            #expect(AdminAPIFormats.plainURLScheme(text) == nil, "\(text)")
        }
    }

    @Test func urlChecksAnswerAsBefore() {
        #expect(AdminAPIFormats.resourceIdentifierProblem("resource://svc-0") == nil)
        #expect(AdminAPIFormats.resourceIdentifierProblem("provider://svc-0") == "must not use the 'provider:' scheme, which names credential providers")
        #expect(AdminAPIFormats.resourceIdentifierProblem("resource://user:pw@svc-0") == "must not contain a user name or password")
        #expect(AdminAPIFormats.upstreamURLProblem("https://api.example.com/v1") == nil)
        #expect(AdminAPIFormats.upstreamURLProblem("ftp://api.example.com") == "must be an http or https URL such as 'https://api.example.com'")
        #expect(AdminAPIFormats.upstreamURLProblem("https://api.example.com:8443/v1") == nil)
        #expect(AdminAPIFormats.httpsURLProblem("http://auth.example.com/token") == "must be an https URL")
        #expect(AdminAPIFormats.httpsURLProblem("https://auth.example.com/token") == nil)
    }
}
