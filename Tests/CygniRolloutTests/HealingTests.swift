import CygniModel
import Foundation
import Testing
@testable import CygniRollout

@Suite("Self-healing")
struct HealingTests {
    func stopped(_ reason: String?, exit: Int?, kind: TaskEvent.Kind = .stopped) -> TaskEvent {
        TaskEvent(time: Date(), service: "s", version: "v2", taskID: "t", kind: kind, exitCode: exit, stoppedReason: reason)
    }

    @Test func classifiesStoppedTasks() {
        #expect(TaskFailure(stopped("OutOfMemoryError: Container killed due to memory usage", exit: 137)) == .outOfMemory)
        #expect(TaskFailure(stopped("Essential container in task exited", exit: 137)) == .essentialContainerExited(exitCode: 137))
        #expect(TaskFailure(stopped("Task failed ELB health checks in (target-group arn)", exit: nil)) == .failedHealthCheck)
        #expect(TaskFailure(stopped(nil, exit: nil, kind: .healthCheckFailed)) == .failedHealthCheck)
        #expect(TaskFailure(stopped("Essential container in task exited", exit: 1)) == .essentialContainerExited(exitCode: 1))
        #expect(TaskFailure(stopped("Scaling activity initiated by (deployment ecs-svc/123)", exit: 0)) == nil)
        #expect(TaskFailure(stopped(nil, exit: nil, kind: .started)) == nil)
    }

    @Test func backoffDoublesUpToTheCap() {
        let policy = HealingPolicy(backoffBase: 10, backoffCap: 60)
        #expect((1...5).map(policy.backoff(afterFailures:)) == [10, 20, 40, 60, 60])
    }

    @Test func memoryRecommendationUsesFargateSizesAndPrices() {
        let fleet = FleetSpec(desiredCount: 4, vCPU: 0.25, memoryGB: 0.5)
        let advice = MemoryRecommendation.after(oomKills: 3, version: "v2", fleet: fleet)
        #expect(advice.toMemoryGB == 1 && advice.toVCPU == 0.25)
        // 4 tasks * 0.5 GB * $0.004445 * 730 h.
        #expect(abs(advice.monthlyCostDelta - 4 * 0.5 * 0.004445 * 730) < 1e-9)
        #expect(advice.summary == "v2 OOM-killed 3 times: raise memory from 0.5 GB to 1 GB (+$6.49 per month)")
        let full = MemoryRecommendation.after(oomKills: 2, version: "v2", fleet: FleetSpec(desiredCount: 1, vCPU: 0.25, memoryGB: 2))
        #expect(full.toVCPU == 0.5 && full.toMemoryGB == 4)
    }
}
