/// A short message in the status line: what just happened, or what went wrong.
public struct Flash: Equatable, Sendable {
    public enum Severity: String, Equatable, Sendable {
        case info, warning, error
    }

    public var id: Int
    public var text: String
    public var severity: Severity

    public init(id: Int, text: String, severity: Severity) {
        self.id = id
        self.text = text
        self.severity = severity
    }
}
