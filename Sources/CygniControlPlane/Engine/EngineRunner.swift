import CygniAWSProvider
import CygniClients
import CygniModel
import CygniRollout
import Foundation
import Logging

/// The rollouts this replica drives, and the read model of all of them. Each round it renews
/// its leases (taking rollouts whose owner stopped renewing), reads the minute's ALB metrics for
/// every rollout it drives in as few calls as CloudWatch allows, and ticks each rollout.
public actor EngineRunner {
    let store: any ControlPlaneStore
    let provider: EngineProvider
    let events: EventHub
    let replica: String
    let leaseTTL: Duration
    let clock: @Sendable () -> Date
    let logger: Logger
    private var owners: [String: RolloutOwner] = [:]
    /// Rollouts other replicas drive, and finished ones, as the store last showed them.
    private var others: [String: Rollout] = [:]
    /// When each of `others` was last written: a record not written since is not decoded again.
    private var othersWrittenAt: [String: Int64] = [:]
    private var lastClaim: ContinuousClock.Instant?
    private var metricsReadThrough: Date?

    /// Rollouts ticked at once: enough to keep a thousand moving each second and for their
    /// gathered reads to fill whole calls (ten services, twenty forwards, a cluster's stopped
    /// tasks for all); the reads not gathered (target health) are due rarely enough.
    static let concurrentTicks = 100

    init(store: any ControlPlaneStore, provider: EngineProvider, events: EventHub, replica: String, leaseTTL: Duration, clock: @escaping @Sendable () -> Date, logger: Logger) {
        self.store = store
        self.provider = provider
        self.events = events
        self.replica = replica
        self.leaseTTL = leaseTTL
        self.clock = clock
        self.logger = logger
    }

    private var ttlMilliseconds: Int64 {
        Int64(leaseTTL.components.seconds * 1000 + leaseTTL.components.attoseconds / 1_000_000_000_000_000)
    }

    // MARK: Rounds

    /// One round: leases renewed when due, metrics read when a minute is due, every rollout ticked.
    public func tick() async {
        await renewIfDue()
        let reads = await readMetrics()
        let active = owners.values.map { $0 }
        await withTaskGroup(of: Void.self) { group in
            var started = 0
            for owner in active {
                if started >= Self.concurrentTicks {
                    await group.next()
                    // A long round (a thousand rollouts, a slow AWS) must not let leases lapse.
                    await renewIfDue()
                }
                started += 1
                group.addTask {
                    let id = await owner.record.id
                    await owner.tick(metrics: reads[id])
                }
            }
        }
        await dropFinished()
    }

    private func renewIfDue() async {
        let now = ContinuousClock.now
        guard lastClaim.map({ now - $0 >= leaseTTL / 3 }) ?? true else { return }
        await claim()
        lastClaim = now
    }

    /// Renews this replica's leases and takes expired ones; refreshes the read model of the rest.
    func claim() async {
        do {
            let claimed = try await store.claimRollouts(owner: replica, ttlMilliseconds: ttlMilliseconds)
            var held: Set<String> = []
            for stored in claimed {
                held.insert(stored.id)
                if let owner = owners[stored.id] {
                    await owner.renewed(stored)
                } else if let lease = stored.lease {
                    do {
                        let record = try EngineRecord.decode(stored.record)
                        owners[stored.id] = makeOwner(record, lease)
                        logger.info("driving rollout", metadata: ["rollout": "\(stored.id)", "lease": "\(lease.token)"])
                    } catch {
                        logger.error("stored rollout unreadable; not driven", metadata: ["rollout": "\(stored.id)", "error": "\(error)"])
                    }
                }
            }
            for (id, owner) in owners where !held.contains(id) {
                // Not renewed: expired, and perhaps taken by another replica. Stop acting on it.
                // (A rollout that just ended is no longer claimed either: no lapse to warn of.)
                others[id] = await owner.rollout
                owners[id] = nil
                if await owner.isActive {
                    logger.warning("lease not renewed; no longer driving rollout", metadata: ["rollout": "\(id)"])
                }
            }
            try await readOthers()
        } catch {
            logger.error("claiming rollouts failed", metadata: ["error": "\(error)"])
        }
    }

    /// The read model of the rollouts other replicas drive, from the store.
    private func readOthers() async throws {
        for stored in try await store.rollouts(limit: 500) where owners[stored.id] == nil {
            guard othersWrittenAt[stored.id] != stored.updatedMilliseconds || others[stored.id] == nil else { continue }
            if let record = try? EngineRecord.decode(stored.record) {
                others[stored.id] = record.rollout
                othersWrittenAt[stored.id] = stored.updatedMilliseconds
            }
        }
    }

    private func readMetrics() async -> [String: MetricReads.Read] {
        guard !owners.isEmpty else { return [:] }
        let due = MetricMinutes.floor(clock().addingTimeInterval(-provider.timing.metricsLag))
        guard metricsReadThrough.map({ due > $0 }) ?? true else { return [:] }
        var rollouts: [AWSRollout] = []
        var versions: [String: (stable: String, canary: String)] = [:]
        for owner in owners.values where await owner.isActive {
            let record = await owner.record
            rollouts.append(record.provider)
            versions[record.id] = (record.engine.plan.fromVersion, record.engine.plan.toVersion)
        }
        do {
            let reads = try await provider.readMetrics(rollouts, versions: versions, now: clock())
            metricsReadThrough = due
            return reads
        } catch {
            logger.warning("reading ALB metrics failed; trying again next round", metadata: ["error": "\(error)"])
            return [:]
        }
    }

    private func dropFinished() async {
        for (id, owner) in owners where await !owner.isActive {
            others[id] = await owner.rollout
            owners[id] = nil
        }
    }

    private func makeOwner(_ record: EngineRecord, _ lease: Lease) -> RolloutOwner {
        RolloutOwner(record: record, lease: lease, store: store, provider: provider, events: events, clock: clock, logger: logger)
    }

    // MARK: Rollouts

    /// Starts driving a rollout this replica just inserted, with a first tick at once.
    func adopt(_ record: EngineRecord, lease: Lease) async {
        let owner = makeOwner(record, lease)
        owners[record.id] = owner
        await owner.tick(metrics: nil)
    }

    /// Every rollout known, newest first.
    public func rollouts() async -> [Rollout] {
        var all = others
        for (id, owner) in owners { all[id] = await owner.rollout }
        return all.values.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }
    }

    /// One rollout; one another replica admitted since the last round is read from the store.
    func rollout(id: String) async -> Rollout? {
        if let owner = owners[id] { return await owner.rollout }
        if others[id] == nil { try? await readOthers() }
        return others[id]
    }

    /// The active rollout of `CLUSTER/SERVICE`, if any.
    func activeRollout(of key: String) async -> String? {
        for owner in owners.values where await owner.isActive {
            if await owner.provided.layout.key == key { return await owner.record.id }
        }
        return others.values.first { $0.isActive && "\($0.environment)/\($0.service)" == key }?.id
    }

    func perform(_ command: OperatorCommand) async throws -> CommandOutcome {
        guard let owner = owners[command.rolloutID] else {
            if let rollout = others[command.rolloutID], !rollout.isActive {
                return CommandOutcome(accepted: false, message: "rollout already \(rollout.phase.rawValue)")
            }
            throw DrivenElsewhere(rolloutID: command.rolloutID)
        }
        return try await owner.perform(command)
    }

    /// Whether this replica answers commands for `rolloutID`: it drives the rollout, or the
    /// rollout has ended (any replica may refuse a command for it; the store keeps the first answer).
    func answers(commandsFor rolloutID: String) -> Bool {
        owners[rolloutID] != nil || others[rolloutID].map { !$0.isActive } ?? false
    }

    /// On shutdown, after the last round: other replicas may take the rollouts at once.
    public func release() async {
        do {
            try await store.releaseRollouts(owner: replica)
            logger.info("leases released", metadata: ["rollouts": "\(owners.count)"])
        } catch {
            logger.error("releasing leases failed; they expire on their own", metadata: ["error": "\(error)"])
        }
        owners = [:]
    }
}
