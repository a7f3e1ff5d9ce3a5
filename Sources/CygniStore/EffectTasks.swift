/// The running effects of a store, by token, and the ids they were registered under.
@MainActor
final class EffectTasks {
    struct Token: Hashable {
        let number: Int
    }

    private var next = 0
    private var running: [Token: Task<Void, Never>] = [:]
    private var reserved: Set<Token> = []
    private var byID: [EffectID: Set<Token>] = [:]
    private var idOf: [Token: EffectID] = [:]

    var count: Int { reserved.count }

    /// Running effects not registered under any of `ids`.
    func count(excluding ids: Set<EffectID>) -> Int {
        guard !ids.isEmpty else { return reserved.count }
        return reserved.filter { token in idOf[token].map { !ids.contains($0) } ?? true }.count
    }

    func reserve(id: EffectID?) -> Token {
        next += 1
        let token = Token(number: next)
        reserved.insert(token)
        if let id {
            byID[id, default: []].insert(token)
            idOf[token] = id
        }
        return token
    }

    func attach(_ task: Task<Void, Never>, to token: Token) {
        // The task may already have finished (and released its token) before we get here.
        guard reserved.contains(token) else { return }
        running[token] = task
    }

    func finish(_ token: Token) {
        reserved.remove(token)
        running[token] = nil
        if let id = idOf.removeValue(forKey: token) {
            byID[id]?.remove(token)
            if byID[id]?.isEmpty == true { byID[id] = nil }
        }
    }

    func cancel(id: EffectID) {
        guard let tokens = byID.removeValue(forKey: id) else { return }
        for token in tokens {
            running[token]?.cancel()
            running[token] = nil
            reserved.remove(token)
            idOf[token] = nil
        }
    }

    func cancelAll() {
        for task in running.values { task.cancel() }
        running.removeAll()
        reserved.removeAll()
        byID.removeAll()
        idOf.removeAll()
    }
}
