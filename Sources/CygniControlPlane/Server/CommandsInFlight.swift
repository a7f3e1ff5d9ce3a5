/// Commands this process is carrying out now, so the engine's round does not take up a
/// command its HTTP request is still working on (the store's answer would then be the engine's
/// "already done" instead of the outcome).
actor CommandsInFlight {
    private var ids: Set<Int64> = []

    /// False when the command is already being carried out here.
    func begin(_ id: Int64) -> Bool {
        ids.insert(id).inserted
    }

    func end(_ id: Int64) {
        ids.remove(id)
    }
}
