/// A readable account of how two values differ, line by line of their dumps, so a failing
/// TestStore assertion points at the field that changed rather than printing two huge values.
enum StateDifference {
    static func describe<Value>(expected: Value, actual: Value) -> String {
        var expectedDump = ""
        var actualDump = ""
        dump(expected, to: &expectedDump)
        dump(actual, to: &actualDump)
        let expectedLines = expectedDump.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actualDump.split(separator: "\n", omittingEmptySubsequences: false)
        var report: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<none>"
            if want != got {
                report.append("  - expected: \(want.trimmingLeadingSpaces)")
                report.append("  + actual:   \(got.trimmingLeadingSpaces)")
            }
            if report.count >= 40 { report.append("  ..."); break }
        }
        return report.joined(separator: "\n")
    }
}

private extension String {
    var trimmingLeadingSpaces: Substring { drop(while: { $0 == " " }) }
}
