/// One kind of read that many rollouts ask for within a moment of each other, sent together:
/// the first asker of a group (a cluster, say) waits `gathering` for others, and a group that
/// fills a call goes at once. Each asker gets the answer for its own key, or nil when AWS gave
/// none for it; a failed call fails each of its askers, who try again next round.
///
/// Only the rounds' reads are gathered. Commands never come here: a rollback's writes and the
/// reads that verify them go straight to AWS, so no batch can hold them up.
actor GatheredReads<Answer: Sendable> {
    /// Reads `keys` of `group` in one go (the function may make several calls of its own);
    /// returns the answers by key.
    typealias Read = @Sendable (_ group: String, _ keys: [String]) async throws -> [String: Answer]

    private struct Asking {
        var key: String
        var continuation: CheckedContinuation<Answer?, any Error>
    }

    private let perCall: Int
    private let gathering: Duration
    private let readAll: Read
    private var asking: [String: [Asking]] = [:]
    /// Counts each group's batches, so a timer started for a batch already sent (because it
    /// filled) leaves the next one its own full wait.
    private var batches: [String: Int] = [:]

    init(perCall: Int, gathering: Duration = .milliseconds(20), read: @escaping Read) {
        self.perCall = perCall
        self.gathering = gathering
        readAll = read
    }

    func read(_ key: String, in group: String) async throws -> Answer? {
        try await withCheckedThrowingContinuation { continuation in
            asking[group, default: []].append(Asking(key: key, continuation: continuation))
            let count = asking[group]?.count ?? 0
            if count >= perCall {
                send(group)
            } else if count == 1 {
                let batch = batches[group, default: 0]
                Task { [gathering] in
                    try? await Task.sleep(for: gathering)
                    await self.send(group, batch: batch)
                }
            }
        }
    }

    private func send(_ group: String, batch: Int) {
        guard batches[group, default: 0] == batch else { return }
        send(group)
    }

    /// Sends what is waiting for `group`.
    private func send(_ group: String) {
        guard let waiting = asking.removeValue(forKey: group), !waiting.isEmpty else { return }
        batches[group, default: 0] += 1
        let readAll = readAll
        Task {
            let keys = Array(Set(waiting.map(\.key))).sorted()
            do {
                let answers = try await readAll(group, keys)
                for asker in waiting { asker.continuation.resume(returning: answers[asker.key]) }
            } catch {
                for asker in waiting { asker.continuation.resume(throwing: error) }
            }
        }
    }
}
