/// The IDs an import knows of one entity: in the workspace, or accepted earlier in the same
/// import (data-format.md: a reference must exist "in the workspace or in the same import").
///
/// Why not `Set<String>`: an activity row looks up two IDs, and each lookup in a `Set` is a
/// SipHash with the set's seed, about a tenth of the parsing thread (perf, BENCHMARKS.md). IDs
/// are short; FNV-1a over their bytes picks a slot of an open-addressing table and a string
/// comparison confirms a match. FNV can be made to collide on purpose; the IDs come from the
/// user's own files, so the worst case is a slower import of their own making, never a wrong one.
struct KnownIDs: Sendable {
    /// The table itself: each ID in its slot, "" = empty (an ID is never empty: data-format.md
    /// requires a value, trimmed). One array, so a lookup touches one cache line, not an index
    /// and then the ID (two cache misses per lookup measured as slow as the `Set`, perf).
    private var slots: [String]
    private var mask: Int
    private(set) var count = 0

    init() {
        slots = [String](repeating: "", count: 1024)
        mask = 1023
    }

    init<S: Sequence>(_ ids: S) where S.Element == String {
        self.init()
        for id in ids { insert(id) }
    }

    func contains(_ id: String) -> Bool {
        guard !id.isEmpty else { return false }
        var i = Self.hash(id) & mask
        while true {
            let s = slots[i]
            if s.isEmpty { return false }
            if s == id { return true }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ id: String) {
        guard !id.isEmpty else { return }
        if (count + 1) * 2 > slots.count { grow() }
        var i = Self.hash(id) & mask
        while true {
            if slots[i].isEmpty {
                slots[i] = id
                count += 1
                return
            }
            if slots[i] == id { return }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [String](repeating: "", count: old.count * 2)
        mask = slots.count - 1
        for id in old where !id.isEmpty {
            var i = Self.hash(id) & mask
            while !slots[i].isEmpty { i = (i + 1) & mask }
            slots[i] = id
        }
    }

    static func hash(_ id: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var s = id
        s.withUTF8 { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        // FNV-1a's low bits, which pick the slot, are weak for short keys: fold the high bits in.
        h ^= h >> 29
        h &*= 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }
}
