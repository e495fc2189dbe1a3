import ArgumentParser
import KizashiApp
import KizashiCore

/// `--period` or `--start`/`--end`: the reporting period of `kizashi kpi` and `kizashi attribution`.
struct PeriodOptions: ParsableArguments {
    @Option(help: "A calendar period: 2026Q3, 2026-09 or 2026.") var period: String?
    @Option(help: "First day of a custom period (YYYY-MM-DD).") var start: String?
    @Option(help: "Day after the last day of a custom period (YYYY-MM-DD, exclusive).") var end: String?

    /// The period asked for; the last full quarter before today (in the workspace's time zone)
    /// when none is.
    func resolve(timeZone: WorkspaceTimeZone) throws -> KPIPeriod {
        if let period {
            if start != nil || end != nil { throw ValidationError("give either --period or --start/--end, not both") }
            guard let p = KPIPeriod(label: period) else {
                throw ValidationError("--period \(period): use 2026Q3, 2026-09 or 2026")
            }
            return p
        }
        if start != nil || end != nil {
            guard let start, let s = Day(iso: start) else { throw ValidationError("--start must be a date YYYY-MM-DD") }
            guard let end, let e = Day(iso: end) else { throw ValidationError("--end must be a date YYYY-MM-DD") }
            guard s < e else { throw ValidationError("--end \(end) must be after --start \(start) (end is exclusive)") }
            return KPIPeriod(start: s, end: e)
        }
        return KPIService.lastFullQuarter(before: WorkspaceClock.today(in: timeZone))
    }
}

/// `--tier 1|2|3`, checked the same way by every command that narrows to one tier.
enum TierOption {
    static func resolve(_ tier: Int?) throws -> Tier? {
        try tier.map { t in
            guard let v = Tier(rawValue: t) else { throw ValidationError("--tier must be 1, 2 or 3 (got \(t))") }
            return v
        }
    }
}
