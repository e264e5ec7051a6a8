import Testing
@testable import CaracalApplyCLI

/// `serve --listen` values.
struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:3000", "127.0.0.1", 3000, true),
        ("localhost:0", "127.0.0.1", 0, true),
        ("[::1]:8080", "::1", 8080, true),
        ("0.0.0.0:3000", "0.0.0.0", 3000, false),
        ("10.1.2.3:443", "10.1.2.3", 443, false),
    ])
    func parses(text: String, host: String, port: Int, loopback: Bool) throws {
        let address = try #require(ListenAddress(text))
        #expect(address.host == host)
        #expect(Int(address.port) == port)
        #expect(address.isLoopback == loopback)
    }

    @Test(arguments: ["3000", ":3000", "127.0.0.1:", "127.0.0.1:70000", "[::1]3000", "[::1:3000", "host:port"])
    func rejects(text: String) {
        #expect(ListenAddress(text) == nil)
    }

    @Test func urlsBracketIPv6Hosts() throws {
        #expect(try #require(ListenAddress("[::1]:0")).url(port: 4321) == "http://[::1]:4321")
        #expect(try #require(ListenAddress("127.0.0.1:0")).url(port: 4321) == "http://127.0.0.1:4321")
    }
}
