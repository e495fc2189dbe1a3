/// company_id → row of an account list, for the ranking's hundreds of thousands of lookups.
///
/// Why not a `[String: Int]`: Swift's String hashing (SipHash) of every company ID, building and
/// probing, was almost half of ranking 100k accounts. FNV-1a over the UTF-8 bytes and open
/// addressing over row numbers do the same exact lookup (bytes compared on a hash match).
struct CompanyRowIndex {
    private var slots: [Int32]
    private var hashes: [UInt64]
    private let mask: Int
    private let ids: [String]

    init(_ rows: [AccountListRow]) {
        var capacity = 16
        while capacity < rows.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: -1, count: capacity)
        hashes = Array(repeating: 0, count: capacity)
        ids = rows.map(\.companyId)
        for (k, id) in ids.enumerated() {
            let h = Self.hash(id)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 {
                if hashes[i] == h && ids[Int(slots[i])] == id { break }  // a repeated ID: the first row keeps it
                i = (i + 1) & mask
            }
            if slots[i] < 0 {
                slots[i] = Int32(k)
                hashes[i] = h
            }
        }
    }

    static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { b in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for u in b { h = (h ^ UInt64(u)) &* 0x100_0000_01b3 }
            return h
        }
    }

    func row(of id: String) -> Int? {
        let h = Self.hash(id)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            if hashes[i] == h && ids[Int(slots[i])] == id { return Int(slots[i]) }
            i = (i + 1) & mask
        }
        return nil
    }
}
