import ArgumentParser
import CygniControlPlane
import Foundation

/// `cygnid token`: prints an HS256 JWT signed with the server's secret.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Print a signed token for the API.")

    @Option(help: "HS256 secret file (default: the one `cygnid serve` created).")
    var secretFile: String?

    @Option(help: "Who the token is for (the sub claim; the audit log names it).")
    var subject: String

    @Option(help: "viewer, operator, deployer or admin.")
    var role: Role

    @Option(help: "Comma-separated environments the token may act in (default: all).")
    var environments: String?

    @Option(help: "Lifetime, e.g. 8h, 30m, 1h30m, 7d.")
    var ttl = "8h"

    @Option(help: "The iss claim, when the server requires one.")
    var issuer: String?

    @Option(help: "The aud claim, when the server requires one.")
    var audience: String?

    func run() async throws {
        guard !subject.isEmpty, subject.count <= 200 else { throw ValidationError("--subject must be 1 to 200 characters") }
        guard let lifetime = TimeSpan.seconds(ttl), lifetime > 0 else {
            throw ValidationError("--ttl \(ttl): expected a duration such as 8h, 30m, 1h30m or 7d")
        }
        let names = environments.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        if let names, names.isEmpty { throw ValidationError("--environments needs at least one name, e.g. staging,production") }
        let secret = try SigningSecret.read(at: secretFile ?? StoreLocation.defaultSecretPath())
        let now = Date()
        let claims = TokenClaims(
            subject: subject, role: role, issuedAt: now, expiresAt: now.addingTimeInterval(lifetime), environments: names,
            issuer: issuer, audience: audience)
        print(try await TokenIssuer(secret: secret).sign(claims))
    }
}

extension Role: ExpressibleByArgument {}
