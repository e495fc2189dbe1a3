import Foundation
import Testing

@testable import KizashiCore

/// What the segment-json fuzz target found (Fuzz/Crashes/segment-json/crash-timestamp-with-5-fraction-digits):
/// a timestamp with more than three fraction digits built the range `digits..<3` and trapped —
/// in `POST /api/v1/events` (Python's `isoformat()` writes six) and in every canonical import.
@Suite("Timestamps with more than three fraction digits")
struct TimestampFuzzFindingTests {
    /// 2026-09-01 is day 20,697 after 1970-01-01 (Excel serial 46,266 − 25,569); 10:00 at +09:00 is
    /// 01:00Z: 20,697 × 86,400,000 + 3,600,000 = 1,788,224,400,000 ms.
    static let tenAM: Int64 = 1_788_224_400_000

    @Test(
        "digits past the milliseconds are dropped, not a trap",
        arguments: [
            ("2026-09-01T10:00:00.1234+09:00", 123), ("2026-09-01T10:00:00,09500+09:00", 95),
            ("2026-09-01T10:00:00.123456+09:00", 123), ("2026-09-01T01:00:00.999999999Z", 999),
            ("2026-09-01T10:00:00.5+09:00", 500),
        ])
    func fractions(_ text: String, _ ms: Int64) throws {
        let instant = try CanonicalField.timestamp(text, timeZone: .tokyo).get()
        #expect(instant.millisecondsSinceEpoch == Self.tenAM + ms)
    }

    @Test("a Segment track call with a microsecond timestamp is accepted")
    func segmentCall() throws {
        let call: [String: Any] = [
            "type": "track", "messageId": "m1", "userId": "u1", "event": "Demo Requested",
            "timestamp": "2026-09-01T10:00:00.123456+09:00",
        ]
        // Which time an event keeps is the events route's business (issue 25 §1); parsing must not trap.
        let event = try TrackedEvent.parse(
            call, mapping: EventTypeMapping(), timeZone: .tokyo, receivedAt: Instant(millisecondsSinceEpoch: 0)
        ).get()
        #expect(event.messageId == "m1")
    }
}
