import CygniAWS
import CygniClients

/// Turns the error of one step of an operator command into the `CommandFailure` that decides
/// whether the command is tried again: throttling, 5xx, resets, timeouts and unreadable answers
/// are transient; access denied, rejected credentials, something gone or refused are not, and
/// their message says what the operator can do by hand.
enum CommandStepFailure {
    static func make(_ error: Error, step: String, trafficSettled: Bool, byHand: String) -> Error {
        if error is CancellationError || error is CommandFailure { return error }
        let transient = isTransient(error)
        var message = "\(step): \(describe(error))"
        if !transient { message += "; \(byHand)" }
        return CommandFailure(message, isTransient: transient, trafficSettled: trafficSettled)
    }

    static func isTransient(_ error: Error) -> Bool {
        guard let error = error as? AWSError else { return false }
        switch error.errorClass {
        case .throttling, .server:
            return true
        case .network:
            switch error.transport {
            case .invalidURL, .insecureEndpoint, .tls, .responseTooLarge: return false
            default: return true
            }
        case .auth, .accessDenied, .notFound, .validation:
            return false
        }
    }

    /// One line: the AWS error as the SDK says it, or what the credentials lack.
    private static func describe(_ error: Error) -> String {
        switch error {
        case let error as AWSError:
            let line = error.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? error.code
            return line.count > 200 ? String(line.prefix(199)) + "…" : line
        case let error as ConfigurationError:
            return error.kind == .noCredentials ? "no AWS credentials" : error.message
        default:
            return String(describing: error)
        }
    }
}
