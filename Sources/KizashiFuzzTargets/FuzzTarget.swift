/// The parsers that take bytes from outside, each as one function over arbitrary bytes: what the
/// libFuzzer targets in `Fuzz/` run, and what the corpus replay test runs in CI without libFuzzer.
///
/// A target must never trap, whatever the bytes; where a parser promises something checkable
/// (the same records whatever the chunking, nothing written outside the folder), the target
/// checks it with `precondition`, so a broken promise is a crash the fuzzer reports.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case canonicalCSV = "canonical-csv"
    case shiftJIS = "shift-jis"
    case xlsx
    case zip
    case segmentJSON = "segment-json"
    case bombora
    case nta
    case salesforceJSON = "salesforce-json"

    /// Runs the target on one input.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .canonicalCSV: CSVFuzzing.canonical(bytes)
        case .shiftJIS: CSVFuzzing.encodings(bytes)
        case .xlsx: ArchiveFuzzing.workbook(bytes)
        case .zip: ArchiveFuzzing.extraction(bytes)
        case .segmentJSON: JSONFuzzing.segment(bytes)
        case .bombora: CSVFuzzing.bombora(bytes)
        case .nta: CSVFuzzing.nta(bytes)
        case .salesforceJSON: JSONFuzzing.salesforce(bytes)
        }
    }
}
