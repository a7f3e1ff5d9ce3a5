import Foundation
import JWTKit

/// Signs tokens for `cygnid token`, with the secret `serve` verifies them with.
public struct TokenIssuer: Sendable {
    private let keys: JWTKeyCollection

    public init(secret: SigningSecret) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret.bytes), digestAlgorithm: .sha256)
    }

    public func sign(_ claims: TokenClaims) async throws -> String {
        try await keys.sign(claims)
    }
}
