import KizashiCore

/// A zip that is refused, and why, in a sentence a user can act on. Nothing of it was unpacked
/// (or what was is removed again).
public struct ArchiveRejected: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Unpacks (or declares it unpacks) to more than `maxUnpackedBytes`, or an entry inflates
        /// to more than it declares.
        case tooLarge
        case tooManyEntries
        case compressionRatio
        /// An entry that would land outside the folder, a link, a device, or a name used twice.
        case unsafePath
        /// Not a zip, or a damaged, encrypted or split one, or a compression method not read here.
        case notAZip
    }

    public var reason: Reason
    /// The entry's name as the zip has it (nil: the archive as a whole).
    public var entry: String?
    /// What is wrong, without the entry's name.
    public var detail: String

    public init(_ reason: Reason, entry: String? = nil, _ detail: String) {
        self.reason = reason
        self.entry = entry
        self.detail = detail
    }

    public var description: String {
        guard let entry else { return "The zip was refused: \(detail)." }
        return "The zip was refused: entry \"\(Self.printable(entry))\" \(detail)."
    }

    /// A name from outside, shown safely: control characters as `\u{…}`, at most 200 characters.
    static func printable(_ name: String) -> String { OutsideText.shown(name, limit: 200) }
}
