import CygniAWS
import CygniClients
import CygniModel
import Foundation

/// `cx doctor` through cygnid: does it answer, is its store ready, is the token good (and for
/// how long), does cygnid accept it, and cygnid's own checks of the source it runs on.
struct ControlPlaneDoctor: Sendable {
    let connection: ControlPlaneConnection

    func checks(timeout: Double) async -> [DoctorCheck] {
        var options = connection.options
        options.timeout = min(options.timeout, timeout)
        let connection = ControlPlaneConnection(address: connection.address, token: connection.token, transport: connection.transport, options: options)
        let host = connection.address.host
        var checks: [DoctorCheck] = []
        do {
            _ = try await connection.send(HTTPRequest(method: "GET", url: connection.address.url("/healthz")))
            checks.append(DoctorCheck(name: "cygnid", status: .pass, detail: "answers at \(connection.address)"))
        } catch {
            checks.append(DoctorCheck(
                name: "cygnid", status: .fail, detail: error.message,
                hint: "start it (cygnid serve --sandbox), or point --control-plane at where it runs; cx rollback SERVICE --aws still works without it"))
            return checks + [tokenCheck()]
        }
        do {
            let ready = try await connection.send(HTTPRequest(method: "GET", url: connection.address.url("/readyz")))
            checks.append(ready.status == 200
                ? DoctorCheck(name: "store", status: .pass, detail: "cygnid's store answers")
                : DoctorCheck(name: "store", status: .fail, detail: connection.errorMessage(ready), hint: "see cygnid's log at \(host)"))
        } catch {
            checks.append(DoctorCheck(name: "store", status: .fail, detail: error.message))
        }
        checks.append(tokenCheck())
        do {
            _ = try await connection.get("/v1/rollouts?limit=1", as: IgnoredBody.self)
            checks.append(DoctorCheck(name: "access", status: .pass, detail: "cygnid accepts the token of \(connection.token.holder): rollouts can be read"))
        } catch {
            checks.append(DoctorCheck(name: "access", status: .fail, detail: error.message))
            return checks
        }
        do {
            checks += try await ControlPlaneTelemetry(connection: connection).sourceChecks()
        } catch {
            checks.append(DoctorCheck(name: "cygnid source", status: .fail, detail: "\(error)"))
        }
        return checks
    }

    /// What the token's claims say, read without verifying them (cygnid verifies).
    private func tokenCheck(now: Date = Date()) -> DoctorCheck {
        let token = connection.token
        guard let expiry = token.expiresAt else {
            return DoctorCheck(name: "token", status: .warn, detail: "\(token.description): no expiry can be read from it", hint: "make one with \(token.renewal)")
        }
        let left = expiry.timeIntervalSince(now)
        if left <= 0 {
            return DoctorCheck(name: "token", status: .fail, detail: "\(token.description) expired \(AccessRefusal.span(-left)) ago", hint: "make a new one with \(token.renewal)")
        }
        return DoctorCheck(
            name: "token", status: left < 3_600 ? .warn : .pass, detail: "\(token.description), expires in \(AccessRefusal.span(left))",
            hint: left < 3_600 ? "make a new one soon with \(token.renewal)" : "")
    }

    /// An answer read only for its status.
    private struct IgnoredBody: Decodable {}
}
