import CygniAWS
import CygniClients
import CygniControlPlaneAPI
import CygniModel
import Foundation

/// The rollouts through cygnid: every page of `GET /v1/rollouts`, commands as
/// `POST /v1/rollouts/{id}/commands` with the command's own idempotency key (so a retry, or the
/// same command confirmed twice, is carried out once), and the event stream's rollout changes.
struct ControlPlaneRollouts: Sendable {
    let connection: ControlPlaneConnection
    let worldTime = WorldTime()
    /// Pages followed at most, so a server handing out cursors forever cannot hold cx.
    static let pageLimit = 50

    func rollouts() async throws(ClientError) -> [Rollout] {
        var all: [Rollout] = []
        var cursor: String?
        for _ in 0..<Self.pageLimit {
            let query = "limit=200" + (cursor.map { "&cursor=\(PercentEncoding.encode($0))" } ?? "")
            let page = try await connection.get("/v1/rollouts?\(query)", as: RolloutPage.self)
            worldTime.observe(page.now)
            for document in page.rollouts { all.append(try model(document)) }
            guard let next = page.nextCursor.value else { return all }
            cursor = next
        }
        return all
    }

    /// The world's time; asked of cygnid (a page of one rollout) when no answer has said it yet,
    /// so a command that reads only telemetry (`cx traces`) counts its window in the sandbox's time.
    func worldNow() async -> Date {
        if !worldTime.isObserved, let page = try? await connection.get("/v1/rollouts?limit=1", as: RolloutPage.self) {
            worldTime.observe(page.now)
        }
        return worldTime.now()
    }

    func perform(_ command: OperatorCommand, retry: CommandRetry, failed: @escaping CommandAttemptHandler) async throws -> CommandOutcome {
        let result = try await retry.run({ _ in try await self.attempt(command) }, failed: failed)
        var outcome = result.value
        outcome.attempts = result.attempts
        return outcome
    }

    /// One try: carried out (200), refused by the rollout (409), or a failure that says whether
    /// trying again can help.
    private func attempt(_ command: OperatorCommand) async throws -> CommandOutcome {
        let body = (try? APIJSON.encoder().encode(CommandBody(action: command.kind.rawValue, reason: command.reason))) ?? Data()
        var request = HTTPRequest(method: "POST", url: connection.address.url("/v1/rollouts/\(PercentEncoding.encode(command.rolloutID))/commands"), body: body)
        request.setHeader("Idempotency-Key", command.idempotencyKey)
        let response: HTTPResponse
        do {
            response = try await connection.send(request)
        } catch {
            throw CommandFailure(error.message, isTransient: error.isTransient)
        }
        switch response.status {
        case 200:
            let answer: CommandAnswer
            do {
                answer = try connection.decode(CommandAnswer.self, from: response)
            } catch {
                // Carried out, but the answer is unreadable: asking again with the key replays it.
                throw CommandFailure(error.message, isTransient: true)
            }
            return CommandOutcome(accepted: answer.command.accepted, message: answer.command.message)
        case 409 where connection.errorMessage(response).contains("still being carried out"):
            throw CommandFailure(connection.errorMessage(response), isTransient: true)
        case 409:
            return CommandOutcome(accepted: false, message: connection.errorMessage(response))
        default:
            let failure = connection.failure(response)
            throw CommandFailure(failure.message, isTransient: failure.isTransient)
        }
    }

    /// The event stream's `rollout` events as rollout changes; other events are not the
    /// console's to show.
    func updates() -> AsyncStream<ControlPlaneUpdate> {
        let reader = EventStreamReader(connection: connection)
        return AsyncStream(bufferingPolicy: .bufferingNewest(10_000)) { continuation in
            let task = Task {
                for await update in reader.updates() {
                    switch update {
                    case .connected:
                        continuation.yield(.connected)
                    case .disconnected(let reason, let retryIn):
                        continuation.yield(.disconnected(reason: reason, retryIn: retryIn))
                    case .event(let event):
                        if let change = self.change(event) { continuation.yield(change) }
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A `rollout` event as a change; nil for other events, and for one cx cannot read (the
    /// next read of the rollouts shows it, and says what is wrong with it).
    private func change(_ event: ServerSentEvent) -> ControlPlaneUpdate? {
        guard event.type == "rollout",
            let change = try? APIJSON.decoder().decode(RolloutChange.self, from: Data(event.data.utf8)),
            let rollout = try? model(change.rollout)
        else { return nil }
        var newEvents: [TimelineEvent] = []
        for line in change.newEvents {
            guard let known = try? TimelineEvent(line, rollout: rollout.id) else { continue }
            newEvents.append(known)
        }
        return .rolloutChanged(rollout, newEvents: newEvents, eventID: event.id)
    }

    private func model(_ document: RolloutDocument) throws(ClientError) -> Rollout {
        do {
            return try Rollout(document)
        } catch {
            throw ClientError("cygnid at \(connection.address.host) sent a rollout cx cannot read: \(error)")
        }
    }
}
