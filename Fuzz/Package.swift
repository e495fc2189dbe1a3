// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for every parser that takes bytes from outside (issue 25). Each is a few
// lines over `KizashiFuzzTargets` (in the root package), which only needs KizashiCore,
// KizashiArchive and the system zlib — no store, no server — so this builds in a few minutes.
//
//   scripts/fuzz.sh TARGET SECONDS     (TARGET: canonical-csv, shift-jis, xlsx, zip,
//                                       segment-json, bombora, nta, salesforce-json)
//
// Built with `swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address
// --scratch-path .build-fuzz` (see scripts/fuzz.sh for why both); seeds in Corpus/TARGET, inputs that once crashed in Crashes/TARGET. The root
// package's `swift test` replays both through the same entry points (FuzzCorpusReplayTests).
let targets = [
    "FuzzCanonicalCSV", "FuzzShiftJIS", "FuzzXLSX", "FuzzZip", "FuzzSegmentJSON", "FuzzBombora", "FuzzNTA",
    "FuzzSalesforceJSON",
]

let package = Package(
    name: "KizashiFuzz",
    dependencies: [.package(name: "Kizashi", path: "..")],
    targets: targets.map {
        .executableTarget(name: $0, dependencies: [.product(name: "KizashiFuzzTargets", package: "Kizashi")])
    },
    swiftLanguageModes: [.v6]
)
