/// An AWS region the services run in, with how busy it is and how far its users are from UTC.
struct Region: Equatable, Sendable {
    var name: String
    /// Share of the peak traffic of the busiest region.
    var trafficFactor: Double
    /// Hours to add to UTC for the local time of most users.
    var utcOffsetHours: Double

    static let euWest1 = Region(name: "eu-west-1", trafficFactor: 1.0, utcOffsetHours: 0)
    static let usEast1 = Region(name: "us-east-1", trafficFactor: 0.7, utcOffsetHours: -5)
    static let all = [euWest1, usEast1]
}
