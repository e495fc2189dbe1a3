/// A country's calling code and national trunk prefix (ITU-T E.164 assignments), for turning a
/// number written nationally (`03-1234-5678` in Japan) into E.164 (`+81312345678`).
///
/// Only countries whose rules are plain are listed; a national number from any other country is
/// left out of the contact files rather than guessed (docs/activation.md). Add a country here with
/// its trunk prefix and a test.
public struct CallingCode: Sendable, Equatable {
    /// The country code without `+` (`81`).
    public var code: String
    /// The prefix dialled before a national number and dropped in E.164 (`0`); nil where the
    /// leading digit belongs to the number (Italy, Spain, Singapore, Hong Kong).
    public var trunkPrefix: String?
    /// The North American Numbering Plan (US, Canada): ten digits after an optional `1`.
    public var isNANP: Bool = false
    /// Whether a national number left starting with `0` after the trunk is removed is refused
    /// (only where the trunk prefix is `0`; Italian numbers keep their leading `0`).
    var dropsLeadingZero: Bool { trunkPrefix == "0" }

    public static let table: [String: CallingCode] = [
        "JP": CallingCode(code: "81", trunkPrefix: "0"),
        "US": CallingCode(code: "1", trunkPrefix: nil, isNANP: true),
        "CA": CallingCode(code: "1", trunkPrefix: nil, isNANP: true),
        "GB": CallingCode(code: "44", trunkPrefix: "0"),
        "DE": CallingCode(code: "49", trunkPrefix: "0"),
        "FR": CallingCode(code: "33", trunkPrefix: "0"),
        "NL": CallingCode(code: "31", trunkPrefix: "0"),
        "AU": CallingCode(code: "61", trunkPrefix: "0"),
        "NZ": CallingCode(code: "64", trunkPrefix: "0"),
        "KR": CallingCode(code: "82", trunkPrefix: "0"),
        "CN": CallingCode(code: "86", trunkPrefix: "0"),
        "TW": CallingCode(code: "886", trunkPrefix: "0"),
        "IN": CallingCode(code: "91", trunkPrefix: "0"),
        "HK": CallingCode(code: "852", trunkPrefix: nil),
        "SG": CallingCode(code: "65", trunkPrefix: nil),
        "IT": CallingCode(code: "39", trunkPrefix: nil),
        "ES": CallingCode(code: "34", trunkPrefix: nil),
    ]
}
