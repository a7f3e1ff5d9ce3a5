import CygniHarness
import Foundation
import Testing

/// The cx binary run as a program, for tests of its AWS commands.
enum CxProgram {
    /// cx on a thread of its own: a run of many seconds must not hold one of the few threads
    /// the suite's tests share.
    static func runAside(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, output: String) {
        try #require(Binary.exists, "build cx first (swift build --product cx) or set CX_BINARY; looked at \(Binary.path)")
        let result = await ProgramRun.runAside([Binary.path] + arguments, environment: environment, timeout: 120)
        return (result.status, result.output)
    }
}
