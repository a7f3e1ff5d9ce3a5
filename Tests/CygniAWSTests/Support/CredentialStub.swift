import Foundation

@testable import CygniAWS

/// scripts/credential-stub.py: canned answers for the credential endpoints moto does not serve.
/// One process per stub, so suites running in parallel never share routes.
struct CredentialStub {
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    let endpoint: String

    static func start() throws -> CredentialStub {
        let stub = try Subprocess.spawn(["python3", RepositoryPaths.script("credential-stub.py")])
        ChildProcesses.track(stub.pid)
        guard let line = stub.firstLine(timeout: 30), let port = Int(line) else {
            throw MotoHarness.StartFailure(description: "scripts/credential-stub.py did not print its port")
        }
        return CredentialStub(endpoint: "http://127.0.0.1:\(port)")
    }

    func route(_ method: String, _ path: String, status: Int = 200, body: String, contentType: String = "application/json") async throws {
        let route: JSONValue = [
            "method": .string(method), "path": .string(path), "status": .number(Double(status)), "body": .string(body),
            "contentType": .string(contentType),
        ]
        let response = try await HTTPTransport.curl.send(
            HTTPRequest(method: "POST", url: endpoint + "/__stub__/route", body: route.serialized), .default
        )
        guard response.status == 200 else { throw MotoHarness.StartFailure(description: "the credential stub refused a route") }
    }

    func requests() async throws -> [Request] {
        let response = try await HTTPTransport.curl.send(HTTPRequest(method: "GET", url: endpoint + "/__stub__/requests"), .default)
        return try JSONValue.parse(response.body).array.map { seen in
            Request(
                method: seen["method"]?.string ?? "", path: seen["path"]?.string ?? "",
                headers: seen["headers"]?.object.compactMapValues(\.string) ?? [:], body: seen["body"]?.string ?? ""
            )
        }
    }
}
