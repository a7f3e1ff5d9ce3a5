import Foundation
import Testing

@testable import CygniAWS

/// The byte-level JSON reader and writer: the same values as Foundation's JSONSerialization on
/// valid documents, clean failures on broken ones, bounded nesting, exact escapes.
struct JSONParserTests {
    /// JSONSerialization's tree converted to JSONValue, for comparison.
    static func foundationValue(_ object: Any) -> JSONValue {
        switch object {
        case is NSNull: return .null
        // Foundation on Linux answers booleans as NSNumbers whose type code is "c".
        case let number as NSNumber where String(cString: number.objCType) == "c": return .bool(number.boolValue)
        case let number as NSNumber: return .number(number.doubleValue)
        case let text as String: return .string(text)
        case let items as [Any]: return .array(items.map(foundationValue))
        case let fields as [String: Any]: return .object(fields.mapValues(foundationValue))
        default: return .null
        }
    }

    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-0.5,"g":1.5e3,"h":""}"#,
        #"  [ 1 , 2 , [ ] , { } ]  "#,
        #"{"ts":1795750729000,"big":12345678901234567890,"neg":-42,"exp":2E-2}"#,
        #"{"escaped":"a\"b\\c\/d\b\f\n\r\t\u00e9\u20ac\ud83d\ude00 end"}"#,
        #"{"dup":1,"dup":2}"#,
        #""just a string""#,
        "{\"unicode\":\"日本語 ✓ ümlaut\"}",
    ])
    func agreesWithFoundation(_ document: String) throws {
        let data = Data(document.utf8)
        let foundation = Self.foundationValue(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        #expect(try JSONValue.parse(data) == foundation)
    }

    @Test(arguments: [
        "{", "[1,", #"{"a" 1}"#, #"{"a":1,}"#, "[1 2]", "01", "-", "1.", "1e", "tru", #""open"#, #""\x""#, #""\u12""#,
        "{} extra", #"{1:2}"#, "[", "nul",
    ])
    func brokenDocumentsFailCleanly(_ document: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Data(document.utf8)) }
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(throws: JSONParser.Failure.self) { try JSONParser.parse(Data(deep.utf8)) }
        #expect(error.description.contains("nested deeper"))
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONParser.parse(Data(fine.utf8)) }
    }

    @Test func looseInputIsRepairedNotRejected() throws {
        #expect(try JSONValue.parse(Data(#"{"s":"\ud800 lone"}"#.utf8))["s"]?.string == "\u{FFFD} lone")
        #expect(try JSONValue.parse(Data([0x22, 0x61, 0xff, 0x62, 0x22]))  == .string("a\u{FFFD}b"))
        #expect(try JSONValue.parse(Data("\"tab\there\"".utf8)) == .string("tab\there"))
    }

    @Test func writtenStringsEscapeEveryControlAndReadBack() throws {
        let hostile = "quote\" slash\\ nl\n esc\u{1b}[31m del\u{7f} c1\u{9b}2J ls\u{2028}ps\u{2029} 日本 😀"
        let written = String(decoding: JSONValue.string(hostile).serialized, as: UTF8.self)
        #expect(written == #""quote\" slash\\ nl\n esc\u001b[31m del\u007f c1\u009b2J ls\u2028ps\u2029 日本 😀""#)
        #expect(try JSONValue.parse(Data(written.utf8)) == .string(hostile))
        let object: JSONValue = ["b": [1, 2.5, true, nil as JSONValue? ?? .null], "a": "x"]
        #expect(String(decoding: object.serialized, as: UTF8.self) == #"{"a":"x","b":[1,2.5,true,null]}"#)
    }
}
