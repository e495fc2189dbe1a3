/// What a zip from outside (an upload, a package, an `.xlsx`) may unpack to.
///
/// Checked against the central directory before anything is unpacked, and again on the bytes
/// actually inflated (declared sizes can lie). Why a ratio: a 3 MB zip holding a 3 GiB
/// `companies.csv` (issue 25) is only refused early if its shape gives it away.
///
/// Measured (TODO-MEASURE)
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
