import Foundation

/// What a deploy changes in Fargate spend: the running fleet against the new one once it has
/// taken over (per hour and per month), and what running both at once costs while the rollout
/// lasts. The rates come from the Pricing API or the built-in dated table, and it says which.
public struct CostChange: Codable, Equatable, Sendable {
    /// A fleet: task size and count.
    public struct Fleet: Codable, Equatable, Sendable {
        public var vCPU: Double
        public var memoryGB: Double
        public var count: Int

        public init(vCPU: Double, memoryGB: Double, count: Int) {
            self.vCPU = vCPU
            self.memoryGB = memoryGB
            self.count = count
        }
    }

    public var running: Fleet
    public var new: Fleet
    public var hourlyRunning: Double
    public var hourlyNew: Double
    public var monthlyRunning: Double
    public var monthlyNew: Double
    public var monthlyDelta: Double
    /// Hours both fleets run at once if nothing holds the rollout: the bakes (and a blue-green
    /// rollback window). A slow health gate or a pause makes it longer.
    public var overlapHours: Double
    /// What the new fleet's tasks cost over those hours on top of the running fleet.
    public var overlapCost: Double
    /// "AWS Pricing API" or "built-in table".
    public var priceSource: String
    /// The day the API was asked, or the table's date.
    public var priceDate: String
    /// The region the rates are for, and the rollout's.
    public var priceRegion: String
    public var region: String
    /// Why the table was used; absent when the Pricing API answered.
    public var fallbackReason: String?
    public var notes: [String]

    /// The figures from `quote` for `overlap` (canary tasks and the hours each count runs).
    public init(running: Fleet, new: Fleet, overlap: [(tasks: Int, hours: Double, ofNewFleet: Bool)], quote: FargatePriceQuote, region: String) {
        func hourly(_ fleet: Fleet, count: Int) -> Double {
            quote.table.hourly(vCPU: fleet.vCPU, memoryGB: fleet.memoryGB, count: count)
        }
        self.running = running
        self.new = new
        hourlyRunning = hourly(running, count: running.count)
        hourlyNew = hourly(new, count: new.count)
        monthlyRunning = hourlyRunning * FargatePriceTable.hoursPerMonth
        monthlyNew = hourlyNew * FargatePriceTable.hoursPerMonth
        monthlyDelta = monthlyNew - monthlyRunning
        overlapHours = overlap.reduce(0) { $0 + $1.hours }
        overlapCost = overlap.reduce(0) { $0 + hourly($1.ofNewFleet ? new : running, count: $1.tasks) * $1.hours }
        self.region = region
        priceRegion = quote.region
        notes = quote.notes
        (priceSource, priceDate, fallbackReason) = quote.provenance
    }
}
