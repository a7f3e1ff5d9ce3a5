import CygniHarness
import Foundation
import Testing

/// `cygnid serve --tls-cert --tls-key`: HTTPS on loopback with a self-signed certificate made by
/// openssl, checked by curl against that certificate; wrong or missing files refused with their
/// names before anything listens.
@Suite(.serialized) struct CygnidTLSProcessTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CygnidProcess.binary), "build cygnid first (swift build --product cygnid) or set CYGNID_BINARY; looked at \(CygnidProcess.binary)")
    }

    /// A self-signed certificate for 127.0.0.1 and its key, in `folder`.
    private func certificate(in folder: String, name: String) async throws -> (certificate: String, key: String) {
        let certificate = "\(folder)/\(name).crt"
        let key = "\(folder)/\(name).key"
        let made = await ProgramRun.runAside([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        try #require(made.status == 0, "openssl req: \(made.output)")
        return (certificate, key)
    }

    @Test func servesHTTPSThatCurlTrustsWithTheCertificate() async throws {
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (certificate, key) = try await certificate(in: home, name: "cygnid")
        let server = try CygnidProcess(serve: ["--sandbox", "--tls-cert", certificate, "--tls-key", key], stateHome: home)
        try await server.waitUntilListening(scheme: "https")
        let url = "https://127.0.0.1:\(server.port)/healthz"

        let trusted = await ProgramRun.runAside(["curl", "-sS", "--max-time", "10", "--cacert", certificate, "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(trusted.status == 0, "\(trusted.output)")
        #expect(trusted.output == "200", "\(trusted.output)")
        // Without the certificate, curl refuses the unknown issuer: the server really speaks TLS.
        let untrusted = await ProgramRun.runAside(["curl", "-sS", "--max-time", "10", "-o", "/dev/null", url])
        #expect(untrusted.status == 60, "curl's certificate error: \(untrusted.output)")
        // And an authenticated call over it, with a token from `cygnid token`.
        let made = await CygnidProcess.run(["token", "--subject", "tess", "--role", "viewer", "--ttl", "10m"], stateHome: home)
        let token = made.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let listed = await ProgramRun.runAside([
            "curl", "-sS", "--max-time", "10", "--cacert", certificate, "-H", "Authorization: Bearer \(token)",
            "https://127.0.0.1:\(server.port)/v1/rollouts",
        ])
        #expect(listed.status == 0 && listed.output.contains("\"rollouts\""), "\(listed.output)")
        #expect(await server.stop(with: SIGTERM) == 0, "\(server.output)")
    }

    @Test func wrongOrMissingTLSFilesAreRefusedByName() async throws {
        let home = try CygnidProcess.stateHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let first = try await certificate(in: home, name: "first")
        let second = try await certificate(in: home, name: "second")
        let mismatched = await CygnidProcess.run(["serve", "--tls-cert", first.certificate, "--tls-key", second.key], stateHome: home)
        #expect(mismatched.status != 0)
        #expect(mismatched.output.contains("the TLS private key \(second.key) does not belong to the certificate \(first.certificate)"), "\(mismatched.output)")
        let missing = await CygnidProcess.run(["serve", "--tls-cert", "\(home)/nowhere.crt", "--tls-key", first.key], stateHome: home)
        #expect(missing.output.contains("cannot read the TLS certificate \(home)/nowhere.crt"), "\(missing.output)")
        let notPEM = await CygnidProcess.run(["serve", "--tls-cert", first.key, "--tls-key", first.key], stateHome: home)
        #expect(notPEM.output.contains("the TLS certificate \(first.key) is not a PEM certificate chain"), "\(notPEM.output)")
        let half = await CygnidProcess.run(["serve", "--tls-cert", first.certificate], stateHome: home)
        #expect(half.output.contains("--tls-cert needs --tls-key"), "\(half.output)")
    }
}
