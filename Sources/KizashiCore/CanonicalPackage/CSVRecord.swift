/// One CSV record: its fields as raw bytes and the physical line it starts on (1-based).
///
/// The fields of every record of one `drain()` share two buffers (their bytes, and where each
/// field ends); a record holds slices of them. Why: an array per field cost nine allocations per
/// activity row, the largest part of parsing a large import.
public struct CSVRecord: Sendable {
    public var line: Int
    /// The fields' bytes back to back (quotes removed, doubled quotes undone).
    let bytes: ArraySlice<UInt8>
    /// The absolute index in `bytes`' base where each field ends.
    let ends: ArraySlice<Int>
    /// Set when the quoting of this record is malformed; the fields are then unreliable.
    public var malformed: String?

    public init(line: Int, fields: [[UInt8]], malformed: String? = nil) {
        var b: [UInt8] = []
        var e: [Int] = []
        for f in fields {
            b.append(contentsOf: f)
            e.append(b.count)
        }
        self.init(line: line, bytes: b[...], ends: e[...], malformed: malformed)
    }

    init(line: Int, bytes: ArraySlice<UInt8>, ends: ArraySlice<Int>, malformed: String?) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
        self.malformed = malformed
    }

    /// How many fields the record has.
    public var count: Int { ends.count }

    /// The bytes of field `i` (0-based).
    public subscript(field i: Int) -> ArraySlice<UInt8> {
        let k = ends.startIndex + i
        let start = i == 0 ? bytes.startIndex : ends[k - 1]
        return bytes[start..<ends[k]]
    }

    /// Calls `body` with the fields' bytes, read in place, each field's end as an index in the
    /// tokenizer's buffer (`ends`), and the index there of the first byte (`origin`).
    func withUnsafeFields<R>(
        _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ ends: UnsafeBufferPointer<Int>, _ origin: Int) -> R
    ) -> R {
        bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { e in body(b, e, bytes.startIndex) } }
    }

    /// Every field as its own array (for the small files: headers, IP ranges, connectors).
    public var fields: [[UInt8]] { (0..<count).map { Array(self[field: $0]) } }

    /// Fields decoded as text (trimmed by the row parser, not here).
    public func decodedFields(encoding: SourceEncoding) throws -> [String] {
        try (0..<count).map { try encoding.decode(self[field: $0]) }
    }
}
