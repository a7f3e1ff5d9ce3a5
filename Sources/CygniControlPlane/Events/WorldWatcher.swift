import CygniControlPlaneAPI
import CygniModel
import CygniRollout
import Foundation
import Logging
import ServiceLifecycle

/// Follows the world for the event log and the audit chain: each tick it reads the rollouts and
/// logs a `rollout` event for each one that changed, and it writes the engine's own decisions to
/// the audit chain as `engine`. On graceful shutdown it stops and ends every event stream first,
/// so the HTTP server can drain.
struct WorldWatcher: Service {
    let world: WorldBackend
    let store: any ControlPlaneStore
    let events: EventHub
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await auditEngineDecisions() }
            // The engine's owners announce their own changes with each commit.
            if world.runner == nil { group.addTask { await followRollouts() } }
            // Either loop ends only when cancelled: wait for the graceful shutdown, then stop both.
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await events.closeAll()
    }

    private func auditEngineDecisions() async {
        for await entries in world.engineDecisions {
            for entry in entries {
                let draft = AuditDraft(
                    timeMilliseconds: Clock.milliseconds(), actor: "engine", rolloutID: entry.rolloutID, action: entry.action,
                    outcome: entry.accepted ? .accepted : .refused, reason: entry.reason,
                    detail: "\(entry.fromPhase.rawValue) -> \(entry.toPhase.rawValue), canary \(entry.fromCanaryPercent)% -> \(entry.toCanaryPercent)%")
                do {
                    try await store.appendAudit(draft)
                } catch {
                    logger.error("engine decision not audited", metadata: ["rollout": "\(entry.rolloutID)", "error": "\(error)"])
                }
            }
            if Task.isCancelled { return }
        }
    }

    private func followRollouts() async {
        var seen: [String: RolloutFingerprint] = [:]
        var first = true
        while !Task.isCancelled {
            do {
                let rollouts = try await world.controlPlane.rollouts()
                var logged = false
                for rollout in rollouts {
                    let now = RolloutFingerprint(rollout)
                    defer { seen[rollout.id] = now }
                    // The first look is the baseline: a restart does not announce every rollout again.
                    let before = seen[rollout.id] ?? RolloutFingerprint.none
                    guard !first, before != now else { continue }
                    let change = RolloutChange(rollout: RolloutDocument(rollout, events: false), newEvents: Array(rollout.events.dropFirst(before.eventCount)).map(RolloutDocument.Event.init))
                    try await store.appendEvent(EventDraft(
                        type: "rollout", data: String(decoding: JSONBody.encode(change), as: UTF8.self), timeMilliseconds: Clock.milliseconds()))
                    logged = true
                }
                first = false
                if logged { await events.notify() }
            } catch {
                logger.warning("could not read the world's rollouts", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
