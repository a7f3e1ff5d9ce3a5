import CygniAWS
import CygniClients
import CygniControlPlane
import CygniControlPlaneSource
import CygniModel
import Foundation
import Testing

/// cx's control-plane client against cygnid in this process, over real HTTP on loopback: the
/// rollouts as the server holds them, commands exactly once per key, pushed changes, and 401s
/// and 403s as one line that never repeats the token.
@Suite struct ControlPlaneClientTests {
    private func clients(_ server: TestServer, _ token: String) throws -> Clients {
        let address = try ControlPlaneAddress(parsing: "http://127.0.0.1:\(server.port)")
        return .controlPlane(ControlPlaneConnection(address: address, token: try BearerToken(token, origin: "CYGNI_TOKEN")))
    }

    @Test func rolloutsArriveWithTheirPlanPhasesAndSides() async throws {
        let server = try await TestServer.start(speed: 60)
        let viewer = try await server.token(.viewer, subject: "vera")
        let clients = try clients(server, viewer)
        #expect(clients.source.label == "cygnid 127.0.0.1:\(server.port) · vera (viewer)")
        let rollouts = try await clients.controlPlane.rollouts()
        let checkout = try #require(rollouts.first { $0.service == "checkout" && $0.isActive }, "\(rollouts.map(\.service))")
        #expect(checkout.steps == [5, 25, 50, 100])
        #expect(checkout.bakes == [300, 300, 300, 300])
        #expect(!checkout.phases.isEmpty)
        #expect(checkout.sides.map(\.role) == [.stable, .canary])
        #expect(!checkout.events.isEmpty)
        // The same rollout as the API's own document says it (in the fields that do not move).
        let document = try await server.rollout(checkout.id)
        #expect(document["fromVersion"] as? String == checkout.fromVersion)
        #expect(document["toVersion"] as? String == checkout.toVersion)
        #expect((document["plan"] as? [String: Any])?["bakes"] as? [Double] == checkout.bakes)
        #expect((document["sides"] as? [[String: Any]])?.map { $0["version"] as? String } == checkout.sides.map(\.version))
        // Durations count in the world's (virtual) time, which the page says.
        let worldNow = await clients.clock.now()
        #expect(abs(worldNow.timeIntervalSince(checkout.updatedAt)) < 3_600, "world time \(worldNow) vs rollout \(checkout.updatedAt)")
        try await server.stop()
    }

