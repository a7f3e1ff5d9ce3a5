import Foundation

/// SplitMix64: small, fast, and the same sequence on every platform for a seed. The world never
/// touches the system generator, so a seed always replays the same story.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// An independent stream per concern (traffic, tasks, traces...), so that changing how one
    /// concern draws numbers does not reshuffle the others.
    init(seed: UInt64, stream: String) {
        state = seed ^ Self.fnv1a(stream)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a: a stable hash. Swift's own `hashValue` is seeded per process and would break replay.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
