import Foundation

@testable import CygniAWS

/// The response documents under Tests/CygniAWSTests/Recorded.
enum Recorded {
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Recorded") else {
            throw MotoHarness.StartFailure(description: "no recorded document Recorded/\(name).json")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(try text(name).utf8))
    }
}
