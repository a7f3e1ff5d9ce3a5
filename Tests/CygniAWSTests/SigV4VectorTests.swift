import Foundation
import Testing

@testable import CygniAWS

/// Vectors produced by botocore's SigV4Auth (scripts/generate-sigv4-vectors.py); the signer must
/// agree with it byte for byte.
struct SigV4VectorTests {
    struct Document: Decodable {
        let botocore: String
        let vectors: [Vector]
    }

    struct Vector: Decodable, CustomTestStringConvertible {
        struct Request: Decodable {
            let method: String
            let url: String
            let headers: [[String]]
            let body: String
        }

        struct Expected: Decodable {
            let canonicalRequest: String
            let stringToSign: String
            let authorization: String
            let addedHeaders: [[String]]
        }

        let name: String
        let request: Request
        let accessKeyId: String
        let secretAccessKey: String
        let sessionToken: String?
        let region: String
        let service: String
        let time: String
        let expected: Expected

        var testDescription: String { name }

        var date: Date {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            return formatter.date(from: time)!
        }

        var httpRequest: HTTPRequest {
            HTTPRequest(
                method: request.method, url: request.url,
                headers: request.headers.map { ($0[0], $0[1]) },
                body: Data(base64Encoded: request.body)!
            )
        }

        var credentials: Credentials {
            Credentials(accessKeyID: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
        }
    }

    static let vectors: [Vector] = {
        let url = Bundle.module.url(forResource: "sigv4-vectors", withExtension: "json", subdirectory: "Vectors")!
        return try! JSONDecoder().decode(Document.self, from: Data(contentsOf: url)).vectors
    }()

    @Test func theFileHoldsVectors() {
        #expect(Self.vectors.count >= 25)
    }

    @Test(arguments: vectors)
    func authorizationMatchesBotocore(_ vector: Vector) {
        var request = vector.httpRequest
        SigV4Signer().sign(&request, credentials: vector.credentials, region: vector.region, service: vector.service, date: vector.date)
        #expect(request.header("Authorization") == vector.expected.authorization)
        for pair in vector.expected.addedHeaders {
            #expect(request.header(pair[0]) == pair[1])
        }
    }

    @Test(arguments: vectors)
    func canonicalRequestAndStringToSignMatchBotocore(_ vector: Vector) {
        var request = vector.httpRequest
        request.setHeader("X-Amz-Date", vector.time)
        if let token = vector.sessionToken { request.setHeader("X-Amz-Security-Token", token) }
        let payloadHash = request.body.isEmpty ? SigV4Signer.emptyPayloadHash : SHA256Hasher.hash(request.body).hex
        let canonical = CanonicalRequest(request, endpoint: Endpoint(request.url)!, payloadHash: payloadHash)
        #expect(canonical.text == vector.expected.canonicalRequest)
        let scope = "\(vector.time.prefix(8))/\(vector.region)/\(vector.service)/aws4_request"
        #expect(SigV4Signer.stringToSign(canonical: canonical, timestamp: vector.time, scope: scope) == vector.expected.stringToSign)
    }

    @Test func aCachedSigningKeyIsNotReusedAfterTheSecretChanges() {
        let signer = SigV4Signer()
        let vector = Self.vectors[0]
        var first = vector.httpRequest
        signer.sign(&first, credentials: vector.credentials, region: vector.region, service: vector.service, date: vector.date)
        var rotated = vector.credentials
        rotated.secretAccessKey = "another-secret"
        var second = vector.httpRequest
        signer.sign(&second, credentials: rotated, region: vector.region, service: vector.service, date: vector.date)
        #expect(first.header("Authorization") != second.header("Authorization"))
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let credentials = Credentials(accessKeyID: "AKIAEXAMPLEKEY1234", secretAccessKey: "s3cr3t/value", sessionToken: "t0ken")
        let texts = ["\(credentials)", String(describing: credentials), String(reflecting: credentials), {
            var out = ""
            dump(credentials, to: &out)
            return out
        }()]
        for text in texts {
            #expect(!text.contains("s3cr3t"))
            #expect(!text.contains("t0ken"))
            #expect(!text.contains("AKIAEXAMPLEKEY"))
        }
    }
}
