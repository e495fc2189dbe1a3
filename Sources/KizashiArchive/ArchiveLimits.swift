/// What a zip from outside (an upload, a package, an `.xlsx`) may unpack to.
///
/// Checked against the central directory before anything is unpacked, and again on the bytes
/// actually inflated (declared sizes can lie). Why a ratio too: a bomb under the size cap (2 MB
/// packing 1.9 GiB) would still cost minutes of CPU and the disk; its ratio gives it away first.
///
/// Measured (deflate as `zip -r` and Python's zipfile write it; unpacked : packed per entry): the
/// demo packages (`kizashi demo`) 1.5–6.6 : 1 at small and medium scale (activities.csv 5.7–5.9,
/// intent.csv 6.4–6.6); the test workbooks' parts 1.4–6.5 : 1; a 1,000-company sheet in Excel's
/// layout 6.8 : 1, one row 10,000 times 12.6 : 1, 50,000 activity rows 8.3 : 1; 200,000 activity
/// rows that differ only in their ID 28 : 1. A run of zeros, the usual bomb, packs 1,029 : 1;
/// 200,000 identical lines 411 : 1 (refused: such a file carries nothing). The default 200 leaves
/// real data seven times the margin of the most repetitive case measured and refuses a bomb at a
/// fifth of deflate's maximum.
public struct ArchiveLimits: Sendable, Equatable {
    /// Bytes all entries together may unpack to (default 2 GiB).
    public var maxUnpackedBytes: Int64
    /// Entries (files and folders) the zip may hold (default 10,000; a package has under 20).
    public var maxEntries: Int
    /// Unpacked : packed size allowed for one entry larger than `ratioExemptBytes` (default 200).
    public var maxCompressionRatio: Int
    /// Entries up to this size are not held to the ratio (a 100 KB file of blanks is no bomb;
    /// the total cap still holds). Default 1 MiB.
    public var ratioExemptBytes: Int64

    public init(
        maxUnpackedBytes: Int64 = 2 << 30, maxEntries: Int = 10_000, maxCompressionRatio: Int = 200,
        ratioExemptBytes: Int64 = 1 << 20
    ) {
        self.maxUnpackedBytes = maxUnpackedBytes
        self.maxEntries = maxEntries
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioExemptBytes = ratioExemptBytes
    }

    public static let `default` = ArchiveLimits()
}
