import CygniAWS
import Foundation

// SigV4 signing throughput: `swift run -c release AWSBenchmarks [python3]`. Signs the same
// awsJson request (ECS DescribeServices, 200-byte body) as scripts/bench-botocore-sigv4.py does
// with botocore's SigV4Auth, in the same run, and prints the ratio.

let credentials = Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
let body = Data(String(repeating: "{\"cluster\":\"prod\",\"services\":[\"checkout\"]}", count: 5).utf8)
let base = HTTPRequest(
    method: "POST", url: "https://ecs.eu-west-1.amazonaws.com/",
    headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeServices")],
    body: body
)
let signer = SigV4Signer()
let date = Date(timeIntervalSince1970: 1_795_683_600)
let iterations = 100_000
var sink = 0
for _ in 0..<1000 {
    var request = base
    signer.sign(&request, credentials: credentials, region: "eu-west-1", service: "ecs", date: date)
}
let start = ContinuousClock.now
for _ in 0..<iterations {
    var request = base
    signer.sign(&request, credentials: credentials, region: "eu-west-1", service: "ecs", date: date)
    sink &+= request.headers.count
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let ours = Double(iterations) / seconds
print(String(format: "cx SigV4Signer:       %10.0f signatures/s", ours))

// botocore in the same run, when python3 and botocore are present.
let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scripts/bench-botocore-sigv4.py").path
let python = CommandLine.arguments.dropFirst().first ?? "python3"
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = [python, script]
let output = Pipe()
process.standardOutput = output
do {
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if let theirs = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), theirs > 0 {
        print(String(format: "botocore SigV4Auth:   %10.0f signatures/s", theirs))
        print(String(format: "ratio:                %10.1fx (target >= 20x)", ours / theirs))
    } else {
        print("botocore: no figure (is botocore installed?)")
    }
} catch {
    print("botocore: \(error)")
}
if sink == 42 { print("") }
