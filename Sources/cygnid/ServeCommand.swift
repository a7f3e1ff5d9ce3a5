import ArgumentParser
import CygniControlPlane
import CygniSandbox
import Foundation
import Logging

/// `cygnid serve`: the API on the sandbox world, or on AWS with the engine driving rollouts;
/// the state in SQLite or PostgreSQL.
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

    @Option(help: "Sandbox scenario: blue-green, canary-pass, canary-fail, slo-burn, oom, steady.")
    var scenario = "canary-pass"

    @Option(help: "Sandbox virtual seconds per real second.")
    var speed = 1.0

    @Option(help: "Sandbox: this many more finished rollouts in its past, for long lists (benchmarks, paging).")
    var pastRollouts = 0

    @Option(help: "HS256 secret file (default: $XDG_STATE_HOME/cygni/jwt-secret, created on first start).")
    var jwtSecretFile: String?

    @Option(help: "Require this issuer (iss claim) on every token.")
    var issuer: String?

    @Option(help: "Require this audience (aud claim) on every token.")
    var audience: String?

    @Option(help: "TLS certificate (PEM). TLS is not supported yet.")
    var tlsCert: String?

    @Option(help: "TLS private key (PEM). TLS is not supported yet.")
    var tlsKey: String?

    @Flag(help: "Allow plain HTTP on a non-loopback address (behind a load balancer that terminates TLS).")
    var insecureHttp = false

    func run() async throws {
        let address = try ListenAddress(parsing: listen)
        if awsOptions.aws && sandbox { throw ValidationError("--sandbox and --aws exclude each other: cygnid serves one world") }
        let aws = try awsOptions.worldOptions()
        if tlsCert != nil || tlsKey != nil {
            throw ValidationError("TLS is not supported yet (--tls-cert, --tls-key): terminate TLS in front of cygnid and pass --insecure-http, or listen on loopback")
        }
        if !address.isLoopback && !insecureHttp {
            throw ValidationError("refusing to listen on \(address) without TLS: tokens would cross the network in clear text; listen on 127.0.0.1, or pass --insecure-http behind a load balancer that terminates TLS")
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

        let secretPath = jwtSecretFile ?? StoreLocation.defaultSecretPath()
        let (secret, created) = try SigningSecret.readOrCreate(at: secretPath)
        if created {
            let fileOption = jwtSecretFile == nil ? "" : " --secret-file \(secretPath)"
            Self.say("created a signing secret in \(secretPath); make a token with: cygnid token\(fileOption) --subject YOUR-NAME --role operator")
        }

        var sandboxOptions = SandboxOptions(seed: seed, scenario: scenario, speed: speed)
        sandboxOptions.pastRollouts = pastRollouts
        var configuration = ServerConfiguration(
            listen: address, store: location, sandbox: sandboxOptions, secret: secret, issuer: issuer, audience: audience)
        configuration.aws = aws
        let server = try await ControlPlaneServer.open(configuration, logger: logger)
        let group = server.serviceGroup(signals: [.sigterm, .sigint]) { bound in
            Self.say("listening on http://\(bound)")
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

    /// One line on standard error, apart from the log: what an operator (or a test) waits for.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data("cygnid: \(line)\n".utf8))
    }
}
