/// The two sides of a rollout's split.
enum Side: String, Equatable, Sendable, Codable {
    case stable, canary
}

/// One value per side. A rollout has exactly two versions that matter, so two fields beat a
/// dictionary keyed by version name: no hashing on the per-window path.
struct PerSide<Value: Equatable & Sendable & Codable>: Equatable, Sendable, Codable {
    var stable: Value
    var canary: Value

    init(stable: Value, canary: Value) {
        self.stable = stable
        self.canary = canary
    }

    init(both value: Value) {
        self.init(stable: value, canary: value)
    }

    subscript(side: Side) -> Value {
        get { side == .stable ? stable : canary }
        set {
            switch side {
            case .stable: stable = newValue
            case .canary: canary = newValue
            }
        }
    }
}
