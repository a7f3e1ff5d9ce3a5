import CygniClients
import Hummingbird
import Logging
import NIOCore

/// Makes every failure a JSON error: the router's own (no such route, body too large) as well as
/// ours, and a failed read of cygnid's source. Anything unexpected is logged and answered 500 without detail; bad input never gets here.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let bodyLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch is NIOTooManyBytesError {
            // `collectBody(upTo:)` stopped reading at the limit.
            throw APIError.tooLarge(limit: bodyLimit)
        } catch let error as HTTPError {
            throw Self.translate(error, path: request.uri.path, bodyLimit: bodyLimit)
        } catch let error as ClientError {
            // A telemetry read of the source (AWS, the sandbox) failed: the source's fault, not ours.
            throw APIError.source(error)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            throw APIError(status: .internalServerError, code: "internal", message: "internal error; the server log has the detail")
        }
    }

    static func translate(_ error: HTTPError, path: String, bodyLimit: Int) -> APIError {
        switch error.status {
        case .notFound: return .notFound("no route \(path)")
        case .methodNotAllowed: return APIError(status: .methodNotAllowed, code: "method_not_allowed", message: "method not allowed on \(path)")
        case .contentTooLarge: return .tooLarge(limit: bodyLimit)
        default:
            return APIError(status: error.status, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
        }
    }
}
