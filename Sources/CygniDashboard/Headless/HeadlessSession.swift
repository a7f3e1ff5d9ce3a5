import CygniStore
import CygniTerminal

/// One frame without a terminal: the same store, reducer and views as the live console, fed
/// a load and then keys, each settled before the next. `cx snapshot`, `cx status` and the
/// golden tests use it, so what they show is what the console would show.
@MainActor
public enum HeadlessSession {
    /// - Parameter settleTimeout: how long each step may wait for its effects; tests on a
    ///   machine busy with the whole suite give more.
    public static func run(
        initialState: DashboardState, environment: DashboardEnvironment, keys: [Key], width: Int, height: Int,
        settleTimeout: Duration = .seconds(30)
    ) async -> (state: DashboardState, frame: Buffer) {
        let store = Store(initialState: initialState, reducer: DashboardReducer(environment: environment))
        store.send(.resized(width: width, height: height))
        store.send(.load)
        await store.settle(ignoring: DashboardEffect.longRunning, timeout: settleTimeout)
        for key in keys {
            store.send(.key(key))
            await store.settle(ignoring: DashboardEffect.longRunning, timeout: settleTimeout)
        }
        let frame = DashboardView.render(store.state, width: width, height: height)
        store.cancelAllEffects()
        return (store.state, frame)
    }
}
