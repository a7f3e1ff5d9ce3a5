import CygniModel
import CygniTerminal
import Foundation

/// `cx status --json`: the rollouts as the console sees them, in the contract's shape.
public struct StatusReport: Encodable, Equatable, Sendable {
    public struct Entry: Encodable, Equatable, Sendable {
        public struct Split: Encodable, Equatable, Sendable {
            public var stable: Int
            public var canary: Int
        }

        public var service: String
        public var environment: String
        public var region: String
        public var strategy: String
        public var phase: String
        public var fromVersion: String
        public var toVersion: String
        public var traffic: Split
        public var step: Int
        public var verdict: String
        public var reason: String?
        /// Only for rollouts ECS runs itself; other entries leave the key out.
        public var ecsDeployment: ECSDeploymentStatus?
        /// The evidence behind the verdicts, from the engine that judges the rollout; always
        /// written, null when nothing does, and then `analysisNote` says why.
        public var analysis: RolloutAnalysis?
        public var analysisNote: String?

        /// The rollout as the contract shows it, at the world's time `now`.
        public init(_ rollout: Rollout, now: Date) {
            service = rollout.service
            environment = rollout.environment
            region = rollout.region
            strategy = rollout.strategy.rawValue
            phase = rollout.phase.rawValue
            fromVersion = rollout.fromVersion
            toVersion = rollout.toVersion
            traffic = Split(stable: rollout.traffic.stable, canary: rollout.traffic.canary)
            step = rollout.step
            verdict = rollout.verdict.rawValue
            reason = rollout.reason
            ecsDeployment = rollout.ecsDeployment.map { ECSDeploymentStatus($0, now: now) }
            analysis = rollout.analysis
            analysisNote = rollout.analysis == nil ? rollout.analysisNote ?? Self.noAnalysis : nil
        }

        /// Said of a rollout without an analysis whose source gave no reason.
        public static let noAnalysis = "no engine's judgements of this rollout reached this source"

        private enum CodingKeys: String, CodingKey {
            case service, environment, region, strategy, phase, fromVersion, toVersion, traffic, step, verdict, reason, ecsDeployment
            case analysis, analysisNote
        }

        // Always write `reason`, as null when there is none, so scripts can rely on the key.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(service, forKey: .service)
            try container.encode(environment, forKey: .environment)
            try container.encode(region, forKey: .region)
            try container.encode(strategy, forKey: .strategy)
            try container.encode(phase, forKey: .phase)
            try container.encode(fromVersion, forKey: .fromVersion)
            try container.encode(toVersion, forKey: .toVersion)
            try container.encode(traffic, forKey: .traffic)
            try container.encode(step, forKey: .step)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(reason, forKey: .reason)
            try container.encodeIfPresent(ecsDeployment, forKey: .ecsDeployment)
            try container.encode(analysis, forKey: .analysis)
            try container.encodeIfPresent(analysisNote, forKey: .analysisNote)
        }
    }

    public var source: String
    public var rollouts: [Entry]

    public init(state: DashboardState) {
        source = state.source.label
        rollouts = state.rollouts.map { Entry($0, now: state.now ?? $0.updatedAt) }
    }

    /// Stable, sorted-key JSON: the same state always gives the same bytes.
    public func json() -> String {
        JSONOutput.encode(self)
    }

    /// A table for people.
    public func table() -> String {
        let source = Sanitizer.clean(self.source)
        guard !rollouts.isEmpty else { return "source: \(source)\nno rollouts" }
        var rows = [["SERVICE", "REGION", "STRATEGY", "PHASE", "STEP", "SPLIT", "VERDICT", "REASON"]]
        for entry in rollouts {
            rows.append([
                entry.service, entry.region, entry.strategy, entry.phase, "\(entry.step)",
                "\(entry.traffic.stable)/\(entry.traffic.canary)", entry.verdict, entry.reason ?? "",
            ])
        }
        return "source: \(source)\n" + TextTable.render(rows)
    }
}
