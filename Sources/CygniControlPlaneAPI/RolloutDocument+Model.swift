import CygniModel
import Foundation

extension Rollout {
    /// The rollout a document describes, back in the model the console shows. A name cx does
    /// not know (a phase from a newer cygnid) is an error naming the field and the value.
    public init(_ document: RolloutDocument) throws(DocumentError) {
        let rollout = document.id
        self.init(
            id: document.id, service: document.service, environment: document.environment, region: document.region,
            strategy: try DocumentError.known(Strategy.self, document.strategy, "strategy", rollout),
            phase: try DocumentError.known(Phase.self, document.phase, "phase", rollout),
            fromVersion: document.fromVersion, toVersion: document.toVersion,
            traffic: TrafficSplit(canary: document.traffic.canary), step: document.step, steps: document.plan.steps,
            bakes: document.plan.bakes ?? [],
            verdict: try DocumentError.known(Verdict.self, document.verdict, "verdict", rollout),
            reason: document.reason.value, startedAt: document.startedAt, updatedAt: document.updatedAt,
            phases: try (document.phases ?? []).map { span throws(DocumentError) in
                PhaseRecord(phase: try DocumentError.known(Phase.self, span.phase, "phases.phase", rollout), step: span.step, start: span.start, end: span.end)
            },
            events: try (document.events ?? []).map { event throws(DocumentError) in try TimelineEvent(event, rollout: rollout) },
            sides: try (document.sides ?? []).map { side throws(DocumentError) in
                VersionStats(
                    role: try DocumentError.known(VersionStats.Role.self, side.role, "sides.role", rollout), version: side.version,
                    requestsPerSecond: side.requestsPerSecond, errorRate: side.errorRate, p99Milliseconds: side.p99Milliseconds,
                    healthyTasks: side.healthyTasks, totalTasks: side.totalTasks, history: side.history)
            },
            metricsError: document.metricsError, ecsDeployment: document.ecsDeployment, analysis: document.analysis?.value,
            analysisNote: document.analysisNote)
    }
}

extension TimelineEvent {
    public init(_ event: RolloutDocument.Event, rollout: String) throws(DocumentError) {
        self.init(
            time: event.time, kind: try DocumentError.known(Kind.self, event.kind, "events.kind", rollout),
            severity: try DocumentError.known(Severity.self, event.severity, "events.severity", rollout),
            message: event.message, actor: event.actor)
    }
}

/// A document cx cannot turn into the model: which rollout, which field, what value.
public struct DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    static func known<Name: RawRepresentable & CaseIterable>(_ type: Name.Type, _ value: String, _ field: String, _ rollout: String) throws(DocumentError) -> Name
    where Name.RawValue == String {
        guard let name = Name(rawValue: value) else {
            let printable = value.count <= 40 && value.allSatisfy { $0.isASCII && !$0.isNewline } ? "\"\(value)\"" : "(unprintable)"
            throw DocumentError("rollout \(rollout): \(field) \(printable) is not one of \(Name.allCases.map(\.rawValue).joined(separator: ", ")) (a newer cygnid than this cx?)")
        }
        return name
    }
}