    /// The rollout object carries the engine's analysis, and the console's client reads it as
    /// the API wrote it: the failed canary's verdict, reason, failing metric and p-value.
    @Test func theAnalysisArrivesAsTheEngineDecidedIt() async throws {
        let server = try await TestServer.start(speed: 200, scenario: "canary-fail")
        let clients = try clients(server, try await server.token(.viewer, subject: "vera"))
        var judged: Rollout?
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while judged == nil, ContinuousClock.now < deadline {
            judged = try await clients.controlPlane.rollouts().first { $0.service == "checkout" && $0.analysis?.latest != nil }
            if judged == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        let rollout = try #require(judged, "the canary was never judged")
        let latest = try #require(rollout.analysis?.latest)
        #expect(latest.verdict == .fail && rollout.verdict == .fail)
        #expect(rollout.reason?.hasSuffix(latest.reason) == true, "\(rollout.reason ?? "")")
        let failing = latest.metrics.filter(\.classification.failed)
        #expect(failing.map(\.name) == ["error_rate"])
        let document = try await server.rollout(rollout.id)
        let analysis = try #require(document["analysis"] as? [String: Any])
        let written = try #require(analysis["latest"] as? [String: Any])
        #expect(written["reason"] as? String == latest.reason)
        let writtenMetric = try #require((written["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "error_rate" })
        #expect(writtenMetric["pValue"] as? Double == failing.first?.pValue)
        #expect(writtenMetric["classification"] as? String == "high")
        try await server.stop()
    }

    /// The panes' reads through cygnid hold what its routes serve: SLOs, traces after the last
    /// one seen (none twice), a trace's lines, the cost report, spend, and cygnid's checks.
    @Test func telemetryArrivesAsCygnidServesIt() async throws {
        let server = try await TestServer.start(speed: 60)
        let clients = try clients(server, try await server.token(.viewer, subject: "vera"))
        let slos = try await clients.telemetry.slos()
        let served = try #require(try await server.send("GET", "/v1/slo", token: try await server.token(.viewer)).json?["slos"] as? [[String: Any]])
        // A rollout's SLO names its phase, which may move between the two reads.
        let unphased = { (name: String) in name.replacingOccurrences(of: #", at [a-z]+\)"#, with: ")", options: .regularExpression) }
        #expect(slos.map { unphased($0.name) } == served.compactMap { ($0["name"] as? String).map(unphased) })
        #expect(slos.allSatisfy { $0.burnRates.count == 4 })

        var traces: [Trace] = []
        #expect(await eventually { traces = (try? await clients.telemetry.traces(nil)) ?? []; return traces.count >= 2 })
        let last = try #require(traces.last)
        let later = try await clients.telemetry.traces(last.start)
        #expect(later.allSatisfy { $0.start > last.start && !traces.map(\.id).contains($0.id) }, "a trace came twice")
        #expect(last.spans.allSatisfy { !$0.name.isEmpty } && !last.spans.isEmpty)

        let lines = try await clients.telemetry.logsForTrace(last.id, nil)
        #expect(lines.allSatisfy { $0.traceID == last.id })
        let logs = try await clients.telemetry.logs(nil)
        #expect(!logs.isEmpty)
        let cost = try await clients.cost.report()
        #expect(cost.services.contains { $0.service == "checkout" })
        let spend = try await clients.spend.spend(SpendQuery(days: 7, grouping: .service))
        #expect(spend.usage.days.count == 7)
        let checks = await clients.doctor.run(5)
        #expect(checks.contains { $0.name == "cygnid source" && $0.status == .pass }, "\(checks)")
        try await server.stop()

        // cygnid gone: a transient failure, so panes keep their data and show its age.
        await #expect { try await clients.telemetry.slos() } throws: { ($0 as? ClientError)?.isTransient == true }
    }

    @Test func pauseAndResumeAreCarriedOutOncePerKeyAndPushed() async throws {
        let server = try await TestServer.start(speed: 1)
        let deployer = try await server.token(.deployer, subject: "dan")
        let clients = try clients(server, deployer)
        let updates = try #require(clients.controlPlane.updates)
        let collected = Collected()
        let following = Task {
            for await update in updates() { collected.add(update) }
        }
        #expect(await eventually { collected.connected })
        let checkout = try #require(try await clients.controlPlane.rollouts().first { $0.service == "checkout" && $0.isActive })
        let pause = OperatorCommand(kind: .pause, rolloutID: checkout.id, service: "checkout", reason: "looking", actor: "operator:dan", idempotencyKey: "client-pause-1")
        let first = try await clients.controlPlane.performOnce(pause)
        #expect(first.accepted, "\(first.message)")
        let again = try await clients.controlPlane.performOnce(pause)
        #expect(again == first, "the same key answers the same")
        #expect(await eventually { collected.phases(of: checkout.id).contains(.paused) }, "no pushed change to paused: \(collected.phases(of: checkout.id))")
        let resume = OperatorCommand(kind: .resume, rolloutID: checkout.id, service: "checkout", reason: nil, actor: "operator:dan", idempotencyKey: "client-resume-1")
        #expect(try await clients.controlPlane.performOnce(resume).accepted)
        #expect(await eventually { collected.phases(of: checkout.id).last != .paused })
        let pauses = try await server.auditEntries().filter { $0["action"] as? String == "pause" && $0["actor"] as? String == "dan" }
        #expect(pauses.count == 1, "one pause in the audit chain, not \(pauses.count)")
        following.cancel()
        try await server.stop()
    }

    @Test func refusalsAreOneLineThatNeverRepeatsTheToken() async throws {
        let server = try await TestServer.start()
        let operatorToken = try await server.token(.operator, subject: "olive")
        let rollout = try #require(try await clients(server, operatorToken).controlPlane.rollouts().first(where: \.isActive))
        let promote = OperatorCommand(kind: .promote, rolloutID: rollout.id, service: rollout.service, reason: nil, actor: "operator:olive", idempotencyKey: "client-promote-1")
        do {
            _ = try await clients(server, operatorToken).controlPlane.performOnce(promote)
            Issue.record("an operator promoted")
        } catch CommandRetry.Ending.permanent(let failure, _) {
            #expect(failure.message == "role operator may not promote")
        }

        let expired = try await Tokens.sign(secret: server.secret, role: .operator, subject: "olive", ttl: 60, issuedAt: Date().addingTimeInterval(-300))
        await expectRefusal(try clients(server, expired), saying: "token expired 4 min ago: make a new one with cygnid token --subject olive --role operator", token: expired)
        let forged = try await Tokens.sign(secret: try Tokens.otherSecret(), role: .admin, subject: "mallory")
        await expectRefusal(try clients(server, forged), saying: "cygnid does not accept CYGNI_TOKEN: token signature does not verify with this server's key; make a new one with cygnid token --subject mallory --role admin", token: forged)
        try await server.stop()
    }

    private func expectRefusal(_ clients: Clients, saying expected: String, token: String, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            _ = try await clients.controlPlane.rollouts()
            Issue.record("accepted", sourceLocation: sourceLocation)
        } catch let error as ClientError {
            #expect(error.message == expected, sourceLocation: sourceLocation)
            #expect(!error.message.contains(token), sourceLocation: sourceLocation)
            #expect(!error.isTransient, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aTokenFileOthersCanReadIsRefusedNamingItsMode() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cygni-token-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "not.a.secret\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: TokenError("the token file \(path) is readable by group or others (mode 644); run chmod 600 \(path)")) {
            try BearerToken.read(file: path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let token = try BearerToken.read(file: path)
        #expect(token.value == "not.a.secret")
        #expect(!token.description.contains("secret"), "a token's description never holds the token")
        #expect(throws: TokenError.self) { try BearerToken.read(file: path + "-missing") }
    }

    /// A new token comes from where the old one did: `cygnid token` for cygnid's own (HS256),
    /// the identity provider for one it signed (RS256, ES256).
    @Test func theRenewalHintNamesWhereTheTokenCameFrom() throws {
        let claims = Tokens.base64URL(#"{"sub":"ida","role":"deployer","exp":1}"#)
        let own = try BearerToken("\(Tokens.base64URL(#"{"alg":"HS256"}"#)).\(claims).sig", origin: "CYGNI_TOKEN")
        #expect(own.renewal == "cygnid token --subject ida --role deployer")
        #expect(own.holder == "ida (deployer)")
        let provided = try BearerToken("\(Tokens.base64URL(#"{"alg":"RS256","kid":"k1"}"#)).\(claims).sig", origin: "CYGNI_TOKEN")
        #expect(provided.renewal.hasPrefix("your identity provider"))
    }

    @Test func plainHTTPIsForLoopbackOnly() throws {
        #expect(throws: ControlPlaneAddressError.self) { try ControlPlaneAddress(parsing: "http://10.1.2.3:7070") }
        #expect(throws: ControlPlaneAddressError.self) { try ControlPlaneAddress(parsing: "127.0.0.1:7070") }
        let behindALoadBalancer = try ControlPlaneAddress(parsing: "https://cygnid.example.com/cygni/")
        #expect(behindALoadBalancer.url("/v1/rollouts") == "https://cygnid.example.com/cygni/v1/rollouts")
        #expect(behindALoadBalancer.host == "cygnid.example.com")
    }
}

/// What a client's update stream delivered, for a test to look at while it runs.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var updates: [ControlPlaneUpdate] = []

    func add(_ update: ControlPlaneUpdate) { lock.withLock { updates.append(update) } }

    var all: [ControlPlaneUpdate] { lock.withLock { updates } }
    var connected: Bool { all.contains(.connected) }

    func phases(of id: String) -> [Phase] {
        all.compactMap { update in
            if case .rolloutChanged(let rollout, _, _) = update, rollout.id == id { return rollout.phase }
            return nil
        }
    }

    /// The event ids of the rollout changes, in the order they came.
    var eventIDs: [Int64] {
        all.compactMap { update in
            if case .rolloutChanged(_, _, let id) = update { return id.flatMap { Int64($0) } }
            return nil
        }
    }
}
