import Foundation
import KizashiFuzzTargets
import Testing

/// CI's cheap share of the fuzzing (issue 25): every committed seed (Fuzz/Corpus/TARGET) and
/// every input that once crashed a target (Fuzz/Crashes/TARGET) runs through the same entry
/// point the libFuzzer target calls. A trap fails the test run; a regression is caught here.
@Suite("Fuzz corpora replay")
struct FuzzCorpusReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ target: FuzzTarget, in folder: String) -> [URL] {
        let dir = fuzz.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test("every seed and every past crash runs through its target", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let seeds = Self.inputs(target, in: "Corpus")
        #expect(!seeds.isEmpty, "no seeds in Fuzz/Corpus/\(target.rawValue)")
        for file in seeds + Self.inputs(target, in: "Crashes") {
            target.run(Array(try Data(contentsOf: file)))
        }
    }
}
