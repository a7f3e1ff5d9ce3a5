import CygniModel
import Foundation
import Testing

@testable import CygniAWS
@testable import CygniAWSSource

/// Random and mutated bodies never crash the decoders; they fail cleanly or decode partially.
struct DecoderRobustnessTests {
    static let samples: [String] = [
        #"{"__type":"ClusterNotFoundException","message":"Cluster not found."}"#,
        #"{"services":[{"serviceName":"web","desiredCount":3,"deployments":[{"id":"d","rolloutState":"IN_PROGRESS","createdAt":1700000000.5}]}]}"#,
        #"{"TraceSummaries":[{"Id":"1-5759e988-bd862e3fe1be46a994272793","Users":{},"IsParital":false,"Duration":1,"ResponseTime":1}]}"#,
        "<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>bad</Message></Error></Errors></ErrorResponse>",
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/x</Arn><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>",
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal</h1></body></html>",
        #"{"FormatVersion":"aws_v1","NextToken":"t","PriceList":["{\"product\":{\"attributes\":{\"usagetype\":\"USE1-Fargate-GB-Hours\",\"regionCode\":\"us-east-1\"}},\"terms\":{\"OnDemand\":{\"o\":{\"priceDimensions\":{\"d\":{\"unit\":\"hours\",\"beginRange\":\"0\",\"pricePerUnit\":{\"USD\":\"0.0044450000\"}}}}}}}",42]}"#,
        #"{"Total":{"Amount":"412.33","Unit":"USD"},"ForecastResultsByTime":[{"TimePeriod":{"Start":"2026-11-26","End":"2026-12-01"},"MeanValue":"412.33","PredictionIntervalLowerBound":"380.1","PredictionIntervalUpperBound":"444.5"}]}"#,
    ]

    func exercise(_ body: Data) {
        _ = try? JSONValue.parse(body)
        _ = try? XMLNode.parse(body)
        for status in [200, 400, 403, 500, 503] {
            let error = ErrorResponseParser.parse(HTTPResponse(status: status, body: body), service: "ECS", operation: "Op")
            _ = error.description
        }
        if let json = try? JSONValue.parse(body) {
            _ = ECSService(json)
            _ = ECSTask(json)
            _ = json.serialized
            readPrices(json["PriceList"]?.array ?? [])
            _ = CostForecast(json, start: "2026-11-26", end: "2026-12-01", predictionIntervalLevel: 80)
        }
        _ = try? PriceListProduct(document: String(decoding: body, as: UTF8.self))
    }

    /// GetProducts elements all the way to Fargate rates, as `cx cost diff` reads them.
    func readPrices(_ elements: [JSONValue]) {
        var list = PriceList()
        list.read(elements)
        for architecture in FargatePriceTable.Architecture.allCases {
            _ = FargateRates(list.products, region: "us-east-1", architecture: architecture)
        }
    }

    /// The price documents are JSON inside JSON strings: mutate the inner text too, which
    /// mutating the outer body rarely reaches intact.
    @Test func mutatedPriceDocumentsNeverCrash() throws {
        var random = SeededGenerator(state: 99)
        let documents = try Recorded.json("pricing-get-products-us-east-1")["PriceList"]?.array.compactMap(\.string) ?? []
        #expect(!documents.isEmpty)
        for document in documents {
            let original = Array(document.utf8)
            for _ in 0..<120 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(Array(#"{}[]":,0."#.utf8).randomElement(using: &random)!, at: index)
                    }
                }
                readPrices([.string(String(decoding: bytes, as: UTF8.self)), .string(document)])
            }
        }
    }

    @Test func mutatedBodiesNeverCrash() {
        var random = SeededGenerator(state: 42)
        for sample in Self.samples {
            let original = Array(sample.utf8)
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    guard !bytes.isEmpty else { break }
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.remove(at: index)
                    case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                    default: bytes = Array(bytes.prefix(index))
                    }
                }
                exercise(Data(bytes))
            }
        }
    }

    @Test func randomBodiesNeverCrash() {
        var random = SeededGenerator(state: 7)
        let alphabet = Array(#"{}[]<>/":,\ abcXYZ019.-eE"#.utf8)
        for _ in 0..<1000 {
            let length = Int.random(in: 0..<200, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random) ? alphabet.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            exercise(Data(bytes))
        }
    }

    @Test func deepNestingIsRefusedNotOverflowed() {
        exercise(Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8))
        exercise(Data((String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)).utf8))
    }

    @Test func errorsAreReadFromEveryShape() {
        func parse(_ status: Int, _ body: String, headers: [String: String] = [:]) -> AWSError {
            ErrorResponseParser.parse(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)), service: "S", operation: "O")
        }
        let json = parse(400, #"{"__type":"com.amazon#ClusterNotFoundException:http://internal","message":"Cluster not found."}"#)
        #expect(json.code == "ClusterNotFoundException")
        #expect(json.errorClass == .notFound)
        #expect(json.message == "Cluster not found.")
        let granite = parse(400, #"{"__type":"GraniteServiceVersion20100801#InvalidParameterCombinationException","message":"x"}"#)
        #expect(granite.code == "InvalidParameterCombinationException")
        #expect(granite.errorClass == .validation)
        let xmlAuth = parse(403, "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>m</Message></Error></Errors></ErrorResponse>")
        #expect(xmlAuth.code == "SignatureDoesNotMatch")
        #expect(xmlAuth.errorClass == .auth)
        let query = parse(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>")
        #expect(query.errorClass == .throttling)
        let restXML = parse(404, "<?xml version=\"1.0\"?><Error><Code>NoSuchHostedZone</Code><Message>none</Message></Error>")
        #expect(restXML.errorClass == .notFound)
        let html = parse(500, "<!DOCTYPE html><html><body>oops</body></html>")
        #expect(html.code == "InternalFailure")
        #expect(html.errorClass == .server)
        let header = parse(400, "", headers: ["x-amzn-errortype": "AccessDeniedException:http://internal.amazon.com/"])
        #expect(header.code == "AccessDeniedException")
        #expect(header.errorClass == .accessDenied)
        let denied = parse(403, #"{"__type":"AccessDenied","Message":"no"}"#)
        #expect(denied.errorClass == .accessDenied)
    }
}
