import Foundation
import Testing

@testable import CygniControlPlane

/// The cache of verified tokens in front of the verifier: a good token is verified once, a
/// refused one every time (each refusal is audited), one without `exp` is never kept.
@Suite struct VerifiedTokensTests {
    private actor Calls {
        var count = 0
        func add() { count += 1 }
    }

    @Test func aGoodTokenIsVerifiedOnceAndARefusedOneEveryTime() async throws {
        let tokens = VerifiedTokens()
        let calls = Calls()
        let principal = Principal(subject: "vera", role: .viewer, environments: nil)
        let good = "Bearer " + (try await Tokens.sign(secret: try Tokens.otherSecret(), role: .viewer, subject: "vera"))
        for _ in 0..<3 {
            let found = try await tokens.principal(authorization: good) { _ in
                await calls.add()
                return principal
            }
            #expect(found == principal)
        }
        #expect(await calls.count == 1)

        for _ in 0..<2 {
            await #expect(throws: APIError.self) {
                try await tokens.principal(authorization: "Bearer not.a-token.at-all") { _ throws(APIError) in
                    await calls.add()
                    throw APIError.unauthorized("refused")
                }
            }
        }
        #expect(await calls.count == 3)

        // No exp to bound the entry by: asked every time.
        let timeless = "Bearer " + Tokens.base64URL(#"{"alg":"HS256"}"#) + "." + Tokens.base64URL(#"{"sub":"tim"}"#) + ".c2ln"
        for _ in 0..<2 { _ = try await tokens.principal(authorization: timeless) { _ in await calls.add(); return principal } }
        #expect(await calls.count == 5)
    }
}
