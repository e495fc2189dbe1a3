/// The National Tax Agency's 法人番号 publication file (realdata/formats/nta_houjin_bangou_layout.md):
/// headerless CSV, 30 columns (extra trailing columns tolerated), one row per corporation (the
/// latest record has `latest` = 1). Used as an external company master: workspace companies are
/// matched by corporate number, else by normalised name + prefecture; missing fields are filled,
/// closed corporations flagged, and `verified_on` set to the record's update date.
public enum NTACorporateMaster {
    public struct Record: Sendable, Equatable {
        public var corporateNumber: String
        public var process: String
        public var updateDate: Day?
        public var name: String
        public var kind: String
        public var prefecture: String
        public var city: String
        public var street: String
        public var postCode: String
        public var closeDate: Day?
        public var closeCause: String
        public var latest: Bool
        public var englishName: String
        public var furigana: String

        /// 処理区分 21 (登記記録の閉鎖等) or a close date: the corporation no longer exists.
        public var isClosed: Bool { process == "21" || closeDate != nil }
    }

    public static func parse(_ f: [String], line: Int) -> Result<Record, ConnectorRowProblem> {
        guard f.count >= 30 else {
            return .failure(
                ConnectorRowProblem(line: line, column: "*", reason: "\(f.count) columns; the NTA file has 30"))
        }
        let t = { (i: Int) in f[i].trimmingASCIIWhitespace() }
        let number = t(1)
        guard CorporateNumber.isValid(number) else {
            return .failure(
                ConnectorRowProblem(
                    line: line, column: "corporate_number", reason: "\"\(number)\" fails the check digit"))
        }
        guard !t(6).isEmpty else {
            return .failure(ConnectorRowProblem(line: line, column: "name", reason: "empty name"))
        }
        return .success(
            Record(
                corporateNumber: number, process: t(2), updateDate: Day(iso: t(4)), name: t(6), kind: t(8),
                prefecture: t(9),
                city: t(10), street: t(11), postCode: t(15), closeDate: t(18).isEmpty ? nil : Day(iso: t(18)),
                closeCause: t(19), latest: t(23) != "0", englishName: t(24), furigana: t(28)))
    }

    /// What matching one NTA record did to one workspace company.
    public struct Match: Sendable, Equatable {
        public enum Basis: String, Sendable {
            case corporateNumber = "corporate_number", nameAndPrefecture = "name_prefecture"
        }
        public var companyId: String
        public var basis: Basis
        public var updated: Company
        /// Fields filled from the master (they were empty).
        public var filled: [String]
        public var closed: Bool
    }

    /// Applies a record to a company: fills the corporate number, prefecture and country when
    /// empty, sets verified_on to the record's update date (never moving it backwards).
    public static func apply(_ r: Record, to c: Company, basis: Match.Basis) -> Match {
        var u = c
        var filled: [String] = []
        if (u.corporateNumber ?? "").isEmpty {
            u.corporateNumber = r.corporateNumber
            filled.append("corporate_number")
        }
        if (u.region ?? "").isEmpty && !r.prefecture.isEmpty {
            u.region = r.prefecture
            filled.append("region")
        }
        if (u.country ?? "").isEmpty {
            u.country = "JP"
            filled.append("country")
        }
        if let d = r.updateDate, u.verifiedOn.map({ $0 < d }) ?? true {
            u.verifiedOn = d
            filled.append("verified_on")
        }
        return Match(companyId: c.id, basis: basis, updated: u, filled: filled, closed: r.isClosed)
    }

    /// The name + prefecture key of kpis.md §duplicate_rate (normalised name, normalised region).
    public static func nameKey(name: String, prefecture: String) -> String? {
        let n = CompanyNameNormalizer.normalize(name), p = CompanyNameNormalizer.normalizeRegion(prefecture)
        return n.isEmpty || p.isEmpty ? nil : n + "|" + p
    }
}

/// A connector row that cannot be used, with where and why.
public struct ConnectorRowProblem: Error, Sendable, Equatable {
    public var line: Int
    public var column: String
    public var reason: String
    public init(line: Int, column: String, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }
}
