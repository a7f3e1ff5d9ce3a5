import Foundation
import Testing

@testable import CygniAWS

/// The signer writes the canonical request as bytes with ASCII fast paths; these pin it to the
/// plain String definition on inputs the botocore vectors do not reach (non-ASCII header values
/// and names, repeated and unsigned headers, odd paths and queries), and check the hashing.
struct CanonicalRequestTests {
    /// The canonical request built from Strings and a dictionary, as the signer first did: slow,
    /// but plain enough to check against botocore's description by eye.
    static func reference(_ request: HTTPRequest, endpoint: Endpoint, payloadHash: String) -> String {
        let unsigned: Set<String> = [
            "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
        ]
        var headers: [String: [String]] = [:]
        for (name, value) in request.headers where !unsigned.contains(name.lowercased()) {
            headers[name.lowercased(), default: []].append(value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        if headers["host"] == nil { headers["host"] = [endpoint.hostHeader] }
        let names = headers.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        var segments: [Substring] = []
        for segment in endpoint.path.split(separator: "/") where segment != "." {
            if segment == ".." {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        var path = endpoint.path.hasPrefix("/") || endpoint.path.isEmpty ? "/" : ""
        path += segments.joined(separator: "/")
        if endpoint.path.hasSuffix("/") && !segments.isEmpty { path += "/" }

        let sent = endpoint.query ?? ""
        let pairs = (sent.isEmpty ? [] : sent.split(separator: "&", omittingEmptySubsequences: false)).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        let query = pairs.sorted {
            $0.0 != $1.0 ? $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) : $0.1.utf8.lexicographicallyPrecedes($1.1.utf8)
        }
        .map { "\($0.0)=\($0.1)" }.joined(separator: "&")

        return [
            request.method.uppercased(), PercentEncoding.encode(path, keeping: "/"), query,
            names.map { "\($0):\(headers[$0]!.joined(separator: ","))\n" }.joined(),
            names.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
    }

    static func randomRequest(_ random: inout SeededGenerator) -> HTTPRequest {
        func pick(_ choices: [String], _ count: ClosedRange<Int>) -> [String] {
            (0..<Int.random(in: count, using: &random)).map { _ in choices.randomElement(using: &random)! }
        }
        let names = ["Content-Type", "content-type", "X-Amz-Target", "Host", "User-Agent", "Expect", "X-Amzn-Trace-Id", "My-Header", "my-HEADER", "X-Ünïcode", "A", "Zeta"]
        let valueParts = ["a", "B1", " ", "\t", "  ", "\r\n", "é", "\u{A0}", "\u{2003}", ",", ";", "\u{1F600}"]
        let headers = pick(names, 0...6).map { ($0, pick(valueParts, 0...6).joined()) }
        let path = pick(["/", ".", "..", "a", "b%20c", "é", "~", "+"], 0...7).joined()
        let query = pick(["a", "B", "a%20b", "x=", "x=1", "a=2", "a=%2F", ""], 0...4).joined(separator: "&")
        let url = "https://Example.amazonaws.com" + (path.isEmpty ? "" : "/" + path) + (query.isEmpty && Bool.random(using: &random) ? "" : "?" + query)
        return HTTPRequest(method: ["GET", "post", "Put"].randomElement(using: &random)!, url: url, headers: headers)
    }

    @Test func agreesWithTheStringDefinitionOnRandomRequests() {
        var random = SeededGenerator(state: 2026)
        for _ in 0..<2000 {
            let request = Self.randomRequest(&random)
            let endpoint = Endpoint(request.url)!
            let canonical = CanonicalRequest(request, endpoint: endpoint, payloadHash: "UNSIGNED-PAYLOAD")
            #expect(canonical.text == Self.reference(request, endpoint: endpoint, payloadHash: "UNSIGNED-PAYLOAD"), "\(request.url) \(request.headers)")
        }
    }

    @Test func pathsReportedNormalisedAreTheirOwnNormalisation() {
        // Every path of up to six characters from the ones that matter to segment handling.
        var paths = [""]
        for _ in 1...6 {
            paths = paths + paths.flatMap { path in ["/", ".", "a"].map { path + $0 } }
            paths = Array(Set(paths))
        }
        for path in paths where CanonicalRequest.isNormalised(path) {
            #expect(CanonicalRequest.normalised(path) == path, "\(path)")
        }
        #expect(CanonicalRequest.isNormalised("/2015-03-31/functions/"))
    }

    @Test func nonASCIIValuesCollapseUnicodeWhitespace() {
        let request = HTTPRequest(method: "get", url: "https://example.com/", headers: [("X-Note", "  caf\u{E9}\u{A0}\u{A0}au\tlait \u{2003}")])
        let canonical = CanonicalRequest(request, endpoint: Endpoint(request.url)!, payloadHash: SigV4Signer.emptyPayloadHash)
        #expect(canonical.text.hasPrefix("GET\n/\n\nhost:example.com\nx-note:caf\u{E9} au lait\n\nhost;x-note\n"))
        #expect(canonical.signedHeaders == "host;x-note")
    }

    @Test func aGivenContentHashIsSignedInsteadOfTheBody() {
        let credentials = Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")
        func authorization(body: String, contentHash: String?) -> String? {
            var request = HTTPRequest(method: "PUT", url: "https://example.com/blob", body: Data(body.utf8))
            if let contentHash { request.setHeader("X-Amz-Content-SHA256", contentHash) }
            SigV4Signer().sign(&request, credentials: credentials, region: "eu-west-1", service: "s3", date: Date(timeIntervalSince1970: 0))
            return request.header("Authorization")
        }
        #expect(authorization(body: "one", contentHash: "UNSIGNED-PAYLOAD") == authorization(body: "two", contentHash: "UNSIGNED-PAYLOAD"))
        #expect(authorization(body: "one", contentHash: nil) != authorization(body: "two", contentHash: nil))
    }

    @Test func hmacMatchesRFC4231() {
        let cases: [([UInt8], String, String)] = [
            (Array(repeating: 0x0b, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (Array("Jefe".utf8), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            // Longer than a block: hashed first.
            (Array(repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ]
        for (key, message, expected) in cases {
            #expect(HMACKey(key).authenticate(Array(message.utf8)).hex == expected)
        }
        #expect(SHA256Hasher.hash([UInt8]()).hex == SigV4Signer.emptyPayloadHash)
    }
}
