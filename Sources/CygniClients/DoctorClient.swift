import CygniModel

/// The checks of `cx doctor` on a source: each says what was checked and how it went. A source
/// checks what it is and what it reads, never another source's things.
public struct DoctorClient: Sendable {
    /// Every check, in a fixed order; each may take at most `timeout` seconds.
    public var run: @Sendable (_ timeout: Double) async -> [DoctorCheck]

    public init(run: @escaping @Sendable (_ timeout: Double) async -> [DoctorCheck]) {
        self.run = run
    }

    public static func unavailable(_ source: String) -> DoctorClient {
        DoctorClient { _ in [DoctorCheck(name: "source", status: .fail, detail: "\(source) has no checks")] }
    }
}
