import Foundation
import Testing

/// Golden files (text, or JSON with `ext: "json"`) under Tests/CygniDashboardTests/Golden. Set
/// CYGNI_UPDATE_GOLDEN=1 to write them anew from the current output (then read the diff before committing).
enum Golden {
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    }

    static func check(_ text: String, named name: String, ext: String = "txt", sourceLocation: SourceLocation = #_sourceLocation) {
        let file = "\(name).\(ext)"
        let path = directory + "/" + file
        let actual = text.hasSuffix("\n") ? text : text + "\n"
        if ProcessInfo.processInfo.environment["CYGNI_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing golden file \(file); run the tests with CYGNI_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
            var report: [String] = []
            for index in 0..<max(want.count, got.count) {
                let w = index < want.count ? String(want[index]) : "<none>"
                let g = index < got.count ? String(got[index]) : "<none>"
                if w != g { report.append("line \(index + 1):\n  golden: \(w)\n  actual: \(g)") }
                if report.count > 8 { break }
            }
            Issue.record("\(file) differs (CYGNI_UPDATE_GOLDEN=1 regenerates):\n\(report.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }
}
