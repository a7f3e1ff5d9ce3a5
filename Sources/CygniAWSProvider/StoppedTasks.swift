import CygniAWS

/// The stopped tasks of the rollouts' new task sets, read per cluster for every rollout asking
/// within a moment: one ListTasks of the cluster's stopped tasks (100 a page) instead of one
/// per task set, then one DescribeTasks per 100 tasks not seen before. A task is described once
/// and remembered while ECS still lists it. Where the cluster's stopped tasks took more pages
/// than there are task sets asking, each set's are listed on their own instead (by startedBy),
/// whichever costs fewer calls.
struct StoppedTasks: Sendable {
    private let reads: GatheredReads<[ECSTask]>

    /// Long enough for a round's due rollouts, spread over the round, to share one listing.
    init(client: AWSClient, gathering: Duration = .milliseconds(100)) {
        let memory = StoppedTaskMemory()
        reads = GatheredReads(perCall: Self.setsPerRead, gathering: gathering) { cluster, sets in
            let ecs = ECSClient(client)
            let listed: [String]
            if sets.count > (await memory.pages(of: cluster)) {
                listed = try await ecs.listTasks(cluster: cluster, desiredStatus: "STOPPED")
                await memory.listedWhole(cluster, listed)
            } else {
                var each: [String] = []
                for set in sets { each += try await ecs.listTasks(cluster: cluster, startedBy: set, desiredStatus: "STOPPED") }
                listed = each
                await memory.listedSets(cluster, Set(sets), listed)
            }
            let unknown = await memory.unknown(listed, in: cluster)
            if !unknown.isEmpty { await memory.remember(try await ecs.describeTasks(cluster: cluster, tasks: unknown), in: cluster) }
            let tasks = await memory.tasks(listed, in: cluster)
            var bySet = Dictionary(uniqueKeysWithValues: sets.map { ($0, [ECSTask]()) })
            for task in tasks {
                if let set = task.startedBy, bySet[set] != nil { bySet[set]?.append(task) }
            }
            return bySet
        }
    }

    /// Task sets served by one read of a cluster; more wait for the next.
    static let setsPerRead = 1_000

    /// The stopped tasks ECS lists for task set `setID` (its tasks' startedBy) of `cluster`.
    func stopped(cluster: String, startedBy setID: String) async throws -> [ECSTask] {
        try await reads.read(setID, in: cluster) ?? []
    }
}

/// What `StoppedTasks` learnt of each cluster: its described stopped tasks, and how many pages
/// its last whole listing took.
private actor StoppedTaskMemory {
    private var described: [String: [String: ECSTask]] = [:]
    private var wholePages: [String: Int] = [:]

    func pages(of cluster: String) -> Int { wholePages[cluster] ?? 1 }

    /// After a listing of the whole cluster: tasks ECS no longer lists are forgotten.
    func listedWhole(_ cluster: String, _ arns: [String]) {
        wholePages[cluster] = max(1, (arns.count + 99) / 100)
        let listed = Set(arns)
        described[cluster] = described[cluster]?.filter { listed.contains($0.key) }
    }

    /// After listings of some task sets: their tasks ECS no longer lists are forgotten.
    func listedSets(_ cluster: String, _ sets: Set<String>, _ arns: [String]) {
        let listed = Set(arns)
        described[cluster] = described[cluster]?.filter { listed.contains($0.key) || !sets.contains($0.value.startedBy ?? "") }
    }

    func unknown(_ arns: [String], in cluster: String) -> [String] {
        arns.filter { described[cluster]?[$0] == nil }
    }

    func remember(_ tasks: [ECSTask], in cluster: String) {
        for task in tasks { described[cluster, default: [:]][task.arn] = task }
    }

    func tasks(_ arns: [String], in cluster: String) -> [ECSTask] {
        arns.compactMap { described[cluster]?[$0] }
    }
}
