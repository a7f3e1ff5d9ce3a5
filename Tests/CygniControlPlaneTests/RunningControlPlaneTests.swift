import CygniControlPlane
import CygniControlPlaneTesting
import Foundation
import Testing

/// The tests' in-process server: one that cannot listen fails its start, instead of leaving the
/// test waiting for a port that never comes.
@Suite struct RunningControlPlaneTests {
    @Test(.timeLimit(.minutes(1))) func aServerWhosePortIsTakenFailsItsStart() async throws {
        let first = try await TestServer.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cygnid-taken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configuration = ServerConfiguration(
            listen: ListenAddress(host: "127.0.0.1", port: first.port), store: .sqlite(path: folder.appendingPathComponent("cygnid.sqlite").path),
            sandbox: SandboxOptions(), secret: first.secret)
        await #expect(throws: (any Error).self) { _ = try await RunningControlPlane.start(configuration, logLabel: "cygnid-taken-test") }
        try await first.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
