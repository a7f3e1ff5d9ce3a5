/// What to group spend by: the AWS service it was spent on, or the value of a cost allocation tag.
public enum CostGrouping: Sendable, Equatable {
    case service
    case tag(String)

    /// Reads `--by`: "service" or "tag:KEY".
    public init?(argument: String) {
        if argument == "service" {
            self = .service
        } else if argument.hasPrefix("tag:"), argument.count > 4 {
            self = .tag(String(argument.dropFirst(4)))
        } else {
            return nil
        }
    }

    /// How `--by` spells it.
    public var argument: String {
        switch self {
        case .service: return "service"
        case .tag(let key): return "tag:\(key)"
        }
    }
}
