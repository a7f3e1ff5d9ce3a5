import Foundation
import Testing

@testable import CygniAWS

/// STS against moto with signature checking on.
struct LiveSTSTests {
    @Test func getCallerIdentityNamesTheRunsUser() async throws {
        let client = try await motoClient()
        let identity = try await STSClient(client).getCallerIdentity()
        #expect(identity.arn.contains(":user/cx-test-"))
        #expect(!identity.account.isEmpty)
    }

    @Test func aWrongSecretIsAnAuthenticationErrorThatDoesNotQuoteTheSecret() async throws {
        let session = try await MotoHarness.shared.session()
        let wrongSecret = "Wr0ngSecretValueThatMustNeverAppear"
        let client = try await motoClient(credentials: Credentials(accessKeyID: session.credentials.accessKeyID, secretAccessKey: wrongSecret))
        let error = try await #require(throws: AWSError.self) { try await STSClient(client).getCallerIdentity() }
        #expect(error.errorClass == .auth)
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.status == 403)
        #expect(!"\(error)".contains(wrongSecret))
        #expect(!String(reflecting: error).contains(wrongSecret))
    }

    @Test func anUnknownKeyIsAnAuthenticationError() async throws {
        let client = try await motoClient(credentials: Credentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "whatever"))
        let error = try await #require(throws: AWSError.self) { try await STSClient(client).getCallerIdentity() }
        #expect(error.errorClass == .auth)
        #expect(error.code == "InvalidClientTokenId")
    }

    @Test func assumeRoleReturnsTemporaryCredentialsThatWork() async throws {
        let client = try await motoClient()
        let credentials = try await STSClient(client).assumeRole(
            AssumeRoleRequest(roleARN: "arn:aws:iam::123456789012:role/deployer", sessionName: "cx-test", profile: "test")
        )
        #expect(credentials.sessionToken != nil)
        #expect(credentials.expiration != nil)
    }
}
