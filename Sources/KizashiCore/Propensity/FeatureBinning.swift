/// Cut points of each feature for histogram-based trees (as LightGBM does): a split can only
/// fall on a cut, so finding the best split of a node costs one pass over its samples plus one
/// scan over at most `maxBins` bins per feature, however many distinct values a feature has.
///
/// A cut is a value seen in the training data; a sample goes left of cut `t` when `x ≤ t`, so a
/// trained tree applies to raw values (stored models need no binning to predict).
public struct FeatureBinning: Sendable, Equatable {
    /// Per feature, the cuts in increasing order; bin b holds `cuts[b-1] < x ≤ cuts[b]`, the last
    /// bin everything above the last cut.
    public var cuts: [[Double]]

    /// With at most `maxBins` distinct values, every distinct value but the largest is a cut;
    /// otherwise the values at the 1/maxBins … (maxBins−1)/maxBins quantiles (duplicates dropped).
    public init(columns: [[Double]], maxBins: Int) {
        let bins = max(2, min(maxBins, 255))
        cuts = columns.map { column in
            let sorted = column.filter { !$0.isNaN }.sorted()
            var distinct: [Double] = []
            for v in sorted where distinct.last != v { distinct.append(v) }
            guard distinct.count > 1 else { return [] }
            if distinct.count <= bins { return Array(distinct.dropLast()) }
            var out: [Double] = []
            for b in 1..<bins {
                let v = sorted[b * sorted.count / bins]
                if v != distinct.last!, out.last != v { out.append(v) }
            }
            return out
        }
    }

    public func binCount(_ feature: Int) -> Int { cuts[feature].count + 1 }

    /// The bin of `x` for `feature`: the first cut `x` does not exceed (binary search).
    public func bin(_ x: Double, feature: Int) -> UInt8 {
        let c = cuts[feature]
        var lo = 0, hi = c.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x <= c[mid] { hi = mid } else { lo = mid + 1 }
        }
        return UInt8(lo)
    }
}
