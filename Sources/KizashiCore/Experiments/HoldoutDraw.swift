/// The stratified random holdout of an experiment (issue 24 §4), pure and reproducible.
///
/// How the draw goes, so anyone can redo it by hand from the stored seed:
/// 1. The candidates are grouped by stratum; strata are taken in ascending order of their key
///    (Unicode code points), and inside a stratum the accounts in ascending `company_id` order.
/// 2. A stratum of `n` accounts gives `k = ⌊(n × bp + 5000) / 10000⌋` accounts to the holdout,
///    `bp` the share in hundredths of a percent (20 % = 2000): n × share rounded half up, so
///    every stratum keeps the share and the total is within half an account per stratum of it.
/// 3. One `SplitMix64(seed:)` runs through all strata in that order: for `i` in `0..<k` a
///    partial Fisher–Yates shuffle swaps position `i` with `i + below(n − i)`; the first `k`
///    accounts are the holdout.
public enum HoldoutDraw {
    public struct Candidate: Sendable, Equatable {
        public var companyId: String
        public var stratum: String
        public init(companyId: String, stratum: String) {
            self.companyId = companyId
            self.stratum = stratum
        }
    }

    /// The company_ids drawn into the holdout. Duplicated candidates count once.
    public static func holdout(of candidates: [Candidate], share: HoldoutShare, seed: UInt64) -> Set<String> {
        var strata: [String: Set<String>] = [:]
        for c in candidates { strata[c.stratum, default: []].insert(c.companyId) }
        var rng = SplitMix64(seed: seed)
        var out: Set<String> = []
        for key in strata.keys.sorted(by: Self.codePointOrder) {
            var ids = strata[key]!.sorted(by: Self.codePointOrder)
            let k = share.count(of: ids.count)
            for i in 0..<k {
                let j = i + Int(rng.below(UInt64(ids.count - i)))
                ids.swapAt(i, j)
            }
            out.formUnion(ids[0..<k])
        }
        return out
    }

    /// Unicode code point order (Swift's `<` on String compares by canonical equivalence, which
    /// another implementation would have to copy; code points are what everyone can redo).
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}

/// The holdout's share of each stratum, in hundredths of a percent (1 … 9999): strictly between
/// none and all, since an experiment needs both groups.
public struct HoldoutShare: Sendable, Equatable, CustomStringConvertible {
    public let basisPoints: Int

    public init?(basisPoints: Int) {
        guard basisPoints > 0, basisPoints < 10_000 else { return nil }
        self.basisPoints = basisPoints
    }

    /// "20%", "20", "12.5%", "0.5 %": a percentage with at most two decimals, 0 < p < 100.
    /// Anything else (a sign, an exponent, "1e1", 30 digits, "NaN") is nil: no Double parse, so no
    /// rounding surprise and no trap.
    public init?(percentText: String) {
        var t = Substring(percentText.trimmingASCIIWhitespace())
        if t.hasSuffix("%") { t = t.dropLast() }
        t = Substring(String(t).trimmingASCIIWhitespace())
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...2).contains(whole.count),
            whole.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        var bp = Int(whole)! * 100
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...2).contains(frac.count), frac.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            bp += Int(frac)! * (frac.count == 1 ? 10 : 1)
        }
        self.init(basisPoints: bp)
    }

    /// Accounts of a stratum of `n` that go to the holdout: n × share, rounded half up.
    public func count(of n: Int) -> Int { (n * basisPoints + 5000) / 10_000 }

    /// "20%", "12.5%", "0.05%".
    public var description: String {
        let whole = basisPoints / 100, frac = basisPoints % 100
        if frac == 0 { return "\(whole)%" }
        return frac % 10 == 0 ? "\(whole).\(frac / 10)%" : "\(whole).\(frac < 10 ? "0" : "")\(frac)%"
    }

    public var fraction: Double { Double(basisPoints) / 10_000 }
}
