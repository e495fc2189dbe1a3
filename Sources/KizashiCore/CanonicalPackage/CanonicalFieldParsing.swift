/// Field rules of data-format.md §Files, one function per kind of value. Each returns the value
/// or a reason a user can act on.
enum CanonicalField {
    static func timestamp(_ s: String, timeZone: WorkspaceTimeZone) -> Result<Instant, FieldProblem> {
        var s = s
        return s.withUTF8 { timestamp(bytes: $0, timeZone: timeZone) }
    }

    static func timestamp(bytes u: UnsafeBufferPointer<UInt8>, timeZone: WorkspaceTimeZone) -> Result<
        Instant, FieldProblem
    > {
        // YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH:MM|±HHMM]
        let bad = Result<Instant, FieldProblem>.failure(
            "not a timestamp (expected ISO 8601 like 2026-10-01T09:30:00+09:00; a sheet imported with --from sheet may also write 2026/10/1 9:30)"
        )
        guard u.count >= 16, let day = Day(isoBuffer: UnsafeBufferPointer(rebasing: u[0..<10])),
            u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "t")
        else { return bad }
        func num(_ a: Int, _ len: Int) -> Int? {
            guard a + len <= u.count else { return nil }
            var v = 0
            for k in a..<(a + len) {
                guard u[k] >= 48 && u[k] <= 57 else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            return v
        }
        guard let hh = num(11, 2), u[13] == UInt8(ascii: ":"), let mm = num(14, 2), hh < 24, mm < 60 else { return bad }
        var i = 16
        var ss = 0, ms = 0
        if i < u.count && u[i] == UInt8(ascii: ":") {
            guard let v = num(i + 1, 2), v < 60 else { return bad }
            ss = v
            i += 3
            if i < u.count && (u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ",")) {
                i += 1
                var digits = 0, frac = 0
                while i < u.count && u[i] >= 48 && u[i] <= 57 {
                    if digits < 3 { frac = frac * 10 + Int(u[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return bad }
                // Digits past the milliseconds are dropped. (`digits..<3` trapped on 4 or more —
                // a Python `isoformat()` timestamp crashed the server; found by fuzzing, issue 25.)
                if digits < 3 { for _ in digits..<3 { frac *= 10 } }
                ms = frac
            }
        }
        let seconds = hh * 3600 + mm * 60 + ss
        if i == u.count { return .success(timeZone.instant(localDay: day, secondsOfDay: seconds, milliseconds: ms)) }
        var offset: Int
        if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") {
            guard i + 1 == u.count else { return bad }
            offset = 0
        } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = num(i + 1, 2) else { return bad }
            var om = 0
            if i + 3 == u.count {
                om = 0
            } else if u.count == i + 6, u[i + 3] == UInt8(ascii: ":"), let v = num(i + 4, 2) {
                om = v
            } else if u.count == i + 5, let v = num(i + 3, 2) {
                om = v
            } else {
                return bad
            }
            guard oh <= 14, om < 60 else { return bad }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return bad
        }
        let wall = Int64(day.daysSinceEpoch) * 86_400_000 + Int64(seconds) * 1000 + Int64(ms)
        return .success(Instant(millisecondsSinceEpoch: wall - Int64(offset) * 1000))
    }

    static func day(_ s: String) -> Result<Day, FieldProblem> {
        Day(iso: s).map { .success($0) }
            ?? .failure(
                "not a date (expected YYYY-MM-DD; a sheet imported with --from sheet may also write 2026/9/1 or 2026年9月1日)"
            )
    }

    static func bool(_ s: String) -> Result<Bool, FieldProblem> {
        switch s.lowercased() {
        case "true", "1", "yes": .success(true)
        case "false", "0", "no": .success(false)
        default: .failure("not a boolean (use true/false, 1/0 or yes/no)")
        }
    }

    /// A plain decimal number; negative amounts are refused.
    static func money(_ s: String) -> Result<Double, FieldProblem> {
        let u = Array(s.utf8)
        var i = 0
        var negative = false
        if i < u.count && (u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+")) {
            negative = u[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits = 0, dots = 0
        while i < u.count {
            if u[i] >= 48 && u[i] <= 57 {
                digits += 1
            } else if u[i] == UInt8(ascii: ".") {
                dots += 1
            } else {
                return .failure("not a plain decimal number (no currency signs or thousands separators)")
            }
            i += 1
        }
        guard digits > 0, dots <= 1, let v = Double(s), v.isFinite else {
            return .failure("not a plain decimal number")
        }
        if negative && v != 0 { return .failure("must not be negative") }
        return .success(abs(v))
    }

    static func integer(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(s)
    }

    static func enumeration<E: RawRepresentable & CaseIterable>(_ s: String, _: E.Type) -> Result<E, FieldProblem>
    where E.RawValue == String {
        if let e = E(rawValue: s) { return .success(e) }
        return .failure(FieldProblem("unknown value; allowed: \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
    }
}

/// Why a field value is not acceptable, in words a user can act on.
struct FieldProblem: Error, ExpressibleByStringLiteral, Sendable {
    var reason: String
    init(stringLiteral value: String) { reason = value }
    init(_ reason: String) { self.reason = reason }
}
