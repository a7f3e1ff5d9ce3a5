import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// Route 53's restXml GETs against moto with signature checking on.
struct LiveRoute53Tests {
    @Test func hostedZonesAreListedAcrossPages() async throws {
        let client = try await motoClient()
        let names = (0..<5).map { _ in "\(uniqueName("zone")).example.com." }
        for name in names { try await createHostedZone(name, client: client) }

        var route53 = Route53Client(client)
        route53.pageSize = 2
        let zones = try await route53.listHostedZones()

        let listed = zones.map(\.name)
        #expect(Set(names).isSubset(of: Set(listed)), "\(listed)")
        #expect(listed.count == Set(zones.map(\.id)).count, "a zone was listed twice")
        #expect(zones.filter { names.contains($0.name) }.allSatisfy { !$0.isPrivate && $0.id.hasPrefix("/hostedzone/") })
    }

    @Test func theDoctorCountsHostedZones() async throws {
        let client = try await motoClient(region: "ca-central-1")
        try await createHostedZone("\(uniqueName("doctor")).example.com.", client: client)
        let check = try #require(await AWSDoctor(client: client).run().first { $0.name == "route53" })
        #expect(check.status == .pass)
        #expect(check.detail.contains("hosted zone"))
    }

    /// The product never creates zones; the test builds the call by hand.
    private func createHostedZone(_ name: String, client: AWSClient) async throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">\
            <Name>\(name)</Name><CallerReference>\(UUID().uuidString)</CallerReference>\
            </CreateHostedZoneRequest>
            """
        let response = try await client.send(
            OperationCall(
                service: .route53, operation: "CreateHostedZone", method: "POST", path: "/2013-04-01/hostedzone",
                headers: [("Content-Type", "application/xml")], body: Data(body.utf8), isIdempotent: false
            )
        )
        #expect(response.status == 201)
    }
}
