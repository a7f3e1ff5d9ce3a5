/// One line of `cx doctor`: what was checked, how it went, what was seen and how to fix it.
public struct DoctorCheck: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Equatable, Codable, Comparable {
        case pass, warn, fail

        private var rank: Int { self == .pass ? 0 : self == .warn ? 1 : 2 }
        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    public var name: String
    public var status: Status
    /// May quote AWS data: sanitize before display.
    public var detail: String
    public var hint: String

    public init(name: String, status: Status, detail: String, hint: String = "") {
        self.name = name
        self.status = status
        self.detail = detail
        self.hint = hint
    }
}
