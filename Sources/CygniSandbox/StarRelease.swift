import CygniModel
import Foundation

/// The release a scenario is about: `checkout` in eu-west-1 going from v1.41.2 to v1.42.0.
struct StarRelease: Sendable {
    var spec: ServiceSpec
    var region: Region
    var strategy: Strategy
    var from: VersionProfile
    var to: VersionProfile

    /// Canary weights per step: the engine's default plan; blue-green switches at once.
    static let canarySteps = [5, 25, 50, 100]
    static let blueGreenSteps = [100]

    var steps: [Int] { strategy == .blueGreen ? Self.blueGreenSteps : Self.canarySteps }
}

extension Scenario {
    var starRelease: StarRelease? {
        let spec = ServiceSpec.checkout
        let from = VersionProfile.healthy(spec, version: "v1.41.2")
        let to = VersionProfile.healthy(spec, version: "v1.42.0")
        func release(_ strategy: Strategy, _ to: VersionProfile) -> StarRelease {
            StarRelease(spec: spec, region: .euWest1, strategy: strategy, from: from, to: to)
        }
        switch self {
        case .blueGreen: return release(.blueGreen, to)
        case .canaryPass: return release(.canary, to)
        case .canaryFail: return release(.canary, to.with(.elevatedServerErrors(rate: 0.06)))
        case .canaryMarginal: return release(.canary, to.with(.slowerResponses(factor: 1.5)))
        case .sloBurn: return release(.blueGreen, to.with(.elevatedServerErrors(rate: 0.05)))
        case .outOfMemory: return release(.canary, to.with(.leaksMemory(killAfterHealthy: 20...50)))
        case .steady: return nil
        }
    }
}
