import CygniAWS
import CygniClients

/// Runs one read for a pane and turns any failure into the short `ClientError` the pane shows:
/// one line naming the service and the AWS error code, never a credential (AWSError messages
/// carry none) nor a page of service text.
func reading<Value>(_ service: String, _ operation: String, _ work: () async throws -> Value) async throws -> Value {
    do {
        return try await work()
    } catch let error as ClientError {
        throw error
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        throw ClientError(UnavailableReason.describe(error, service: service, operation: operation), throttledAPI: throttled(error, by: service))
    }
}

/// `service` when `error` is AWS throttling the read, so the console polls that source more slowly.
func throttled(_ error: any Error, by service: String) -> String? {
    (error as? AWSError)?.errorClass == .throttling ? service : nil
}
