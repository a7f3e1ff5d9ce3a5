import Foundation
import Testing

@testable import CygniAWS

struct TransportTests {
    @Test(arguments: ["http://example.com/", "http://10.0.0.1:8080/", "http://169.254.169.254/latest", "http://127.evil.com/"])
    func plainHTTPIsRefusedForAnythingButLoopback(_ url: String) async {
        let error = await #expect(throws: TransportError.self) {
            try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: url), .default)
        }
        guard case .insecureEndpoint = error else {
            Issue.record("expected insecureEndpoint, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("loopback") == true)
    }

    @Test(arguments: ["http://127.0.0.1:1/", "http://localhost:1/", "http://[::1]:1/"])
    func loopbackMayUsePlainHTTP(_ url: String) {
        #expect(Endpoint(url)?.isLoopback == true)
        #expect(Endpoint(url)?.allowsPlainHTTP == true)
    }

    /// Checked on the policy alone: tests never reach these addresses.
    @Test(arguments: ["http://169.254.170.2/v2/credentials/x", "http://169.254.170.23/v1/credentials", "http://[fd00:ec2::23]/v1/credentials"])
    func containerCredentialAddressesMayUsePlainHTTP(_ url: String) {
        #expect(Endpoint(url)?.allowsPlainHTTP == true)
        #expect(Endpoint(url)?.isLoopback == false)
    }

    @Test func otherSchemesAreInvalid() async {
        await #expect(throws: TransportError.invalidURL("ftp://example.com/")) {
            try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: "ftp://example.com/"), .default)
        }
    }

    @Test func aClosedPortIsACouldNotConnectError() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/"), .default)
        }
        #expect(error?.requestNeverSent == true)
    }

    @Test func aResponseOverTheSizeCapIsStopped() async throws {
        let moto = try await MotoHarness.shared.session()
        await #expect(throws: TransportError.responseTooLarge(limit: 64)) {
            try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: moto.endpoint + "/moto-api/"), TransferOptions(maxResponseBytes: 64))
        }
        let whole = try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: moto.endpoint + "/moto-api/"), .default)
        #expect(whole.status == 200)
        #expect(whole.body.count > 64)
    }

    @Test func manyConcurrentRequestsAllComplete() async throws {
        let moto = try await MotoHarness.shared.session()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<24 {
                group.addTask { try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: moto.endpoint + "/moto-api/"), .default).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 24))
    }

    @Test func headersWithLineBreaksAreRefused() async {
        await #expect(throws: TransportError.self) {
            try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/", headers: [("X-A", "a\r\nX-B: b")]), .default)
        }
    }

    @Test func endpointParsingKeepsThePathAsSent() {
        let endpoint = Endpoint("https://User@Example.com:8443/a%20b/../c?x=1&y=%2F#frag")
        #expect(endpoint?.host == "example.com")
        #expect(endpoint?.port == 8443)
        #expect(endpoint?.path == "/a%20b/../c")
        #expect(endpoint?.query == "x=1&y=%2F")
        #expect(endpoint?.hostHeader == "example.com:8443")
        #expect(Endpoint("https://example.com:443/")?.hostHeader == "example.com")
        #expect(Endpoint("http://[::1]:4566")?.hostHeader == "[::1]:4566")
        #expect(Endpoint("https://example.com:99999/") == nil)
        #expect(Endpoint("example.com") == nil)
    }

    @Test func endpointParsingEdges() {
        #expect(Endpoint("HTTPS://Example.com/")?.scheme == "https")
        #expect(Endpoint("https://\u{C9}XAMPLE.com/")?.host == "\u{E9}xample.com")
        #expect(Endpoint("https://a@b@c.com/")?.host == "c.com")
        let bare = Endpoint("http://h?x#y")
        #expect(bare?.path == "" && bare?.query == "x")
        #expect(Endpoint("http://h#?x")?.query == nil)
        for invalid in ["ftp://x/", "https:///path", "https://[::1", "https://[::1]x/", "https://h:/", "https:/h", "https://h:0/"] {
            #expect(Endpoint(invalid) == nil, "\(invalid)")
        }
    }
}
