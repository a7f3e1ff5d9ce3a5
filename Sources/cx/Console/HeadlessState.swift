import ArgumentParser
import CygniDashboard
import Foundation

/// The console's state after one load, headless: what `cx status` and `cx slo` report.
enum HeadlessState {
    @MainActor
    static func load(_ moment: SourceMoment) async throws -> DashboardState {
        let clients = try moment.clients(cost: false)
        let setup: ConsoleSetup
        do {
            setup = try ConsoleSetup.make(clients: clients, theme: nil, keymap: nil, readOnly: true, clock: ContinuousClock())
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let (state, _) = await HeadlessSession.run(
            initialState: setup.state, environment: setup.environment, keys: [], width: 120, height: 40
        )
        return state
    }
}
