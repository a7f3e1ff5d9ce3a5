import Foundation
import Testing
@testable import CygniRollout

private struct VectorFile: Decodable {
    struct Vector: Decodable {
        var name: String
        var x: [Double]
        var y: [Double]
        var u: Double
        var pValue_twoSided: Double
        var pValue_greater: Double
        var pValue_less: Double
        var hodgesLehmann: Double
    }

    var scipy: String
    var vectors: [Vector]

    static func load() throws -> VectorFile {
        let url = try #require(Bundle.module.url(forResource: "mann-whitney", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: url))
    }
}

private func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= relative * max(abs(a), abs(b)) || abs(a - b) < 1e-300
}

@Suite("Mann-Whitney and Hodges-Lehmann against SciPy")
struct StatisticsVectorTests {
    @Test func vectorsArePresent() throws {
        let file = try VectorFile.load()
        #expect(file.vectors.count >= 30)
        #expect(file.scipy.hasPrefix("1."))
    }

    @Test func uStatisticMatchesSciPy() throws {
        for vector in try VectorFile.load().vectors {
            let result = MannWhitney.test(vector.x, vector.y)
            #expect(result.u == vector.u, "\(vector.name) n=\(vector.x.count)")
        }
    }

    @Test func pValuesMatchSciPy() throws {
        for vector in try VectorFile.load().vectors {
            let label = "\(vector.name) n=\(vector.x.count)/\(vector.y.count)"
            let two = MannWhitney.test(vector.x, vector.y, alternative: .twoSided).pValue
            let greater = MannWhitney.test(vector.x, vector.y, alternative: .greater).pValue
            let less = MannWhitney.test(vector.x, vector.y, alternative: .less).pValue
            #expect(close(two, vector.pValue_twoSided), "\(label): two-sided \(two) vs \(vector.pValue_twoSided)")
            #expect(close(greater, vector.pValue_greater), "\(label): greater \(greater) vs \(vector.pValue_greater)")
            #expect(close(less, vector.pValue_less), "\(label): less \(less) vs \(vector.pValue_less)")
        }
    }

    @Test func hodgesLehmannMatchesNumPy() throws {
        for vector in try VectorFile.load().vectors {
            let estimate = HodgesLehmann.estimate(vector.x, vector.y)
            #expect(close(estimate, vector.hodgesLehmann, relative: 1e-12), "\(vector.name): \(estimate) vs \(vector.hodgesLehmann)")
        }
    }
}

@Suite("Hodges-Lehmann selection")
struct HodgesLehmannTests {
    private func bruteForce(_ x: [Double], _ y: [Double]) -> Double {
        let differences = x.flatMap { xi in y.map { xi - $0 } }.sorted()
        let middle = differences.count / 2
        return differences.count.isMultiple(of: 2) ? (differences[middle - 1] + differences[middle]) / 2 : differences[middle]
    }

    @Test(arguments: 1...60)
    func matchesBruteForce(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let n = random.int(1...40), m = random.int(1...40)
        // Rounded values make ties and equal differences, the cases selection gets wrong first.
        let x = (0..<n).map { _ in (random.normal() * 10).rounded() / 2 }
        let y = (0..<m).map { _ in (random.normal() * 10 + Double(seed % 3)).rounded() / 2 }
        #expect(HodgesLehmann.estimate(x, y) == bruteForce(x, y))
    }

    @Test(arguments: 1...8)
    func matchesBruteForceOnLargeTiedSamples(seed: Int) {
        var random = SeededGenerator(seed: UInt64(1_000 + seed))
        let n = random.int(150...400), m = random.int(150...400)
        // Few distinct values: most differences tie, so brackets cannot shrink below a tie.
        let x = (0..<n).map { _ in Double(random.int(0...(seed % 2 == 0 ? 3 : 40))) }
        let y = (0..<m).map { _ in Double(random.int(0...(seed % 2 == 0 ? 3 : 40))) + (seed % 3 == 0 ? 0.5 : 0) }
        #expect(HodgesLehmann.estimate(x, y) == bruteForce(x, y))
        let smooth = (0..<n).map { _ in exp(random.normal()) }
        let other = (0..<m).map { _ in exp(random.normal()) * 1.1 }
        #expect(HodgesLehmann.estimate(smooth, other) == bruteForce(smooth, other))
    }

    @Test func handlesNegativeZeroAndInfinitiesOfScale() {
        #expect(HodgesLehmann.estimate([0, -0.0], [0]) == 0)
        #expect(HodgesLehmann.estimate([1e300], [-1e300]) == 2e300)
        #expect(HodgesLehmann.estimate([], [1]).isNaN)
    }

    @Test func constantSamplesGiveAnUninformativeTest() {
        #expect(MannWhitney.test([3, 3, 3], [3, 3]).pValue == 1)
        #expect(MannWhitney.test([], [1, 2]).pValue == 1)
    }
}
