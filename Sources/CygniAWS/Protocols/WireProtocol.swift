/// The five AWS wire protocols the product's services use.
public enum WireProtocol: String, Sendable, Equatable {
    case awsJson1_0, awsJson1_1, awsQuery, restJson1, restXml

    var expectsJSON: Bool {
        switch self {
        case .awsJson1_0, .awsJson1_1, .restJson1: return true
        case .awsQuery, .restXml: return false
        }
    }
}
