import CygniControlPlaneAPI
import CygniModel
import Foundation
import Testing

/// A rollout through the API and back: what the console shows from cygnid is what the world had.
@Suite struct RolloutDocumentTests {
    @Test func ECSsOwnWordsComeBackWhole() throws {
        let expires = Date(timeIntervalSince1970: 1_796_608_800)
        let report = ECSDeploymentReport(
            arn: "arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/checkout/abc", strategy: "CANARY", status: "IN_PROGRESS",
            statusReason: nil, lifecycleStage: "PRODUCTION_TRAFFIC_SHIFT",
            plan: [ECSDeploymentReport.Shift(percent: 10, bakeMinutes: 4), ECSDeploymentReport.Shift(percent: 100, bakeMinutes: 2)],
            revisions: [
                ECSDeploymentReport.Revision(role: .source, arn: "rev/1", version: "1.4.2", productionWeight: 90, testWeight: 0, runningTasks: 4, requestedTasks: 4, pendingTasks: 0),
                ECSDeploymentReport.Revision(role: .target, arn: "rev/2", version: "1.5.0", productionWeight: 10, testWeight: 100, runningTasks: 4, requestedTasks: 4, pendingTasks: 0),
            ],
            hooks: [ECSDeploymentReport.Hook(id: "hook-2", targetType: "PAUSE", status: "AWAITING_ACTION", expiresAt: expires, timeoutAction: "ROLLBACK")],
            pauseStages: ["PRE_PRODUCTION_TRAFFIC_SHIFT"], circuitBreaker: ECSDeploymentReport.Monitor(status: "MONITORING", failureCount: 0, threshold: 3),
            alarms: nil, rollback: nil)
        let rollout = Rollout(
            id: "checkout-1", service: "checkout", environment: "prod", region: "eu-west-1", strategy: .canary, phase: .paused,
            fromVersion: "1.4.2", toVersion: "1.5.0", traffic: TrafficSplit(canary: 10), step: 0, steps: [10, 100], startedAt: expires, updatedAt: expires,
            ecsDeployment: report)
        let wire = try APIJSON.encoder().encode(RolloutDocument(rollout))
        let back = try Rollout(try APIJSON.decoder().decode(RolloutDocument.self, from: wire))
        #expect(back.ecsDeployment == report)
        #expect(back.ecsDeployment?.waitingHook?.expiresAt == expires)
    }
}
