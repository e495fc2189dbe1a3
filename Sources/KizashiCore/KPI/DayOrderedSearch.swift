/// The first position in `0..<count` whose day is not before `d`, for rows ordered by day
/// (`day(i)` reads row i's day): the binary search behind every window of the roll-ups and the
/// intent index.
func firstPosition(notBefore d: Day, count: Int, day: (Int) -> Day) -> Int {
    var lo = 0, hi = count
    while lo < hi {
        let mid = (lo + hi) / 2
        if day(mid) < d { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
