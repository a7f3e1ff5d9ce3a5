import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// `cx doctor`'s checks against moto.
struct LiveDoctorTests {
    @Test func aHealthyAccountHasNoFailingCheck() async throws {
        let client = try await motoClient(region: "ca-central-1")
        _ = try await ECSClient(client).createCluster(name: uniqueName("doctor"))
        _ = try await ACMClient(client).requestCertificate(domainName: "\(uniqueName("app")).example.com")
        let checks = await AWSDoctor(client: client).run()
        let byName = Dictionary(checks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(checks.map(\.name)) == Set(AWSDoctor.checkNames))
        #expect(checks.allSatisfy { $0.status != .fail }, "\(checks.filter { $0.status == .fail })")
        #expect(byName["identity"]?.detail.contains("cx-test-") == true)
        #expect(byName["region"]?.detail.hasPrefix("ca-central-1") == true)
        #expect(byName["ecs"]?.status == .pass)
        #expect(byName["fargate-quota"]?.status == .warn)
        #expect(byName["credentials"]?.detail.contains(client.configuration.region ?? "") == false)
        let session = try await MotoHarness.shared.session()
        let json = String(decoding: try JSONEncoder().encode(["checks": checks]), as: UTF8.self)
        #expect(!json.contains(session.credentials.secretAccessKey))
        #expect(!json.contains(session.credentials.accessKeyID))
    }

    @Test func aSkewedClockFails() async throws {
        let session = try await MotoHarness.shared.session()
        let client = AWSClient(
            configuration: AWSConfiguration(region: "ca-central-1", credentials: .fixed(session.credentials), endpointURL: session.endpoint),
            retryPolicy: .immediate, now: { Date().addingTimeInterval(-600) }
        )
        let checks = await AWSDoctor(client: client).run()
        let clock = try #require(checks.first { $0.name == "clock" })
        #expect(clock.status == .fail)
        #expect(clock.detail.contains("behind"))
    }

    @Test func badCredentialsFailWithAHint() async throws {
        let session = try await MotoHarness.shared.session()
        let client = AWSClient(
            configuration: AWSConfiguration(
                region: "ca-central-1", credentials: .fixed(Credentials(accessKeyID: session.credentials.accessKeyID, secretAccessKey: "wrong-secret-xyz")),
                endpointURL: session.endpoint
            ),
            retryPolicy: .immediate
        )
        let checks = await AWSDoctor(client: client).run()
        let identity = try #require(checks.first { $0.name == "identity" })
        #expect(identity.status == .fail)
        #expect(identity.hint.contains("credentials were rejected"))
        #expect(!checks.contains { $0.detail.contains("wrong-secret-xyz") })
    }

    @Test func cloudWatchAnswers() async throws {
        let client = try await motoClient(region: "ca-central-1")
        let cloudWatch = CloudWatchClient(client)
        let namespace = uniqueName("Cygni")
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        try await cloudWatch.putMetricData(
            namespace: namespace, metricName: "Errors", dimensions: ["Service": "web"],
            points: [(now.addingTimeInterval(-120), 1), (now.addingTimeInterval(-60), 3)]
        )
        let series = try await cloudWatch.getMetricData(
            [MetricQuery(id: "e", namespace: namespace, metricName: "Errors", dimensions: ["Service": "web"], statistic: "Maximum", periodSeconds: 60)],
            start: now.addingTimeInterval(-600), end: now.addingTimeInterval(60)
        )
        // Maximum, not Sum: once, on a loaded machine, moto counted the write twice (sum 8).
        #expect(series.first?.points.map(\.value) == [1, 3], "\(series.first?.points.map { ($0.time.timeIntervalSince1970, $0.value) } ?? []) now \(now.timeIntervalSince1970)")
        _ = try await cloudWatch.describeAlarms()
    }
}
