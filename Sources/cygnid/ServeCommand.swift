import ArgumentParser
import CygniControlPlane
import CygniSandbox
import Foundation
import Logging

/// `cygnid serve`: the API on the sandbox world, or on AWS with the engine driving rollouts;
/// the state in SQLite or PostgreSQL; tokens from the HS256 secret or an identity provider's
/// JWKS; HTTP on loopback, or HTTPS.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the control plane API.")

    @Option(help: "Address to listen on, HOST:PORT ([ADDRESS]:PORT for IPv6). Port 0 picks a free one.")
    var listen = "127.0.0.1:7070"

    @Option(help: "Where the state lives: sqlite:PATH or postgres://USER[:PASSWORD]@HOST:PORT/DATABASE (default: $XDG_STATE_HOME/cygni/cygnid.sqlite).")
    var store: String?

    @Flag(help: "Serve the simulated sandbox world (the default).")
    var sandbox = false

    @OptionGroup(title: "AWS")
    var awsOptions: AWSServeOptions

    @Option(help: "Sandbox seed.")
    var seed: UInt64 = 42

    @Option(help: "Sandbox scenario: blue-green, canary-pass, canary-fail, canary-marginal, slo-burn, oom, steady.")
    var scenario = "canary-pass"

    @Option(help: "Sandbox virtual seconds per real second.")
    var speed = 1.0

    @Option(help: "Sandbox: this many more finished rollouts in its past, for long lists (benchmarks, paging).")
    var pastRollouts = 0

    @Option(help: "HS256 secret file (default: $XDG_STATE_HOME/cygni/jwt-secret, created on first start).")
    var jwtSecretFile: String?

    @Option(help: "Verify RS256/ES256 tokens with an identity provider's keys at this JWKS URL (single sign-on) instead of the HS256 secret; needs --issuer and --audience.")
    var jwksUrl: String?

    @Option(help: "Require this issuer (iss claim) on every token.")
    var issuer: String?

    @Option(help: "Require this audience (aud claim) on every token.")
    var audience: String?

    @Option(help: "The claim that holds the role: a role name, or group names mapped with --role-map (e.g. groups, cognito:groups, roles).")
    var roleClaim = "role"

    @Option(help: "VALUE=ROLE: the role claim's value VALUE (e.g. a group) grants ROLE. Repeat for each; when given, only mapped values grant a role.")
    var roleMap: [String] = []

    @Option(help: "TLS certificate chain (PEM): serve HTTPS.")
    var tlsCert: String?

    @Option(help: "TLS private key (PEM), with --tls-cert.")
    var tlsKey: String?

    @Flag(help: "Allow plain HTTP on a non-loopback address (behind a load balancer that terminates TLS).")
    var insecureHttp = false

    func run() async throws {
        let address = try ListenAddress(parsing: listen)
        if awsOptions.aws && sandbox { throw ValidationError("--sandbox and --aws exclude each other: cygnid serves one world") }
        let aws = try awsOptions.worldOptions()
        let tls = try tlsIdentity()
        if tls == nil && !address.isLoopback && !insecureHttp {
            throw ValidationError("refusing to listen on \(address) without TLS: tokens would cross the network in clear text; pass --tls-cert and --tls-key, listen on 127.0.0.1, or pass --insecure-http behind a load balancer that terminates TLS")
        }
        guard let scenario = Scenario(rawValue: scenario) else {
            throw ValidationError("unknown scenario \"\(self.scenario)\" (scenarios: \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard speed > 0, speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000") }
        guard (0...10_000).contains(pastRollouts) else { throw ValidationError("--past-rollouts must be from 0 to 10000") }
        let location = try store.map(StoreLocation.init(parsing:)) ?? StoreLocation.defaultLocation()

        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let logger = Logger(label: "cygnid")

        var sandboxOptions = SandboxOptions(seed: seed, scenario: scenario, speed: speed)
        sandboxOptions.pastRollouts = pastRollouts
        var configuration = ServerConfiguration(listen: address, store: location, sandbox: sandboxOptions, tokens: try tokenPolicy())
        configuration.aws = aws
        configuration.tls = tls
        let server = try await ControlPlaneServer.open(configuration, logger: logger)
        let scheme = tls == nil ? "http" : "https"
        let group = server.serviceGroup(signals: [.sigterm, .sigint]) { bound in
            Self.say("listening on \(scheme)://\(bound)")
        }
        do {
            try await group.run()
        } catch {
            try? await server.close()
            throw error
        }
        try await server.close()
        Self.say("stopped")
    }

    /// The JWKS and its required claims, or the HS256 secret (made on first start, with one line
    /// saying how to make a token).
    private func tokenPolicy() throws -> TokenPolicy {
        let roles = try RoleClaim(name: roleClaim, mappings: roleMap)
        if let jwksUrl {
            if jwtSecretFile != nil { throw ValidationError("--jwks-url and --jwt-secret-file exclude each other: tokens are verified with one kind of key") }
            // A provider signs tokens for every application it serves; only iss and aud tell this one's apart.
            guard let issuer, let audience else {
                throw ValidationError("--jwks-url needs --issuer and --audience (the identity provider's issuer and this server's client or API identifier)")
            }
            return TokenPolicy(keys: .jwks(JWKSEndpoint(url: jwksUrl)), issuer: issuer, audience: audience, roleClaim: roles)
        }
        let secretPath = jwtSecretFile ?? StoreLocation.defaultSecretPath()
        let (secret, created) = try SigningSecret.readOrCreate(at: secretPath)
        if created {
            let fileOption = jwtSecretFile == nil ? "" : " --secret-file \(secretPath)"
            Self.say("created a signing secret in \(secretPath); make a token with: cygnid token\(fileOption) --subject YOUR-NAME --role operator")
        }
        return TokenPolicy(keys: .secret(secret), issuer: issuer, audience: audience, roleClaim: roles)
    }

    private func tlsIdentity() throws -> TLSIdentity? {
        switch (tlsCert, tlsKey) {
        case (nil, nil): return nil
        case (let certificate?, let key?): return try TLSIdentity(certificatePath: certificate, keyPath: key)
        case (nil, _): throw ValidationError("--tls-key needs --tls-cert (the certificate chain it belongs to)")
        case (_, nil): throw ValidationError("--tls-cert needs --tls-key (its private key)")
        }
    }

    /// One line on standard error, apart from the log: what an operator (or a test) waits for.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data("cygnid: \(line)\n".utf8))
    }
}
