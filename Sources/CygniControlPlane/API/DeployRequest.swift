import Crypto
import CygniAWSProvider
import CygniRollout
import Foundation

/// `POST /v1/rollouts`: `{"service": "CLUSTER/SERVICE", "image" | "taskDefinition", "strategy",
/// "steps", "bake", "analysis", "reason"}` and the `Idempotency-Key` header, every field checked
/// with a message naming it, turned into the provider's `DeploySpec`.
struct DeployRequest: Equatable, Sendable {
    static let bodyLimit = 16 * 1024
    static let reasonLimit = 500
    static let fields = ["service", "image", "taskDefinition", "strategy", "steps", "stepPercent", "bake", "rollbackWindow", "analysis", "reason"]
    static let example = #"{"service": "CLUSTER/SERVICE", "image": "REPOSITORY:TAG", "strategy": "canary", "steps": [5, 25, 50], "bake": "5m"}"#

    var spec: DeploySpec
    var idempotencyKey: String

    /// `analysisBase` is the world's judge before the request's overrides.
    init(body: Data, idempotencyKey: String?, analysisBase: AnalysisPolicy = DeploySpec.defaultAnalysis) throws(APIError) {
        self.idempotencyKey = try RequestFields.idempotencyKey(idempotencyKey, example: "deploy")
        let object = try RequestFields.object(body, allowed: Self.fields, example: Self.example)
        let (cluster, service) = try Self.service(object["service"])
        let version = try Self.version(image: object["image"], taskDefinition: object["taskDefinition"])
        let bake = try DurationField.seconds(object["bake"], field: "bake", default: 300)
        let strategy = try Self.strategy(object, bake: bake)
        let analysis = try AnalysisOverrides.policy(object["analysis"], base: analysisBase)
        spec = DeploySpec(
            cluster: cluster, service: service, version: version, strategy: strategy, analysis: analysis,
            reason: try RequestFields.reason(object["reason"], limit: Self.reasonLimit))
        spec.planNamed = Self.planFields.contains { object[$0] != nil }
    }

    /// The fields that shape the plan rather than take its defaults.
    static let planFields = ["strategy", "steps", "stepPercent", "bake", "rollbackWindow"]

    /// Same key and same meaning: the normalized spec, so `"bake": 300` and `"bake": "5m"` agree.
    var hash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hex(String(decoding: (try? encoder.encode(spec)) ?? Data(), as: UTF8.self))
    }

    private static func service(_ value: Any?) throws(APIError) -> (String, String) {
        guard let value else { throw .invalidField("service is required: CLUSTER/SERVICE") }
        guard let text = value as? String else { throw .invalidField("service must be a string: CLUSTER/SERVICE") }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func isName(_ part: String) -> Bool {
            (1...255).contains(part.count) && part.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
        }
        guard parts.count == 2, isName(parts[0]), isName(parts[1]) else {
            throw .invalidField("service \(TokenVerifier.printable(text)) is not CLUSTER/SERVICE (letters, digits, - and _, up to 255 each)")
        }
        return (parts[0], parts[1])
    }

    private static func version(image: Any?, taskDefinition: Any?) throws(APIError) -> DeploySpec.NewVersion {
        func reference(_ value: Any, _ field: String) throws(APIError) -> String {
            guard let text = value as? String, (1...2048).contains(text.count),
                text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
            else { throw .invalidField("\(field) must be a string of 1 to 2048 printable characters without spaces") }
            return text
        }
        switch (image, taskDefinition) {
        case (let image?, nil): return .image(try reference(image, "image"))
        case (nil, let definition?): return .taskDefinition(try reference(definition, "taskDefinition"))
        case (nil, nil): throw .invalidField("image or taskDefinition is required: the version to roll out")
        default: throw .invalidField("give image or taskDefinition, not both")
        }
    }

    private static func strategy(_ object: [String: Any], bake: Double) throws(APIError) -> StrategyPlan {
        let name: String
        switch object["strategy"] {
        case nil: name = "canary"
        case let text as String: name = text
        default: throw .invalidField("strategy must be a string: canary, linear or blueGreen")
        }
        switch name {
        case "canary":
            var steps = try Self.steps(object["steps"]) ?? [5, 25, 50]
            if steps.last != 100 { steps.append(100) }
            return .canary(CanaryParameters(steps: steps, bake: bake))
        case "linear":
            let percent: Int
            switch object["stepPercent"] {
            case nil: percent = 10
            case let number as NSNumber where Double(truncating: number) == Double(number.intValue) && (3...100).contains(number.intValue):
                percent = number.intValue
            default: throw .invalidField("stepPercent must be a whole number from 3 to 100")
            }
            return .linear(LinearParameters(stepPercent: percent, interval: bake))
        case "blueGreen":
            let window = try DurationField.seconds(object["rollbackWindow"], field: "rollbackWindow", default: 900)
            return .blueGreen(BlueGreenParameters(bake: bake, rollbackWindow: window))
        case "rolling", "recreate":
            throw .invalidField("strategy \(name) replaces tasks in place, which task sets cannot do; use canary, linear or blueGreen")
        default:
            throw .invalidField("strategy \(TokenVerifier.printable(name)) is not one of canary, linear, blueGreen")
        }
    }

    private static func steps(_ value: Any?) throws(APIError) -> [Int]? {
        guard let value, !(value is NSNull) else { return nil }
        guard let items = value as? [Any], !items.isEmpty, items.count <= 20 else {
            throw .invalidField("steps must be a list of 1 to 20 traffic percentages, such as [5, 25, 50]")
        }
        var steps: [Int] = []
        for (index, item) in items.enumerated() {
            guard let number = item as? NSNumber, !RequestFields.isBoolean(item), Double(truncating: number) == Double(number.intValue),
                (1...100).contains(number.intValue)
            else { throw .invalidField("steps[\(index)] must be a whole percentage from 1 to 100") }
            if let last = steps.last, number.intValue <= last { throw .invalidField("steps must increase: steps[\(index)] is \(number.intValue) after \(last)") }
            steps.append(number.intValue)
        }
        return steps
    }
}
