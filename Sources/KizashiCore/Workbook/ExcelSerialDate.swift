/// Excel's serial dates (1900 date system) as the canonical `YYYY-MM-DD` text, or
/// `YYYY-MM-DDTHH:MM:SS` with a time part.
///
/// Serial 1 is 1900-01-01 and 2,958,465 is 9999-12-31, the last day Excel shows. Lotus's phantom
/// 1900-02-29 is serial 60: serials from 61 count days from 1899-12-30, those below from
/// 1899-12-31 (60 reads as 1900-02-28). A value outside 0 ..< 2,958,466 — negative, NaN,
/// infinite, `1e300` from a crafted file — is no date (nil), never a trap.
public enum ExcelSerialDate {
    public static let maxSerial = 2_958_465.0

    public static func text(serial: Double) -> String? {
        guard serial.isFinite, serial >= 0, serial < maxSerial + 1 else { return nil }
        let whole = serial.rounded(.down)
        let days = Int32(whole)
        let day = Day(daysSinceEpoch: days - 25_569 + (days < 60 ? 1 : 0))
        let seconds = Int(((serial - whole) * 86_400).rounded())
        guard seconds > 0, seconds < 86_400 else { return day.description }
        return day.description + "T" + Day.pad(seconds / 3600, 2) + ":" + Day.pad((seconds / 60) % 60, 2) + ":"
            + Day.pad(seconds % 60, 2)
    }
}
