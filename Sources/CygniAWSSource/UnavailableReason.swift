import CygniAWS

/// One short line saying why an optional answer (live prices, a forecast) is missing, for output
/// that carries on without it. AWSError messages are already free of credentials; they are still
/// untrusted text, so callers sanitize before printing.
public enum UnavailableReason {
    public static func describe(_ error: Error, service: String, operation: String) -> String {
        switch error {
        case let error as ConfigurationError:
            return error.kind == .noCredentials ? "no AWS credentials" : error.message
        case let error as AWSError:
            let status = error.status.map { " (HTTP \($0))" } ?? ""
            switch error.errorClass {
            case .accessDenied:
                return "access denied to \(operation)\(status): \(error.code)"
            case .auth:
                return "credentials rejected by \(service)\(status): \(error.code)"
            case .throttling:
                return "\(service) is throttling\(status): \(error.code)"
            case .network:
                return "\(service) did not answer: \(error.message)"
            case .server:
                return "\(service) failed\(status): \(error.code)"
            case .notFound, .validation:
                return "\(service) refused \(operation)\(status): \(error.code): \(shortened(error.message))"
            }
        case is CancellationError:
            return "cancelled"
        default:
            return shortened(String(describing: error))
        }
    }

    /// No answer before the command's deadline.
    public static func timedOut(_ service: String, seconds: Double) -> String {
        "no answer from \(service) within \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) s"
    }

    /// Service messages can run to paragraphs; one line of output is the budget.
    static func shortened(_ text: String, limit: Int = 160) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
