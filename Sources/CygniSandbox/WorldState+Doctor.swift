import CygniModel
import Foundation

/// `cx doctor` on the sandbox: what it is and what it simulates, said plainly. It reads no AWS
/// account, so it checks none: the `aws` line says so, and how to check one.
extension WorldState {
    func doctorChecks() -> [DoctorCheck] {
        let elapsed = now.timeIntervalSince(configuration.start)
        let rollouts = rollouts()
        let active = rollouts.filter(\.isActive).count
        let regions = "\(Region.all.count) regions (\(Region.all.map(\.name).joined(separator: ", ")))"
        return [
            DoctorCheck(
                name: "source", status: .pass,
                detail: "embedded sandbox, seed \(configuration.seed), scenario \(configuration.scenario.rawValue): "
                    + "a simulated project on a virtual clock; nothing leaves this machine"),
            DoctorCheck(
                name: "world", status: .pass,
                detail: "virtual time \(Self.timestamp(now)) (\(Int(elapsed)) s in): \(ServiceSpec.all.count) services "
                    + "(\(ServiceSpec.all.map(\.name).joined(separator: ", "))) in \(regions), \(rollouts.count) rollout(s), \(active) under way"),
            DoctorCheck(
                name: "buffers", status: .pass,
                detail: "traces \(traces.count) of \(Self.tracesKept) (\(traces.dropped) dropped), "
                    + "logs \(logs.count) of \(Self.logsKept) (\(logs.dropped) dropped), "
                    + "task events \(taskEvents.count) of \(Self.taskEventsKept) (\(taskEvents.dropped) dropped)"),
            DoctorCheck(
                name: "prices", status: .pass,
                detail: "the built-in Fargate table of \(FargatePriceTable.date) (\(FargatePriceTable.region)); the sandbox has no Pricing API"),
            DoctorCheck(
                name: "aws", status: .warn, detail: "not checked: the sandbox reads no AWS account",
                hint: "run cx doctor --aws (or with --profile/--region) to check credentials, ECS, load balancers, certificates and quotas"),
        ]
    }

    /// "2026-11-26T09:10:00Z", whole seconds: the world moves in whole virtual seconds.
    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
