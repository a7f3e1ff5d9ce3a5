import CygniAWS
import CygniModel

/// Fargate's Linux on-demand rates for one region and architecture, read from AmazonECS price
/// list products. `table` is nil unless both the vCPU and the memory rate were found; `notes`
/// say what was missing, ambiguous or ignored.
public struct FargateRates: Sendable, Equatable {
    public var table: FargatePriceTable?
    public var notes: [String]

    public init(_ products: [PriceListProduct], region: String, architecture: FargatePriceTable.Architecture) {
        var notes: [String] = []
        let inRegion = products.filter { product in
            guard let code = product.attributes["regionCode"] else { return true }
            return code == region
        }
        if inRegion.count < products.count {
            notes.append("\(products.count - inRegion.count) products of other regions ignored")
        }

        func rate(_ names: [String], _ what: String) -> Double? {
            for name in names {
                let prices = inRegion
                    .filter { $0.usageType.map { FargateUsageType.matches($0, name) } ?? false }
                    .compactMap(\.firstTierUSD)
                    .filter { $0 > 0 }
                guard let first = prices.first else { continue }
                if Set(prices).count > 1 {
                    notes.append("\(prices.count) different \(what) prices for \(name); the first, \(first), is used")
                }
                return first
            }
            notes.append("no \(what) price (usage type \(names.joined(separator: " or ")))")
            return nil
        }

        let vCPU = rate([FargateUsageType.vCPU(architecture)], "vCPU-hour")
        let memory = rate([FargateUsageType.memory(architecture)], "GB-hour")
        var storage = rate(FargateUsageType.storage(architecture), "storage GB-hour")
        if storage == nil, vCPU != nil, memory != nil {
            // Only matters past the 20 GB every task includes, so a missing one is not worth
            // throwing away the rest.
            storage = FargatePriceTable.builtIn(architecture).storageGBHour
            notes.append("ephemeral storage priced from the built-in table of \(FargatePriceTable.date)")
        }
        if let vCPU, let memory, let storage {
            table = FargatePriceTable(vCPUHour: vCPU, gbHour: memory, storageGBHour: storage)
        } else {
            table = nil
        }
        self.notes = notes
    }
}
